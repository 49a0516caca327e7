"""Employment under /api/v1/employment/: refer members to İŞKUR, record offers, answers and placements, decide a
refusal's validity, read a person's or a household's employment and a sanction, object to a sanction, the
follow-up figures. One service or selector call per endpoint; an object outside the caller's jurisdiction is a
404, like a wrong id."""

import datetime as dt
from dataclasses import asdict
from typing import Literal

from django.utils import timezone
from ninja import Router
from ninja.responses import Status

from refah.audit.enums import AccessChannel
from refah.common.paging import page_query, page_size_query
from refah.employment import selectors, services
from refah.employment.models import Offer, Placement, Referral, Sanction
from refah.employment.reasons import PRESUMED_VALID, RefusalReason
from refah.employment.schemas import (
    AnswerIn,
    CloseIn,
    FollowupOut,
    HouseholdEmploymentOut,
    OfferIn,
    OfferOut,
    PersonEmploymentOut,
    PlacementEndIn,
    PlacementIn,
    PlacementOut,
    ReferralDetailOut,
    ReferralIn,
    ReferralOut,
    ReferralPage,
    RefusalReasonOut,
    SanctionObjectionIn,
    SanctionObjectionOut,
    SanctionOut,
    SyncOut,
    ValidityIn,
)
from refah.employment.selectors.followup import followup_for_user
from refah.registry import selectors as registry_selectors
from refah.registry.schemas.values import IsoDate

router = Router(tags=["employment"])


def referral_out(r: Referral) -> dict:
    fields = ("id", "person_id", "household_id", "referred_on", "status", "jobseeker_ref", "iskur_registered_on")
    return {**{f: getattr(r, f) for f in fields}, "iskur_error": r.iskur_error, "closed_on": r.closed_on}


def offer_out(o: Offer) -> dict:
    return {name: getattr(o, name) for name in OfferOut.model_fields}


def placement_out(p: Placement) -> dict:
    return {name: getattr(p, name) for name in PlacementOut.model_fields}


def sanction_out(view: selectors.SanctionView) -> dict:
    s = view.sanction
    return {
        **{f: getattr(s, f) for f in ("id", "household_id", "person_id", "decided_on", "starts_on", "status")},
        "cancelled_on": s.cancelled_on,
        "ends_on": view.ends_on,
        "refusal_ids": [o.pk for o in view.refusals],
        "months": [{"month": m["month"], "share": m["share"]} for m in view.months],
    }


@router.post("/referrals", response={201: ReferralOut})
def employment_referral_create(request, payload: ReferralIn):
    """Refer a member the rules find able to work to İŞKUR (422 with the rule's reasons otherwise)."""
    person = registry_selectors.access_person_by_id(user=request.user, person_id=payload.person_id)
    return Status(201, referral_out(services.referral_create(actor=request.user, person=person)))


@router.get("/referrals", response=ReferralPage)
def employment_referral_list(
    request,
    status: Literal["open", "closed", "all"] = "open",
    page: int = page_query(),
    page_size: int = page_size_query(),
):
    """Referrals of the caller's jurisdiction, newest first."""
    rows = selectors.referral_list(user=request.user, status=status)
    count = rows.count()
    items = list(rows[(page - 1) * page_size : page * page_size])
    selectors.records_logged(
        user=request.user,
        persons=[r.person_id for r in items],
        households=[r.household_id for r in items],
        channel=AccessChannel.API,
    )
    return {"count": count, "page": page, "page_size": page_size, "items": [referral_out(r) for r in items]}


@router.get("/referrals/{referral_id}", response=ReferralDetailOut)
def employment_referral_read(request, referral_id: str):
    """A referral with its offers (and answers) and placements."""
    referral = selectors.referral_read(user=request.user, referral_id=referral_id, channel=AccessChannel.API)
    return {
        **referral_out(referral),
        "offers": [offer_out(o) for o in referral.offers.all()],
        "placements": [placement_out(p) for p in referral.placements.all()],
    }


@router.post("/referrals/{referral_id}/sync", response=SyncOut)
def employment_referral_sync(request, referral_id: str):
    """Ask İŞKUR: register a waiting referral, store new offers and placements, tell answers not yet told."""
    referral = selectors.access_referral_by_id(user=request.user, referral_id=referral_id)
    return services.iskur_sync(actor=request.user, referral=referral)


@router.post("/referrals/{referral_id}/close", response=ReferralOut)
def employment_referral_close(request, referral_id: str, payload: CloseIn):
    """Close a referral, with the reason."""
    referral = selectors.access_referral_by_id(user=request.user, referral_id=referral_id)
    return referral_out(services.referral_close(actor=request.user, referral=referral, reason=payload.reason))


@router.post("/referrals/{referral_id}/offers", response={201: OfferOut})
def employment_offer_create(request, referral_id: str, payload: OfferIn):
    """Record a job or course offered to the referred person (made known to the office outside İŞKUR's interface)."""
    referral = selectors.access_referral_by_id(user=request.user, referral_id=referral_id)
    return Status(201, offer_out(services.offer_record(actor=request.user, referral=referral, **payload.dict())))


