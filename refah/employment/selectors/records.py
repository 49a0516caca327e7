"""Reads of referrals, offers, placements and sanctions: one object by id (jurisdiction of the household it was
recorded for: outside it, the same "not found" as a wrong id), a person's history, a household's panel, the lists
of the employment screen; the citizen's own offers and sanctions (`person=`). Reads that show persons' data write
the access log."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone

from refah.accounts.selectors import jurisdiction_q
from refah.audit.enums import AccessChannel, AccessKind, AccessPurpose
from refah.audit.services_access import access_record
from refah.cases.models import Objection
from refah.common.errors import ERR_NO_PERMISSION, NotFoundError, PermissionDeniedError
from refah.common.i18n import active_language
from refah.eligibility.models import Determination
from refah.eligibility.overlay import approved_values, overrides_on
from refah.eligibility.params import ParameterSet
from refah.eligibility.selectors import reasons_render
from refah.eligibility.work_sanction import schedule
from refah.employment import errors
from refah.employment.enums import Answer, SanctionStatus, Validity
from refah.employment.models import Offer, Placement, Referral, Sanction
from refah.registry import selectors as registry_selectors
from refah.registry.models import Household, Person

VIEW = "employment.view_referral"


def _require(user, perm: str = VIEW) -> None:
    if not user.has_perm(perm):
        raise PermissionDeniedError(ERR_NO_PERMISSION)


def _key(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError):
        return None


def _one(rows: QuerySet, *, user, object_id, message):
    """The row with this id in the user's jurisdiction (the household it was recorded for); else "not found"."""
    _require(user)
    key = _key(object_id)
    found = rows.filter(jurisdiction_q(user, prefix="household__"), pk=key).first() if key else None
    if found is None:
        raise NotFoundError(message)
    return found


def access_referral_by_id(*, user, referral_id) -> Referral:
    rows = Referral.objects.select_related("person", "household", "referred_by")
    return _one(rows, user=user, object_id=referral_id, message=errors.ERR_REFERRAL_NOT_FOUND)


def referral_read(*, user, referral_id, channel: str = AccessChannel.SCREEN) -> Referral:
    """access_referral_by_id() for showing the referral with its offers and placements: the read is logged."""
    referral = access_referral_by_id(user=user, referral_id=referral_id)
    _logged(
        user=user,
        channel=channel,
        kind=AccessKind.PERSON,
        obj=referral,
        household_id=referral.household_id,
        person_id=referral.person_id,
        district_id=referral.household.district_id,
    )
    return referral


def access_offer_by_id(*, user, offer_id) -> Offer:
    rows = Offer.objects.select_related("person", "household", "referral", "sanction")
    return _one(rows, user=user, object_id=offer_id, message=errors.ERR_OFFER_NOT_FOUND)


def access_placement_by_id(*, user, placement_id) -> Placement:
    rows = Placement.objects.select_related("person", "household", "referral")
    return _one(rows, user=user, object_id=placement_id, message=errors.ERR_PLACEMENT_NOT_FOUND)


def access_sanction_by_id(*, user, sanction_id) -> Sanction:
    rows = Sanction.objects.select_related("person", "household", "application", "decided_by")
    return _one(rows, user=user, object_id=sanction_id, message=errors.ERR_SANCTION_NOT_FOUND)


def _logged(*, user, channel: str, kind: str, obj, household_id, person_id=None, district_id=None) -> None:
    access_record(
        actor=user,
        purpose=AccessPurpose.CASE_WORK,
        channel=channel,
        kind=kind,
        obj=obj,
        household_id=household_id,
        person_id=person_id,
        district_id=district_id,
    )


# --- a sanction as people read it ---------------------------------------------------------------------------


@dataclass
class SanctionView:
    sanction: Sanction
    months: list[dict]  # {"month": date, "share": "1/4", "percent": 25, "current": bool}
    ends_on: dt.date | None
    refusals: list[Offer]
    determinations: list[dict] = field(default_factory=list)  # this month's sanctioned programs with their reasons
    objections: list = field(default_factory=list)

    @property
    def in_force(self) -> bool:
        today = timezone.localdate()
        return (
            self.sanction.status == SanctionStatus.ACTIVE
            and self.ends_on is not None
            and self.sanction.starts_on <= today <= self.ends_on
        )


