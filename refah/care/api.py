"""The specialised services under /api/v1/care/: institutions with their occupancy, the waiting lists with their
points, placements and discharges, offers of freed places, foster families, the crèche quotas. One service or
selector call per endpoint; an object outside the caller's jurisdiction is a 404, like a wrong id."""

from django.utils import timezone
from ninja import Query, Router
from ninja.responses import Status

from refah.accounts.enums import OfficeKind
from refah.accounts.models import Office
from refah.audit.enums import AccessChannel
from refah.care import selectors, services
from refah.care.enums import Population
from refah.care.errors import ERR_KIND_UNKNOWN, ERR_NOT_MEMBER
from refah.care.kinds import KINDS
from refah.care.models import CrecheAllocation, FosterFamily, FosterPlacement, Institution, Placement
from refah.care.priority import Scored, score_entries
from refah.care.schemas import (
    CarePlacementIn,
    CarePlacementOut,
    CareReasonIn,
    CrecheAllocationIn,
    CrecheAllocationOut,
    CrecheQuotaOut,
    DischargeIn,
    EntryIn,
    FosterFamilyIn,
    FosterFamilyOut,
    FosterPlacementIn,
    FosterPlacementOut,
    InstitutionIn,
    InstitutionOut,
    InstitutionPatch,
    WaitingEntryOut,
)
from refah.casework import selectors as casework_selectors
from refah.common.errors import RefahError
from refah.common.i18n import active_language
from refah.geo.models import District
from refah.registry import selectors as registry_selectors
from refah.registry.models import Person

router = Router(tags=["care"])


def institution_out(i: Institution) -> dict:
    fields = ("id", "name", "kind", "ownership", "mode", "run_by", "units", "capacity", "occupied", "free", "active")
    return {**{f: getattr(i, f) for f in fields}, "district_pcode": i.district.pcode}


def entry_out(s: Scored) -> dict:
    e, lang = s.entry, active_language()
    fields = ("id", "person_id", "household_id", "kind", "institution_id", "referral_id", "listed_on", "status")
    return {
        **{f: getattr(e, f) for f in fields},
        "points": s.points,
        "reasons": [{"code": r.code, "points": r.points, "text": r.tr if lang == "tr" else r.en} for r in s.reasons],
        "days_waiting": s.days_waiting,
        "offered_institution_id": e.offered_institution_id,
        "offer_expires_on": e.offer_expires_on,
        "closed_on": e.closed_on,
    }


def _scored(entry) -> dict:
    return entry_out(score_entries([entry], timezone.localdate())[0])


def placement_out(p: Placement) -> dict:
    return {name: getattr(p, name) for name in CarePlacementOut.model_fields}


def _member(request, person_id, household_id):
    """The household (through the registry's access function) and the person named with it."""
    household = registry_selectors.access_household_by_id(user=request.user, household_id=household_id)
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        raise RefahError(ERR_NOT_MEMBER, field="person_id")
    return person, household


@router.get("/institutions", response=list[InstitutionOut])
def care_institution_list(request, kind: str | None = None, population: str | None = None):
    """Institutions of the caller's jurisdiction with their capacity and occupancy."""
    if kind is not None and kind not in KINDS:
        raise RefahError(ERR_KIND_UNKNOWN % {"kind": kind}, field="kind")
    if population is not None and population not in Population.values:
        raise RefahError(ERR_KIND_UNKNOWN % {"kind": population}, field="population")
    return [institution_out(i) for i in selectors.institution_list(user=request.user, kind=kind, population=population)]


@router.get("/institutions/{institution_id}", response=InstitutionOut)
def care_institution_read(request, institution_id: str):
    """One institution with its occupancy."""
    return institution_out(selectors.access_institution_by_id(user=request.user, institution_id=institution_id))


@router.post("/institutions", response={201: InstitutionOut})
def care_institution_create(request, payload: InstitutionIn):
    """Add an institution; its capacity must lie within its kind's bounds (422 otherwise)."""
    data = payload.dict()
    district = District.objects.filter(pcode=data.pop("district_pcode")).first()
    if district is None:
        raise RefahError(ERR_KIND_UNKNOWN % {"kind": payload.district_pcode}, field="district_pcode")
    office = None
    if data["ownership"] == "public":
        office = _directorate(district)
        data["operator_name"] = ""
    made = services.institution_create(actor=request.user, district=district, office=office, **data)
    return Status(201, institution_out(made))


def _directorate(district):
    """The provincial directorate that runs the public institutions of the district's province."""
    return Office.objects.filter(kind=OfficeKind.DIRECTORATE, province_id=district.province_id).first()


@router.patch("/institutions/{institution_id}", response=InstitutionOut)
def care_institution_update(request, institution_id: str, payload: InstitutionPatch):
    """Change an institution's name, care, capacity, units or whether it takes people."""
    found = selectors.access_institution_by_id(user=request.user, institution_id=institution_id)
    changes = {k: v for k, v in payload.dict().items() if v is not None}
    return institution_out(services.institution_update(actor=request.user, institution=found, **changes))


@router.get("/waiting", response=list[WaitingEntryOut])
def care_waiting_list(request, kind: str | None = None, institution_id: str | None = Query(None)):
    """Open waiting entries of a kind (or those a place at an institution may go to), highest priority first,
    each with its points and reasons."""
    if kind is not None and kind not in KINDS:
        raise RefahError(ERR_KIND_UNKNOWN % {"kind": kind}, field="kind")
    institution = None
    if institution_id is not None:
        institution = selectors.access_institution_by_id(user=request.user, institution_id=institution_id)
    scored = selectors.waiting_scored(user=request.user, kind=kind, institution=institution)
    selectors.listed_logged(
        user=request.user, rows=[s.entry for s in scored], channel=AccessChannel.API, sensitive=True
    )
    return [entry_out(s) for s in scored]


