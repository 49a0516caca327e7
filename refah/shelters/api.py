"""The sealed services under /api/v1/shelters/, for the staff named in a unit: their cases (list, read, open at
the unit), notes and shelter stays. A sealed record asked for by anyone else is a 404, exactly like a wrong id
(the attempt is written to the sealed audit); a list holds only the caller's units' cases."""

from typing import Literal

from ninja import Router
from ninja.responses import Status

from refah.audit.enums import AccessChannel
from refah.common.paging import page_query, page_size_query
from refah.shelters import selectors, services
from refah.shelters.models import ProtectionCase, ShelterStay
from refah.shelters.schemas import (
    NoteIn,
    NoteOut,
    ProtectionCaseDetailOut,
    ProtectionCaseIn,
    ProtectionCaseOut,
    ProtectionCasePage,
    StayEndIn,
    StayIn,
    StayOut,
)

router = Router(tags=["shelters"])


def case_out(c: ProtectionCase) -> dict:
    fields = ("id", "reference", "unit_id", "person_id", "opened_on", "source", "risk_level", "status", "closed_on")
    return {**{f: getattr(c, f) for f in fields}, "unit_name": c.unit.name, "person_name": c.person_name}


def note_out(n) -> dict:
    return {"id": n.pk, "at": n.created_at, "author": n.author.get_username(), "text": n.text}


def stay_out(s: ShelterStay) -> dict:
    fields = ("id", "case_id", "shelter_id", "children", "started_on", "ended_on")
    return {**{f: getattr(s, f) for f in fields}, "shelter_name": s.shelter.name}


@router.get("/cases", response=ProtectionCasePage)
def shelters_case_list(
    request,
    status: Literal["open", "closed", "all"] = "open",
    page: int = page_query(),
    page_size: int = page_size_query(),
):
    """The cases of the units the caller is named in, newest first (none for anyone not named)."""
    rows = selectors.case_list(user=request.user, status=None if status == "all" else status)
    items = list(rows[(page - 1) * page_size : page * page_size])
    for case in items:
        selectors.sealed_read(user=request.user, obj=case, channel=AccessChannel.API)
    return {"count": rows.count(), "page": page, "page_size": page_size, "items": [case_out(c) for c in items]}


@router.post("/units/{unit_id}/cases", response={201: ProtectionCaseOut})
def shelters_case_create(request, unit_id: str, payload: ProtectionCaseIn):
    """Open a case at the unit (a walk-in, ALO 183, the police): the person by TC Kimlik No or the name she gave."""
    unit = selectors.access_unit_by_id(user=request.user, unit_id=unit_id)
    return Status(201, case_out(services.case_open(actor=request.user, unit=unit, **payload.dict())))


@router.get("/cases/{case_id}", response=ProtectionCaseDetailOut)
def shelters_case_read(request, case_id: str):
    """A case with its notes, protective orders, shelter stays and referrals out."""
    case = selectors.access_case_by_id(user=request.user, case_id=case_id, channel=AccessChannel.API)
    return {
        **case_out(case),
        "intake_reason": case.intake_reason,
        "notes": [note_out(n) for n in case.notes.select_related("author")],
        "orders": list(case.orders.values("id", "kind", "issuer", "issued_on", "starts_on", "ends_on")),
        "stays": [stay_out(s) for s in case.stays.select_related("shelter").defer("shelter__address")],
        "referrals_out": list(case.referrals_out.values("id", "to_kind", "institution", "made_on")),
    }


@router.post("/cases/{case_id}/notes", response={201: NoteOut})
def shelters_note_create(request, case_id: str, payload: NoteIn):
    """Add a note to the case."""
    case = selectors.access_case_by_id(user=request.user, case_id=case_id, channel=AccessChannel.API)
    return Status(201, note_out(services.note_add(actor=request.user, case=case, text=payload.text)))


@router.post("/cases/{case_id}/stays", response={201: StayOut})
def shelters_stay_create(request, case_id: str, payload: StayIn):
    """Place the case's person (and her children) in a shelter of the province; 409 when it has no room."""
    case = selectors.access_case_by_id(user=request.user, case_id=case_id, channel=AccessChannel.API)
    shelter = services.shelters_for(case).filter(pk=payload.shelter_id).first()
    stay = services.stay_start(
        actor=request.user, case=case, shelter=shelter, children=payload.children, started_on=payload.started_on
    )
    return Status(201, stay_out(stay))


@router.post("/stays/{stay_id}/end", response=StayOut)
def shelters_stay_end(request, stay_id: str, payload: StayEndIn):
    """End a stay: its places are free again."""
    stay = selectors.access_stay_by_id(user=request.user, stay_id=stay_id)
    return stay_out(services.stay_end(actor=request.user, stay=stay, ended_on=payload.ended_on, note=payload.note))
