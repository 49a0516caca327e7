"""Helpers shared by the case services: permission, jurisdiction, locking, the citizen to notify."""

from django.utils import timezone

from refah.accounts.models import Office
from refah.accounts.selectors import district_in_jurisdiction, jurisdiction_q, office_for_user
from refah.cases import errors
from refah.cases.models import Application
from refah.common.errors import NotFoundError, PermissionDeniedError
from refah.notifications.services import notify
from refah.registry.enums import Role
from refah.registry.models import Household, Person


def require(actor, perm: str) -> None:
    if actor is None or not actor.has_perm(perm):
        raise PermissionDeniedError(errors.ERR_NO_PERMISSION)


def is_member(person: Person, household_id) -> bool:
    return person.memberships.filter(household_id=household_id, left_on__isnull=True).exists()


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


def office_for_household(*, actor, household: Household) -> Office | None:
    """The office that handles the household: the actor's own if it covers the district, else the district's."""
    own = office_for_user(actor)
    if own is not None and own.district_id == household.district_id:
        return own
    local = Office.objects.filter(district_id=household.district_id).order_by("kind", "name").first()
    if local is not None:
        return local
    if own is not None and district_in_jurisdiction(actor, household.district):
        return own
    return Office.objects.filter(province_id=household.province_id, district__isnull=True).order_by("name").first()


def reference_person(household_id) -> Person | None:
    return Person.objects.filter(
        memberships__household_id=household_id, memberships__left_on__isnull=True, memberships__role=Role.REFERENCE
    ).first()


def citizen_notify(*, application: Application, template: str, context: dict) -> None:
    """Tell the household's reference person (phone: theirs, else the household's), after commit."""
    person = reference_person(application.household_id)
    phone = (person.phone if person else "") or application.household.phone
    notify(person=person, phone=phone, template=template, context={"reference": application.reference, **context})


def today():
    return timezone.localdate()
