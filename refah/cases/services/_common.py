"""Helpers shared by the case services: permission, jurisdiction, locking, the citizen to notify."""

from django.utils import timezone

from refah.accounts.models import Office
from refah.accounts.selectors import district_in_jurisdiction, jurisdiction_q, nearest_office, office_for_user
from refah.cases import errors
from refah.cases.models import Application
from refah.common import sql
from refah.common.errors import NotFoundError, PermissionDeniedError
from refah.notifications.services import notify
from refah.registry import selectors as registry_selectors
from refah.registry.enums import Role
from refah.registry.models import Household, Membership, Person


def require(actor, perm: str) -> None:
    if actor is None or not actor.has_perm(perm):
        raise PermissionDeniedError(errors.ERR_NO_PERMISSION)


def lock(*, actor, application: Application, person: Person | None = None) -> Application:
    """Lock the application row and check the actor may act on it (another office's case is "not found")."""
    locked = Application.objects.select_for_update().filter(pk=application.pk).first()
    if locked is None:
        raise NotFoundError(errors.ERR_APPLICATION_NOT_FOUND)
    if person is not None:
        if not registry_selectors.is_current_member(person=person, household_id=locked.household_id):
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


def reference_person(household_id, *, members: list[Membership] | None = None) -> Person | None:
    """The current reference person; taken from `members` (the registry's current_members(), fetched) when the
    caller has them."""
    if members is not None:
        return next((m.person for m in members if m.role == Role.REFERENCE), None)
    return registry_selectors.reference_person(household_id=household_id)


def citizen_notify(
    *, application: Application, template: str, context: dict, members: list[Membership] | None = None
) -> None:
    """Tell the household's reference person (phone: theirs, else the household's), after commit."""
    person = reference_person(application.household_id, members=members)
    phone = (person.phone if person else "") or application.household.phone
    notify(person=person, phone=phone, template=template, context={"reference": application.reference, **context})


def today():
    return timezone.localdate()
