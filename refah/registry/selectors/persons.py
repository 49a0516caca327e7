"""Persons: one the user may see, one they may put into a household, and a person's current household."""

from django.db.models import F, QuerySet, prefetch_related_objects

from refah.accounts.selectors import district_in_jurisdiction, jurisdiction_q
from refah.audit.enums import AccessChannel, AccessKind, AccessPurpose
from refah.audit.services_access import access_record
from refah.common.errors import NotFoundError
from refah.registry import errors
from refah.registry.models import Household, Membership, Person
from refah.registry.selectors.members import current_memberships
from refah.registry.selectors.permissions import can_view_sensitive, require_view, uuid_or_404


def access_person_by_id(*, user, person_id) -> Person:
    """A person whose current household is in the user's jurisdiction."""
    require_view(user, "registry.view_person")
    key = uuid_or_404(person_id, errors.ERR_PERSON_NOT_FOUND)
    person = _persons_visible(user).filter(pk=key).first()
    if person is None:
        raise NotFoundError(errors.ERR_PERSON_NOT_FOUND)
    return person


def person_detail(*, user, person_id, purpose: str = AccessPurpose.CASE_WORK) -> Person:
    """A visible person with `current_memberships` (and their household) and incomes prefetched; the read is
    logged (API channel)."""
    person = access_person_by_id(user=user, person_id=person_id)
    prefetch_related_objects([person], current_memberships(), "incomes")
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
        sensitive=can_view_sensitive(user),
    )
    return person


def person_in_reach(*, user, person: Person) -> bool:
    """May the user put this person into a household? Only when the person's current household or, without one,
    their last household is in the user's jurisdiction (or they never had one). The one rule the API, the screens,
    the registry services and the file import share: a person registered elsewhere stays out of reach, and so does
    a record merged into another (the person is the other record now)."""
    return person.merged_into_id is None and person_in_jurisdiction(user=user, person=person)


def person_in_jurisdiction(*, user, person: Person) -> bool:
    """Is the person's current household or, without one, their last household in the user's jurisdiction (or
    have they never had one)? A merged record is where the person it was merged into is."""
    if person.merged_into_id is not None:
        person = Person.objects.filter(pk=person.merged_into_id).first() or person
        if person.merged_into_id is not None:
            return False
    latest = (
        person.memberships.order_by(F("left_on").desc(nulls_first=True), "-joined_on")
        .select_related("household__district")
        .first()
    )
    return latest is None or district_in_jurisdiction(user, latest.household.district)


def access_person_in_reach_by_id(*, user, person_id) -> Person:
    """A person the user may add to a household: visible now, or without a current household
    whose last household (if any) was in the user's jurisdiction."""
    require_view(user, "registry.view_person")
    key = uuid_or_404(person_id, errors.ERR_PERSON_NOT_FOUND)
    person = Person.objects.filter(pk=key).first()
    if person is None or not person_in_reach(user=user, person=person):
        raise NotFoundError(errors.ERR_PERSON_NOT_FOUND)
    return person


def _persons_visible(user) -> QuerySet:
    """Persons whose current household is in the user's jurisdiction (access_person_by_id and the search start here)."""
    visible = Membership.objects.current().filter(jurisdiction_q(user, prefix="household__")).values("person_id")
    return Person.objects.filter(pk__in=visible)


def person_current_household(*, person: Person) -> Household | None:
    membership = person.memberships.current().select_related("household").first()
    return membership.household if membership else None


def identity_number_taken(*, national_id: str) -> bool:
    """Is a person with this identity number already registered (anywhere in the country)?"""
    return Person.objects.filter(national_id=national_id).exists()
