"""Helpers of the entitlements reads: the permission, ids, one object in the user's jurisdiction, the access log."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet

from refah.accounts.selectors import jurisdiction_q
from refah.audit.enums import AccessKind, AccessPurpose
from refah.audit.services_access import access_record
from refah.common.errors import ERR_NO_PERMISSION, NotFoundError, PermissionDeniedError


def require(user, perm: str) -> None:
    if user is None or not user.has_perm(perm):
        raise PermissionDeniedError(ERR_NO_PERMISSION)


def key(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        return None


def one(rows: QuerySet, *, user, object_id, message, prefix: str = "household__"):
    """The row with this id in the user's jurisdiction; else "not found", as for a wrong id."""
    found_key = key(object_id)
    found = rows.filter(jurisdiction_q(user, prefix=prefix), pk=found_key).first() if found_key else None
    if found is None:
        raise NotFoundError(message)
    return found


def logged_one(*, user, channel: str, obj, household_id, person_id, district_id) -> None:
    access_record(
        actor=user,
        purpose=AccessPurpose.CASE_WORK,
        channel=channel,
        kind=AccessKind.PERSON,
        obj=obj,
        household_id=household_id,
        person_id=person_id,
        district_id=district_id,
    )


def logged_list(*, user, channel: str, persons: list, households: list, kind: str = AccessKind.HOUSEHOLD_LIST) -> None:
    """One access-log row for a list (or an export) shown, its persons and households as subjects."""
    if persons:
        access_record(
            actor=user,
            purpose=AccessPurpose.CASE_WORK,
            channel=channel,
            kind=kind,
            households=households,
            persons=persons,
            count=len(persons),
        )


def records_logged(*, user, rows: list, channel: str) -> None:
    """One access-log row for a list of records or cards shown (their persons and households)."""
    logged_list(
        user=user, channel=channel, persons=[r.person_id for r in rows], households=[r.household_id for r in rows]
    )
