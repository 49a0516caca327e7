"""Helpers shared by the care services: permission, the day, the household and institution in reach."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from refah.accounts.selectors import jurisdiction_q
from refah.care import errors
from refah.care.models import Institution
from refah.common.errors import ERR_NO_PERMISSION, NotFoundError, PermissionDeniedError, RefahError
from refah.registry import selectors as registry_selectors


def require(actor, perm: str) -> None:
    if actor is None or not actor.has_perm(perm):
        raise PermissionDeniedError(ERR_NO_PERMISSION)


def today() -> dt.date:
    return timezone.localdate()


def household_in_reach(actor, household):
    """The household, read through the registry's permission-checked selector (else "not found")."""
    return registry_selectors.access_household_by_id(user=actor, household_id=getattr(household, "pk", household))


def member_of(person, household) -> None:
    if person is None or not person.memberships.current().filter(household=household).exists():
        raise RefahError(errors.ERR_NOT_MEMBER, field="person")


def institution_in_reach(actor, institution, *, lock: bool = False) -> Institution:
    """The institution, if it lies in the actor's jurisdiction (else "not found"); locked when asked."""
    rows = Institution.objects.filter(jurisdiction_q(actor))
    if lock:
        rows = rows.select_for_update()
    found = rows.filter(pk=getattr(institution, "pk", institution)).first()
    if found is None:
        raise NotFoundError(errors.ERR_INSTITUTION_NOT_FOUND)
    return found


def not_future(day: dt.date, field: str) -> None:
    if day > today():
        raise RefahError(errors.ERR_DATE_FUTURE, field=field)
