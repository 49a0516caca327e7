"""Helpers shared by the ASDEP services."""

from __future__ import annotations

import datetime as dt

from refah.common.errors import ERR_NO_PERMISSION, PermissionDeniedError


def require(actor, perm: str) -> None:
    if actor is None or not actor.has_perm(perm):
        raise PermissionDeniedError(ERR_NO_PERMISSION)


def working_days(start: dt.date, end: dt.date) -> list[dt.date]:
    """Monday to Friday from `start` to `end`, both included (the start itself when the period has none)."""
    days = [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]
    return [d for d in days if d.weekday() < 5] or [start]