@router.post("/offers/{offer_id}/answer", response=OfferOut)
def employment_offer_answer(request, offer_id: str, payload: AnswerIn):
    """The answer by its date: accepted, or refused with a reason of the catalogue (GET /refusal-reasons)."""
    offer = selectors.access_offer_by_id(user=request.user, offer_id=offer_id)
    return offer_out(services.answer_record(actor=request.user, offer=offer, channel="api", **payload.dict()))


@router.post("/offers/{offer_id}/validity", response=OfferOut)
def employment_refusal_decide(request, offer_id: str, payload: ValidityIn):
    """Decide whether a refusal's reason was valid, with the justification; the third invalid one starts a sanction."""
    offer = selectors.access_offer_by_id(user=request.user, offer_id=offer_id)
    return offer_out(services.refusal_decide(actor=request.user, offer=offer, **payload.dict()))


@router.post("/referrals/{referral_id}/placements", response={201: PlacementOut})
def employment_placement_create(request, referral_id: str, payload: PlacementIn):
    """Record that the referred person started work."""
    referral = selectors.access_referral_by_id(user=request.user, referral_id=referral_id)
    data = payload.dict()
    offer_id = data.pop("offer_id")
    offer = selectors.access_offer_by_id(user=request.user, offer_id=offer_id) if offer_id else None
    placement = services.placement_record(actor=request.user, referral=referral, offer=offer, **data)
    return Status(201, placement_out(placement))


@router.post("/placements/{placement_id}/end", response=PlacementOut)
def employment_placement_end(request, placement_id: str, payload: PlacementEndIn):
    """Record that the person left work."""
    placement = selectors.access_placement_by_id(user=request.user, placement_id=placement_id)
    return placement_out(services.placement_end(actor=request.user, placement=placement, **payload.dict()))


@router.get("/persons/{person_id}", response=PersonEmploymentOut)
def employment_person_read(request, person_id: str):
    """A person's employment history: referrals, offers and answers, placements, sanctions."""
    history = selectors.person_employment(user=request.user, person_id=person_id, channel=AccessChannel.API)
    return {
        "person_id": history.person.pk,
        "household_id": history.household.pk if history.household else None,
        "referrals": [referral_out(r) for r in history.referrals],
        "offers": [offer_out(o) for o in history.offers],
        "placements": [placement_out(p) for p in history.placements],
        "sanctions": [sanction_out(selectors.sanction_view(sanction=s)) for s in history.sanctions],
    }


@router.get("/households/{household_id}", response=HouseholdEmploymentOut)
def employment_household_read(request, household_id: str):
    """A household's employment: each member's referral and work, its sanctions with their months."""
    found = selectors.household_employment(user=request.user, household_id=household_id, channel=AccessChannel.API)
    members = [
        {
            "person_id": m["membership"].person_id,
            "referral_id": m["referral"].pk if m["referral"] else None,
            "in_work_since": m["placement"].started_on if m["placement"] else None,
            "offers_awaiting_answer": m["offers_open"],
        }
        for m in found.members
    ]
    return {
        "household_id": found.household.pk,
        "members": members,
        "sanctions": [sanction_out(v) for v in found.sanctions],
    }


@router.get("/sanctions/{sanction_id}", response=SanctionOut)
def employment_sanction_read(request, sanction_id: str):
    """A sanction for refusing work: its months (the share withheld each month), the refusals behind it."""
    return sanction_out(selectors.sanction_read(user=request.user, sanction_id=sanction_id, channel=AccessChannel.API))


@router.post("/sanctions/{sanction_id}/objection", response={201: SanctionObjectionOut})
def employment_sanction_object(request, sanction_id: str, payload: SanctionObjectionIn):
    """File the household's objection against the sanction (through its case, within the objection period)."""
    sanction: Sanction = selectors.access_sanction_by_id(user=request.user, sanction_id=sanction_id)
    objection = services.sanction_object(actor=request.user, sanction=sanction, reason=payload.reason)
    fields = ("id", "application_id", "status", "filed_at")
    return Status(201, {f: getattr(objection, f) for f in fields})


@router.get("/followup", response=FollowupOut)
def employment_followup(request, start: IsoDate | None = None, end: IsoDate | None = None):
    """Persons referred and placed, still in work after 6 and 12 months, households that left aid through work,
    in the caller's jurisdiction (default: the last twelve months)."""
    end = end or timezone.localdate()
    year = dt.timedelta(days=365)
    start = start or (end - year if end - dt.date.min > year else dt.date.min)
    return asdict(followup_for_user(user=request.user, start=start, end=end))


@router.get("/refusal-reasons", response=list[RefusalReasonOut])
def employment_refusal_reasons(request):
    """The catalogue of reasons for refusing a job or a course, with whether each is presumed valid."""
    decided_by_offer = {RefusalReason.DISTANCE, RefusalReason.LOW_WAGE}
    return [
        {
            "code": code,
            "label": str(label),
            "presumed_valid": None if code in decided_by_offer else code in PRESUMED_VALID,
        }
        for code, label in RefusalReason.choices
    ]