def _parameters(day: dt.date) -> ParameterSet:
    return ParameterSet(day, overrides_on(day, approved_values()))


def sanction_view(*, sanction: Sanction, lang: str | None = None) -> SanctionView:
    """A sanction with its months (the share withheld each month, by the rulebook in force then), the refusals
    that started it, this month's determinations of the programs it reduces with their reasons, its objections."""
    today = timezone.localdate().replace(day=1)
    months = [
        {"month": month, "share": str(share), "percent": round(share * 100), "current": month == today}
        for month, share in schedule(sanction.starts_on, _parameters)
    ]
    ends_on = None
    if months:
        last = months[-1]["month"]
        ends_on = (last.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    programs = _parameters(today)("work_sanction.programs")
    determinations = [
        {"determination": d, "reasons": reasons_render(determination=d, lang=lang or active_language())}
        for d in Determination.objects.filter(household_id=sanction.household_id, period=today, program__in=programs)
    ]
    refusals = list(sanction.refusals.select_related("validity_decided_by").order_by("answered_at"))
    objections = list(Objection.objects.filter(subject_kind="work_sanction", subject_id=sanction.pk))
    return SanctionView(sanction, months, ends_on, refusals, determinations, objections)


def sanction_read(*, user, sanction_id, channel: str = AccessChannel.SCREEN) -> SanctionView:
    """access_sanction_by_id() shown with its reasons: the read is logged."""
    sanction = access_sanction_by_id(user=user, sanction_id=sanction_id)
    _logged(
        user=user,
        channel=channel,
        kind=AccessKind.HOUSEHOLD,
        obj=sanction,
        household_id=sanction.household_id,
        person_id=sanction.person_id,
        district_id=sanction.household.district_id,
    )
    return sanction_view(sanction=sanction)


# --- a person, a household --------------------------------------------------------------------------------


@dataclass
class PersonEmployment:
    person: Person
    household: Household | None
    referrals: list[Referral]
    offers: list[Offer]
    placements: list[Placement]
    sanctions: list[Sanction]

    @property
    def open_referral(self) -> Referral | None:
        return next((r for r in self.referrals if r.closed_on is None), None)


def person_employment(*, user, person_id, channel: str = AccessChannel.SCREEN) -> PersonEmployment:
    """A person of the user's jurisdiction (the registry's access rule) and their employment history, every record
    of it; the read is logged."""
    _require(user)
    person = registry_selectors.access_person_by_id(user=user, person_id=person_id)
    household = registry_selectors.person_current_household(person=person)
    history = PersonEmployment(
        person=person,
        household=household,
        referrals=list(Referral.objects.filter(person=person).select_related("referred_by")),
        offers=list(
            Offer.objects.filter(person=person).select_related("sanction", "validity_decided_by", "answered_by")
        ),
        placements=list(Placement.objects.filter(person=person)),
        sanctions=list(
            Sanction.objects.filter(Q(person=person) | Q(household=household) if household else Q(person=person))
        ),
    )
    _logged(
        user=user,
        channel=channel,
        kind=AccessKind.PERSON,
        obj=person,
        household_id=household.pk if household else None,
        person_id=person.pk,
        district_id=household.district_id if household else None,
    )
    return history


@dataclass
class HouseholdEmployment:
    household: Household
    members: list[dict]  # {"membership", "referral", "placement" (current), "offers_open"}
    sanctions: list[SanctionView]


def household_employment(*, user, household_id, channel: str = AccessChannel.SCREEN) -> HouseholdEmployment:
    """A household's employment: each current member's referral and work, the sanctions with their reasons (the
    household page's section). The household read is logged."""
    _require(user)
    household = registry_selectors.household_read(user=user, household_id=household_id, channel=channel)
    memberships = registry_selectors.members_on(household=household)
    person_ids = [m.person_id for m in memberships]
    referrals = {r.person_id: r for r in Referral.objects.filter(person_id__in=person_ids, closed_on__isnull=True)}
    working = {
        p.person_id: p
        for p in Placement.objects.filter(person_id__in=person_ids, ended_on__isnull=True).order_by("started_on")
    }
    waiting = Offer.objects.filter(person_id__in=person_ids, answer=Answer.PENDING)
    open_counts: dict = {}
    for person_id in waiting.values_list("person_id", flat=True):
        open_counts[person_id] = open_counts.get(person_id, 0) + 1
    members = [
        {
            "membership": m,
            "referral": referrals.get(m.person_id),
            "placement": working.get(m.person_id),
            "offers_open": open_counts.get(m.person_id, 0),
        }
        for m in memberships
    ]
    sanctions = [
        sanction_view(sanction=s) for s in Sanction.objects.filter(household=household).select_related("person")
    ]
    return HouseholdEmployment(household, members, sanctions)


# --- lists of the employment screen ---------------------------------------------------------------------------


def referral_list(*, user, status: str = "open") -> QuerySet[Referral]:
    """Referrals of the user's jurisdiction: open (the default), closed or all; newest first."""
    _require(user)
    rows = Referral.objects.filter(jurisdiction_q(user, prefix="household__")).select_related("person", "household")
    if status == "open":
        rows = rows.filter(closed_on__isnull=True)
    elif status == "closed":
        rows = rows.filter(closed_on__isnull=False)
    return rows


def refusals_to_decide(*, user) -> QuerySet[Offer]:
    """Refusals of the user's jurisdiction whose reason awaits the caseworker's decision, oldest first."""
    _require(user)
    return (
        Offer.objects.filter(jurisdiction_q(user, prefix="household__"), validity=Validity.PENDING)
        .select_related("person", "household")
        .order_by("answered_at")
    )


def sanction_list(*, user, in_force_on: dt.date | None = None) -> QuerySet[Sanction]:
    """Sanctions of the user's jurisdiction not cancelled, newest first (started a year or less before the day)."""
    _require(user)
    day = in_force_on or timezone.localdate()
    since = day.replace(year=day.year - 1)
    return (
        Sanction.objects.filter(jurisdiction_q(user, prefix="household__"), status=SanctionStatus.ACTIVE)
        .filter(starts_on__gt=since)
        .select_related("person", "household")
    )


def records_logged(*, user, persons: list, households: list, channel: str) -> None:
    """One access-log row for a list shown (its persons and households as subjects)."""
    if persons:
        access_record(
            actor=user,
            purpose=AccessPurpose.CASE_WORK,
            channel=channel,
            kind=AccessKind.HOUSEHOLD_LIST,
            households=households,
            persons=persons,
            count=len(persons),
        )


# --- the citizen's own (portal) ------------------------------------------------------------------------------


def citizen_offers(*, person: Person) -> QuerySet[Offer]:
    """The offers made to the person, newest first."""
    return Offer.objects.filter(person=person).select_related("sanction")


def access_citizen_offer_by_id(*, person: Person, offer_id) -> Offer:
    """One offer made to the person; anything else is "not found"."""
    key = _key(offer_id)
    offer = Offer.objects.filter(person=person, pk=key).first() if key else None
    if offer is None:
        raise NotFoundError(errors.ERR_OFFER_NOT_FOUND)
    return offer


def citizen_sanctions(*, person: Person) -> list[SanctionView]:
    """The sanctions of the person's current household, with their months and reasons."""
    households = registry_selectors.current_household_ids(person=person)
    rows = Sanction.objects.filter(household_id__in=households).select_related("person", "application")
    return [sanction_view(sanction=s) for s in rows]


def access_citizen_sanction_by_id(*, person: Person, sanction_id) -> Sanction:
    """A sanction of the person's current household; anything else is "not found"."""
    key = _key(sanction_id)
    households = registry_selectors.current_household_ids(person=person)
    found = Sanction.objects.filter(household_id__in=households, pk=key).first() if key else None
    if found is None:
        raise NotFoundError(errors.ERR_SANCTION_NOT_FOUND)
    return found
