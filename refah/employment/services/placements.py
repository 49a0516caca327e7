"""Work: a referred person starts work (recorded by the office or read from İŞKUR) and, perhaps, leaves it."""

from __future__ import annotations

import calendar
import datetime as dt

from django.db import transaction

from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.common.errors import ConflictError, RefahError
from refah.employment import errors
from refah.employment.enums import EndReason, Source
from refah.employment.models import Offer, Placement, Referral
from refah.employment.services._common import first_of_month, refresh_after_commit, require, today

PERMISSION = "employment.add_placement"
# Employers hiring a beneficiary have their social security premiums paid for a year (DOMAIN.md).
PREMIUM_SUPPORT_MONTHS = 12


def premium_support_until(started_on: dt.date) -> dt.date:
    """The last day of the premium support of a placement that started on `started_on`: the day before the same
    day PREMIUM_SUPPORT_MONTHS later (the month's last day when that month is shorter)."""
    month = first_of_month(started_on, PREMIUM_SUPPORT_MONTHS)
    last = calendar.monthrange(month.year, month.month)[1]
    return month.replace(day=min(started_on.day, last)) - dt.timedelta(days=1)


def _clean(employer: str, started_on: dt.date, ended_on: dt.date | None, wage: int | None) -> None:
    if not (employer or "").strip():
        raise RefahError(errors.ERR_EMPLOYER, field="employer")
    if started_on > today() or (ended_on is not None and (ended_on < started_on or ended_on > today())):
        raise RefahError(errors.ERR_PLACEMENT_DATES, field="started_on")
    if wage is not None and (isinstance(wage, bool) or not isinstance(wage, int) or not 0 < wage <= 10**10):
        raise RefahError(errors.ERR_AMOUNT, field="monthly_wage_kurus")


@transaction.atomic
def placement_record(
    *,
    actor,
    referral: Referral,
    employer: str,
    started_on: dt.date,
    monthly_wage_kurus: int | None = None,
    premium_support: bool = False,
    offer: Offer | None = None,
) -> Placement:
    """Record that a referred person started work (the employer's premium support for a year when given). The
    rules read it from the month of the start: job start aid once, the conditional transfers continuing for a
    year, a sanction of the household lifted from the month after."""
    require(actor, PERMISSION)
    _clean(employer, started_on, None, monthly_wage_kurus)
    placement = Placement.objects.create(
        referral=referral,
        person_id=referral.person_id,
        household_id=referral.household_id,
        offer=offer,
        source=Source.OFFICE,
        employer=employer.strip()[:200],
        monthly_wage_kurus=monthly_wage_kurus,
        started_on=started_on,
        premium_support=bool(premium_support),
        premium_support_until=premium_support_until(started_on) if premium_support else None,
        recorded_by=actor,
    )
    placement_recorded(actor=actor, placement=placement)
    return placement


def placement_recorded(*, actor, placement: Placement) -> None:
    """What follows a new placement (inside its transaction): the audit row and the rules of its month and today's."""
    audit_record(
        actor=actor,
        action=AuditAction.PLACEMENT_RECORD,
        obj=placement,
        after=snapshot(placement),
        household_id=placement.household_id,
    )
    refresh_after_commit(placement.household_id, placement.started_on, today(), first_of_month(today(), 1))


@transaction.atomic
def placement_end(*, actor, placement: Placement, ended_on: dt.date, reason: str) -> Placement:
    """Record that the person left work (the follow-up counts who is still in work after 6 and 12 months)."""
    require(actor, PERMISSION)
    locked = Placement.objects.select_for_update().get(pk=placement.pk)
    if locked.ended_on is not None:
        raise ConflictError(errors.ERR_PLACEMENT_ENDED, code="placement_ended")
    if reason not in EndReason.values:
        raise RefahError(errors.ERR_END_REASON, field="reason")
    _clean(locked.employer, locked.started_on, ended_on, None)
    before = snapshot(locked)
    locked.ended_on, locked.end_reason = ended_on, reason
    locked.save(update_fields=["ended_on", "end_reason", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.PLACEMENT_END,
        obj=locked,
        before=before,
        after=snapshot(locked),
        household_id=locked.household_id,
    )
    return locked
