"""What every sealed write shares: the named-staff check and the sealed audit row."""

from __future__ import annotations

import secrets

from django.utils import timezone

from refah.audit.services import audit_record
from refah.common.errors import PermissionDeniedError, RefahError
from refah.shelters import errors
from refah.shelters.enums import CaseStatus, UnitRole
from refah.shelters.selectors.naming import unit_role

_ALPHABET = "ABCDEFGHJKLMNPRSTUVYZ23456789"


def _audit(**event) -> None:
    """Every act on a sealed record is a sealed audit row: no household, kept from every ordinary reader."""
    audit_record(**event, sealed=True)


def require_named(actor, unit) -> str:
    """The actor's role in the unit; PermissionDeniedError when not named there (the record is already known to
    the actor: a break-glass reader may read, never write)."""
    role = unit_role(actor, unit)
    if role is None:
        raise PermissionDeniedError(errors.ERR_NOT_NAMED)
    return role


def require_supervisor(actor, unit) -> None:
    if require_named(actor, unit) != UnitRole.SUPERVISOR:
        raise PermissionDeniedError(errors.ERR_NOT_SUPERVISOR)


def require_open(case) -> None:
    if case.status != CaseStatus.OPEN:
        raise RefahError(errors.ERR_CASE_CLOSED, field="case")


def required(value, *, field: str, message, limit: int | None = None) -> str:
    value = (value or "").strip()
    if not value:
        raise RefahError(message, field=field)
    return value[:limit] if limit else value


def choice(value, enum, *, field: str, message) -> str:
    if value not in enum.values:
        raise RefahError(message, field=field)
    return value


def not_future(day, *, field: str):
    if day is None:
        return timezone.localdate()
    if day > timezone.localdate():
        raise RefahError(errors.ERR_FUTURE, field=field)
    return day


def case_reference() -> str:
    """A case number to tell on the phone: the year and six characters without look-alikes (2026-K7M4TZ)."""
    return f"{timezone.localdate():%Y}-{''.join(secrets.choice(_ALPHABET) for _ in range(6))}"
