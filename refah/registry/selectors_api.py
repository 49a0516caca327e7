"""Reads the JSON API needs on top of registry.selectors, scoped the same way (jurisdiction, permissions).

Outside the user's jurisdiction an object is "not found", exactly like a wrong id.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Q, prefetch_related_objects
from django.utils import timezone

from refah.audit.enums import AccessChannel, AccessKind, AccessPurpose
from refah.audit.services_access import access_record
from refah.common.errors import NotFoundError
from refah.common.text import fold
from refah.geo.models import District
from refah.registry import errors, selectors
from refah.registry.models import Asset, Household, Membership, Person


@dataclass
class Page:
    count: int
    page: int
    page_size: int
    items: list
    has_next: bool


def district_by_pcode(pcode: str, *, field: str = "district") -> District:
    """A district by its pcode (TUR076002); unknown codes are bad input of `field`."""
    district = District.objects.select_related("province").filter(pcode=pcode.strip().upper()).first()
    if district is None:
        raise ValidationError({field: errors.ERR_UNKNOWN_DISTRICT})
    return district


def household_page(
    *, user, district: str | None = None, neighbourhood: str | None = None, page: int = 1, page_size: int = 50
) -> Page:
    """One page of the households the user may see, filtered by district pcode and neighbourhood name."""
    qs = selectors.household_list(user=user)
    if district:
        qs = qs.filter(district__pcode=district.strip().upper())
    if neighbourhood:
        qs = qs.filter(neighbourhood__name_folded=fold(neighbourhood))
    count = qs.count()
    start = (page - 1) * page_size
    items = list(qs[start : start + page_size]) if start < count else []
    if items:
        selectors.household_list_logged(user=user, households=items, channel=AccessChannel.API)
    return Page(count=count, page=page, page_size=page_size, items=items, has_next=start + page_size < count)


def household_detail(
    *, user, household_id, on: dt.date | None = None, purpose: str = AccessPurpose.CASE_WORK
) -> Household:
    """A household with its members, their incomes and the assets held on a date (today by default).

    The lists are set as `on_date`, `members_on_date` (each with `age`), `incomes_on_date`, `assets_on_date`.
    The read is logged (API channel).
    """
    household = selectors.household_read(
        user=user, household_id=household_id, channel=AccessChannel.API, purpose=purpose
    )
    on = on or timezone.localdate()
    members = selectors.members_on(household=household, on=on)
    for m in members:
        m.age = m.person.age_on(on)
    household.on_date = on
    household.members_on_date = members
    incomes = selectors.household_incomes(household=household, on=on, members=members)
    # The API shows incomes by person_id: the persons are already in `members`, so they are not joined in again.
    household.incomes_on_date = list(incomes.select_related(None).order_by("person__birth_date", "-start_date"))
    household.assets_on_date = list(
        Asset.objects.filter(household=household)
        .filter(Q(acquired_on__isnull=True) | Q(acquired_on__lte=on))
        .filter(Q(disposed_on__isnull=True) | Q(disposed_on__gt=on))
        .order_by("kind", "created_at")
    )
    return household


def household_history(*, user, household_id) -> list[Membership]:
    """Every membership of a visible household, oldest first."""
    household = selectors.household_get(user=user, household_id=household_id)
    access_record(
        actor=user,
        purpose=AccessPurpose.CASE_WORK,
        channel=AccessChannel.API,
        kind=AccessKind.HOUSEHOLD_HISTORY,
        obj=household,
        household_id=household.pk,
        district_id=household.district_id,
    )
    return selectors.membership_history(household=household)


def household_audit(*, user, household_id) -> list:
    """The audit trail of a visible household, newest first; the read is logged (API channel, as the
    membership history: who changed the household's data, and what)."""
    household = selectors.household_get(user=user, household_id=household_id)
    events = list(selectors.household_audit_trail(user=user, household=household))
    access_record(
        actor=user,
        purpose=AccessPurpose.CASE_WORK,
        channel=AccessChannel.API,
        kind=AccessKind.HOUSEHOLD_HISTORY,
        obj=household,
        household_id=household.pk,
        district_id=household.district_id,
        sensitive=selectors.can_view_sensitive(user),
    )
    return events


def person_detail(*, user, person_id, purpose: str = AccessPurpose.CASE_WORK) -> Person:
    """A visible person with `current_memberships` (and their household) and incomes prefetched; the read is
    logged (API channel)."""
    person = selectors.person_get(user=user, person_id=person_id)
    prefetch_related_objects([person], selectors.current_memberships(), "incomes")
    household = person.current_memberships[0].household if person.current_memberships else None
    access_record(
        actor=user,
        purpose=purpose,
        channel=AccessChannel.API,
        kind=AccessKind.PERSON,
        obj=person,
        person_id=person.pk,
        household_id=household.pk if household else None,
        district_id=household.district_id if household else None,
        sensitive=selectors.can_view_sensitive(user),
    )
    return person


def person_get_for_membership(*, user, person_id) -> Person:
    """A person the user may add to a household: visible now, or without a current household
    whose last household (if any) was in the user's jurisdiction."""
    selectors.require_view(user, "registry.view_person")
    key = selectors.uuid_or_404(person_id, errors.ERR_PERSON_NOT_FOUND)
    person = Person.objects.filter(pk=key).first()
    if person is None or not selectors.person_in_reach(user=user, person=person):
        raise NotFoundError(errors.ERR_PERSON_NOT_FOUND)
    return person


def household_member_person(*, household: Household, person_id, field: str = "owner_id") -> Person:
    """A current member of the household, or bad input of `field`."""
    membership = (
        household.memberships.filter(person_id=person_id, left_on__isnull=True).select_related("person").first()
    )
    if membership is None:
        raise ValidationError({field: errors.ERR_OWNER_NOT_MEMBER})
    return membership.person
