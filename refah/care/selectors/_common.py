"""Helpers of the care reads: permission, ids, the access log."""

from __future__ import annotations

import uuid

from refah.audit.enums import AccessChannel, AccessKind, AccessPurpose
from refah.audit.services_access import access_record
from refah.common.errors import ERR_NO_PERMISSION, PermissionDeniedError


def require(user, perm: str) -> None:
    if user is None or not user.has_perm(perm):
        raise PermissionDeniedError(ERR_NO_PERMISSION)


def key(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        return None


def listed_logged(*, user, rows, channel: str = AccessChannel.SCREEN, sensitive: bool = False) -> None:
    """One access-log row for a list of care records shown (their persons and households as subjects)."""
    rows = list(rows)
    if rows:
        access_record(
            actor=user,
            purpose=AccessPurpose.CASE_WORK,
            channel=channel,
            kind=AccessKind.HOUSEHOLD_LIST,
            households=[getattr(r, "household_id", None) for r in rows],
            persons=[getattr(r, "person_id", None) or getattr(r, "child_id", None) for r in rows],
            sensitive=sensitive,
        )


def one_logged(*, user, obj, person_id, household_id, district_id, channel: str = AccessChannel.SCREEN) -> None:
    access_record(
        actor=user,
        purpose=AccessPurpose.CASE_WORK,
        channel=channel,
        kind=AccessKind.PERSON,
        obj=obj,
        household_id=household_id,
        person_id=person_id,
        district_id=district_id,
        sensitive=True,
    )