@router.post("/waiting", response={201: WaitingEntryOut})
def care_waiting_add(request, payload: EntryIn):
    """Put a member on a waiting list, from a casework referral to a care service where there is one."""
    person, household = _member(request, payload.person_id, payload.household_id)
    institution = None
    if payload.institution_id is not None:
        institution = selectors.access_institution_by_id(user=request.user, institution_id=payload.institution_id)
    referral = None
    if payload.referral_id is not None:
        referral = casework_selectors.access_referral_by_id(user=request.user, referral_id=payload.referral_id)
    if payload.kind is None and institution is None:
        raise RefahError(ERR_KIND_UNKNOWN % {"kind": ""}, field="kind")
    entry = services.waiting_add(
        actor=request.user,
        person=person,
        household=household,
        kind=payload.kind or institution.kind,
        institution=institution,
        referral=referral,
        note=payload.note,
    )
    return Status(201, _scored(entry))


@router.post("/waiting/{entry_id}/withdraw", response=WaitingEntryOut)
def care_waiting_withdraw(request, entry_id: str, payload: CareReasonIn):
    """Take an entry off the list (a place it was offered goes to the next)."""
    entry = selectors.access_entry_by_id(user=request.user, entry_id=entry_id)
    return _scored(services.waiting_withdraw(actor=request.user, entry=entry, reason=payload.reason))


@router.post("/offers/{entry_id}/accept", response={201: CarePlacementOut})
def care_offer_accept(request, entry_id: str):
    """Accept the place offered to a waiting entry: the person is placed (409 when expired or none)."""
    entry = selectors.access_entry_by_id(user=request.user, entry_id=entry_id)
    return Status(201, placement_out(services.offer_accept(actor=request.user, entry=entry)))


@router.post("/offers/{entry_id}/decline", response=WaitingEntryOut)
def care_offer_decline(request, entry_id: str, payload: CareReasonIn):
    """Decline the place offered: the entry is withdrawn and the place offered to the next."""
    entry = selectors.access_entry_by_id(user=request.user, entry_id=entry_id)
    return _scored(services.offer_decline(actor=request.user, entry=entry, reason=payload.reason))


@router.post("/placements", response={201: CarePlacementOut})
def care_placement_create(request, payload: CarePlacementIn):
    """Place a person in an institution: 409 when it is full (nothing changed, the attempt audited)."""
    person, household = _member(request, payload.person_id, payload.household_id)
    institution = selectors.access_institution_by_id(user=request.user, institution_id=payload.institution_id)
    placement = services.placement_create(
        actor=request.user, institution=institution, person=person, household=household, started_on=payload.started_on
    )
    return Status(201, placement_out(placement))


@router.post("/placements/{placement_id}/discharge", response=CarePlacementOut)
def care_placement_discharge(request, placement_id: str, payload: DischargeIn):
    """Discharge a person with the reason; the freed place is offered to the top of the waiting list."""
    placement = selectors.access_placement_by_id(user=request.user, placement_id=placement_id)
    return placement_out(services.placement_discharge(actor=request.user, placement=placement, **payload.dict()))


def foster_out(f: FosterFamily) -> dict:
    return {name: getattr(f, name) for name in FosterFamilyOut.model_fields}


@router.get("/foster-families", response=list[FosterFamilyOut])
def care_foster_family_list(request):
    """Foster families of the caller's jurisdiction, with their capacity and the children fostered now."""
    return [foster_out(f) for f in selectors.foster_family_list(user=request.user)]


@router.post("/foster-families", response={201: FosterFamilyOut})
def care_foster_family_approve(request, payload: FosterFamilyIn):
    """Approve a household as a foster family (paid or volunteer) for 1 to 4 children."""
    household = registry_selectors.access_household_by_id(user=request.user, household_id=payload.household_id)
    data = payload.dict()
    data.pop("household_id")
    return Status(201, foster_out(services.foster_family_approve(actor=request.user, household=household, **data)))


@router.post("/foster-families/{family_id}/placements", response={201: FosterPlacementOut})
def care_foster_place(request, family_id: str, payload: FosterPlacementIn):
    """Place a child with the foster family: 409 when the family is full."""
    family = selectors.access_foster_family_by_id(user=request.user, family_id=family_id)
    child, household = _member(request, payload.child_id, payload.household_id)
    placed: FosterPlacement = services.foster_place(
        actor=request.user, family=family, child=child, household=household, started_on=payload.started_on
    )
    return Status(201, {name: getattr(placed, name) for name in FosterPlacementOut.model_fields})


@router.get("/creche-quotas", response=list[CrecheQuotaOut])
def care_creche_quota_list(request):
    """Each private crèche's free places: ceil(capacity × 3 %), how many are given, how many are free."""
    quotas = selectors.creche_quotas(user=request.user, day=timezone.localdate())
    return [
        {
            "creche_id": q.creche.pk,
            "name": q.creche.name,
            "capacity": q.creche.capacity,
            "quota": q.quota,
            "used": q.used,
            "free": q.free,
        }
        for q in quotas
    ]


@router.post("/creche-places", response={201: CrecheAllocationOut})
def care_creche_allocate(request, payload: CrecheAllocationIn):
    """Give a free crèche place to a child the free crèche rule finds eligible: 409 when the quota is used."""
    child, household = _member(request, payload.child_id, payload.household_id)
    creche = selectors.access_institution_by_id(user=request.user, institution_id=payload.creche_id)
    made: CrecheAllocation = services.creche_allocate(
        actor=request.user, creche=creche, child=child, household=household
    )
    return Status(201, {name: getattr(made, name) for name in CrecheAllocationOut.model_fields})
