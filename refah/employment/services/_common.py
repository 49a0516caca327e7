"""Helpers shared by the employment services: permission, the day, re-evaluating a household's rules."""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.db import transaction
from django.utils import timezone

from refah.common.errors import ERR_NO_PERMISSION, PermissionDeniedError
from refah.eligibility.overlay import approved_values, overrides_on
from refah.eligibility.params import ParameterSet
from refah.eligibility.services import household_refresh
from refah.exchange.client import CallContext
from refah.exchange.enums import CallPurpose


def require(actor, perm: str) -> None:
    if actor is None or not actor.has_perm(perm):
        raise PermissionDeniedError(ERR_NO_PERMISSION)


def today() -> dt.date:
    return timezone.localdate()


def first_of_month(day: dt.date, months: int = 0) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def parameter(name: str, day: dt.date):
    """A rulebook parameter on `day`, approved database values included (eligibility.overlay)."""
    return ParameterSet(day, overrides_on(day, approved_values()))(name)


def refresh_after_commit(household_id, *days: dt.date) -> None:
    """Re-evaluate the household's determinations for the months of `days` once the transaction commits, so the
    rules' reading of employment (a sanction, a placement, a referral) reaches the next payment cycle by itself."""
    for day in sorted({first_of_month(d) for d in days}):
        transaction.on_commit(partial(household_refresh, household_id=household_id, period=day), robust=True)


def iskur_context(actor, household_id) -> CallContext:
    """Who asks İŞKUR and why (sent as headers, kept in the call log)."""
    return CallContext(requester=actor, purpose=CallPurpose.CASE_WORK, household_id=household_id)
