"""Memberships: who lives in a household on a date, and every membership it ever had."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.utils import timezone

from refah.accounts.selectors import jurisdiction_q
from refah.common.errors import NotFoundError
from refah.registry import errors
from refah.registry.models import Household, Membership, Person
from refah.registry.selectors.permissions import require_view, uuid_or_404


def current_memberships() -> Prefetch:
    """Prefetch a person's current memberships, with household and district, as `current_memberships`."""
    return Prefetch(
        "memberships",
        Membership.objects.filter(left_on__isnull=True).select_related("household__district"),
        to_attr="current_memberships",
    )


def membership_history(*, household: Household) -> list[Membership]:
    """Every membership the household ever had, oldest first."""
    return list(household.memberships.select_related("person").order_by("joined_on", "person__birth_date"))


def members_on(*, household: Household, on: dt.date | None = None) -> list[Membership]:
    """Composition of the household on a date (today by default): joined on or before, not yet left."""
    on = on or timezone.localdate()
    return list(
        household.memberships.filter(joined_on__lte=on)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=on))
        .select_related("person")
        .order_by("role", "person__birth_date")
    )


def membership_get(*, user, membership_id) -> Membership:
    """A membership (current or past) of a household in the user's jurisdiction."""
    require_view(user, "registry.view_membership")
    key = uuid_or_404(membership_id, errors.ERR_MEMBERSHIP_NOT_FOUND)
    membership = (
        Membership.objects.filter(jurisdiction_q(user, prefix="household__"), pk=key)
        .select_related("person", "household__district")
        .first()
    )
    if membership is None:
        raise NotFoundError(errors.ERR_MEMBERSHIP_NOT_FOUND)
    return membership


def household_member_person(*, household: Household, person_id, field: str = "owner_id") -> Person:
    """A current member of the household, or bad input of `field`."""
    membership = (
        household.memberships.filter(person_id=person_id, left_on__isnull=True).select_related("person").first()
    )
    if membership is None:
        raise ValidationError({field: errors.ERR_OWNER_NOT_MEMBER})
    return membership.person
