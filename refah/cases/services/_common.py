"""Helpers shared by the case services: permission, jurisdiction, locking, the citizen to notify."""

import functools

from django.utils import timezone

from refah.accounts.models import Office
from refah.accounts.selectors import district_in_jurisdiction, jurisdiction_q, nearest_office, office_for_user
from refah.cases import errors
from refah.cases.models import Application
from refah.common import sql
from refah.common.errors import NotFoundError, PermissionDeniedError
from refah.notifications.services import notify
from refah.registry.enums import Role
from refah.registry.models import Household, Membership, Person, membership_current_q, membership_current_sql


def require(actor, perm: str) -> None:
    if actor is None or not actor.has_perm(perm):
        raise PermissionDeniedError(errors.ERR_NO_PERMISSION)


def is_member(person: Person, household_id) -> bool:
    return person.memberships.current().filter(household_id=household_id).exists()


def lock(*, actor, application: Application, person: Person | None = None) -> Application:
    """Lock the application row and check the actor may act on it (another office's case is "not found")."""
    locked = Application.objects.select_for_update().filter(pk=application.pk).first()
    if locked is None:
        raise NotFoundError(errors.ERR_APPLICATION_NOT_FOUND)
    if person is not None:
        if not is_member(person, locked.household_id):
            raise NotFoundError(errors.ERR_APPLICATION_NOT_FOUND)
    elif not Household.objects.filter(jurisdiction_q(actor), pk=locked.household_id).exists():
        raise NotFoundError(errors.ERR_APPLICATION_NOT_FOUND)
    return locked


_UNREAD = object()


def office_for_household(*, actor, household: Household, nearest=_UNREAD) -> Office | None:
    """The office that handles the household: the actor's own if it covers the district, else the district's,
    else the actor's own if its jurisdiction covers the district, else the province-wide one.

    `nearest`: the household's nearest office (possibly None) when the caller already read it with other
    statements (accounts' nearest_office()); otherwise it is read here.
    """
    own = office_for_user(actor)
    if own is not None and own.district_id == household.district_id:
        return own
    if nearest is _UNREAD:
        nearest = sql.fetch(nearest_office(district_id=household.district_id, province_id=household.province_id))
    if nearest is not None and nearest.district_id is not None:
        return nearest
    if own is not None and district_in_jurisdiction(actor, household.district):
        return own
    return nearest


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
    (fetch() gives the list)."""
    return sql.Statement(_members_sql(), (Household._meta.pk.get_db_prep_value(household_id, sql.db()),), _memberships)


def reference_person(household_id, *, members: list[Membership] | None = None) -> Person | None:
    """The current reference person; taken from `members` (fetched current_members()) when the caller has them."""
    if members is not None:
        return next((m.person for m in members if m.role == Role.REFERENCE), None)
    return Person.objects.filter(
        membership_current_q("memberships__"), memberships__household_id=household_id, memberships__role=Role.REFERENCE
    ).first()


def citizen_notify(
    *, application: Application, template: str, context: dict, members: list[Membership] | None = None
) -> None:
    """Tell the household's reference person (phone: theirs, else the household's), after commit."""
    person = reference_person(application.household_id, members=members)
    phone = (person.phone if person else "") or application.household.phone
    notify(person=person, phone=phone, template=template, context={"reference": application.reference, **context})


def today():
    return timezone.localdate()
