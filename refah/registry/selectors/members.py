"""Memberships: who lives in a household on a date, and every membership it ever had; who a person lives with now.

The reads by household or person id (current_members, is_current_member, reference_person, current_household_ids)
are not scoped: their callers (case services, the citizen's own portal) have already checked who may ask."""

import datetime as dt
import functools

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from refah.accounts.selectors import jurisdiction_q
from refah.common import sql
from refah.common.errors import NotFoundError
from refah.registry import errors
from refah.registry.enums import Role
from refah.registry.models import Household, Membership, Person, membership_current_q, membership_current_sql
from refah.registry.selectors.permissions import require_view, uuid_or_404


def current_memberships() -> Prefetch:
    """Prefetch a person's current memberships, with household and district, as `current_memberships`."""
    return Prefetch(
        "memberships",
        Membership.objects.current().select_related("household__district"),
        to_attr="current_memberships",
    )


def membership_history(*, household: Household) -> list[Membership]:
    """Every membership the household ever had, oldest first."""
    return list(household.memberships.select_related("person").order_by("joined_on", "person__birth_date"))


def members_on(*, household: Household, on: dt.date | None = None) -> list[Membership]:
    """Composition of the household on a date (today by default): joined on or before, not yet left."""
    on = on or timezone.localdate()
    return list(household.memberships.on(on).select_related("person").order_by("role", "person__birth_date"))


def access_membership_by_id(*, user, membership_id) -> Membership:
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
    membership = household.memberships.current().filter(person_id=person_id).select_related("person").first()
    if membership is None:
        raise ValidationError({field: errors.ERR_OWNER_NOT_MEMBER})
    return membership.person


@functools.cache
def _member_loaders() -> tuple[sql.Loader, sql.Loader]:
    """The columns a submission uses (roles, names, ages, phones); other fields load on access, as deferred."""
    membership = sql.Loader(Membership, "m", ("id", "household", "person", "role", "joined_on", "left_on"))
    person = sql.Loader(Person, "p", ("id", "first_name", "last_name", "birth_date", "phone"))
    return membership, person


@functools.cache
def _members_sql() -> str:
    m, p = _member_loaders()
    return (
        f"SELECT {m.sql}, {p.sql} FROM {sql.table(Membership)} m JOIN {sql.table(Person)} p ON p.id = m.person_id "
        f"WHERE m.household_id = %s AND {membership_current_sql('m')} ORDER BY p.last_name, p.first_name"
    )


def _memberships(rows) -> list[Membership]:
    m, p = _member_loaders()
    out = []
    for row in rows:
        membership = m.build(row)
        membership._state.fields_cache["person"] = p.build(row, m.width)
        out.append(membership)
    return out


def current_members(household_id) -> sql.Statement:
    """The household's current memberships with their persons, by surname and given name, as one statement
    (sql.fetch() gives the list; an application submission reads it with its other reads in one round trip).
    Not scoped: the caller has checked it may act on the household."""
    return sql.Statement(_members_sql(), (Household._meta.pk.get_db_prep_value(household_id, sql.db()),), _memberships)


def is_current_member(*, person: Person, household_id) -> bool:
    return person.memberships.current().filter(household_id=household_id).exists()


def reference_person(*, household_id) -> Person | None:
    """The household's current reference person."""
    return Person.objects.filter(
        membership_current_q("memberships__"), memberships__household_id=household_id, memberships__role=Role.REFERENCE
    ).first()


def current_household_ids(*, person: Person) -> QuerySet:
    """The id of the household the person currently belongs to, as a subquery (`household_id__in=…`)."""
    return person.memberships.current().values("household_id")
