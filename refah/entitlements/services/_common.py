"""Helpers shared by the entitlements services: permission, the day, the person's household in reach."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from refah.common.errors import ERR_NO_PERMISSION, NotFoundError, PermissionDeniedError, RefahError
from refah.entitlements import errors
from refah.registry import selectors as registry_selectors
from refah.registry.identity import identity_number_errors
from refah.registry.models import Household, Person


def require(actor, perm: str) -> None:
    if actor is None or not actor.has_perm(perm):
        raise PermissionDeniedError(ERR_NO_PERMISSION)


def today() -> dt.date:
    return timezone.localdate()


def household_of(*, actor, person: Person) -> Household:
    """The person's current household if the actor may work with it; "not found" otherwise, as for a wrong id."""
    membership = person.memberships.current().select_related("household").first()
    if membership is None:
        raise RefahError(errors.ERR_NO_HOUSEHOLD, field="person")
    try:
        return registry_selectors.access_household_by_id(user=actor, household_id=membership.household_id)
    except NotFoundError:
        raise NotFoundError(errors.ERR_PERSON_NOT_FOUND) from None


def in_reach(*, actor, household_id, message) -> None:
    """ "Not found" (with `message`) unless the household is in the actor's jurisdiction."""
    try:
        registry_selectors.access_household_by_id(user=actor, household_id=household_id)
    except NotFoundError:
        raise NotFoundError(message) from None


def tc_checked(value: str, *, field: str, missing) -> str:
    """A TC Kimlik No, stripped, or a RefahError on `field` naming what is wrong with it."""
    value = (value or "").strip()
    if not value:
        raise RefahError(missing, field=field)
    problems = identity_number_errors(value)
    if problems:
        raise RefahError(problems[0], field=field)
    return value


def text_checked(value: str, *, field: str, missing, limit: int) -> str:
    value = (value or "").strip()
    if not value:
        raise RefahError(missing, field=field)
    return value[:limit]
