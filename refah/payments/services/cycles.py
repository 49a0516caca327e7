"""Writes of cycles: create a cycle for a program and period; compute its frozen entitlements in one SQL.

Compute = approved decisions in force for the period (cases) ∩ eligible determinations of the period
(eligibility) with the recipient the engine chose, the open IBAN of the recipient; everything copied
into Entitlement rows, so later registry or determination edits never change a computed cycle. The amount is the
decision's, never more than the month's determination (a sanction, the household cap or a change of income
lowers it by itself; a rise above the approved amount needs a new decision).
"""

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Count, QuerySet, Sum
from django.utils import timezone

from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.common.errors import ConflictError, RefahError
from refah.eligibility.models import Determination
from refah.payments import errors, sources
from refah.payments.enums import Channel, CycleStatus
from refah.payments.models import Entitlement, PaymentCycle
from refah.payments.schedule import PaymentPlan, plan_for
from refah.payments.services._common import require
from refah.payments.sql import analyze, bulk_plan, execute, p_date, p_datetime, p_uuid, subquery
from refah.registry.models import membership_on_sql


def cycle_create(*, actor, program: str, period_start: dt.date) -> PaymentCycle:
    """Open a cycle for a program and period (first day of a month the program's plan allows)."""
    require(actor, "payments.compute_cycle")
    plan = plan_for(program)  # coded programs and approved custom programs (their payment terms are data)
    if plan is None:
        raise RefahError(errors.ERR_UNKNOWN_PROGRAM, field="program")
    period_start = period_start.replace(day=1)
    if plan.start_months and period_start.month not in plan.start_months:
        months = ", ".join(str(m) for m in plan.start_months)
        raise RefahError(errors.ERR_CYCLE_PERIOD % {"expected": months}, field="period_start")
    cycle = PaymentCycle(
        program=program, period_start=period_start, kind=plan.kind, months=plan.months, created_by=actor
    )
    cycle.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            cycle.save()
            audit_record(actor=actor, action=AuditAction.PAYMENT_CYCLE_CREATE, obj=cycle, after=snapshot(cycle))
    except IntegrityError:
        raise ConflictError(errors.ERR_CYCLE_EXISTS, field="period_start") from None
    return cycle


def cycle_compute(*, actor, cycle: PaymentCycle, decisions: QuerySet | None = None) -> PaymentCycle:
    """Freeze the cycle's entitlements in one INSERT … SELECT; a computed cycle cannot be recomputed.

    `decisions` (household_id, program, amount_kurus, decided_at) defaults to the approved decisions
    of the cases app in force for the period.
    """
    require(actor, "payments.compute_cycle")
    if decisions is None:
        decisions = sources.approved_program_decisions(period_start=cycle.period_start)
    decisions = decisions.filter(program=cycle.program).order_by().values("household_id", "amount_kurus", "decided_at")
    with transaction.atomic():
        locked = PaymentCycle.objects.select_for_update().get(pk=cycle.pk)
        if locked.status != CycleStatus.OPEN:
            raise ConflictError(errors.ERR_CYCLE_COMPUTED)
        now = timezone.now()
        plan = plan_for(locked.program)
        if plan is None:  # the custom program is no longer approved
            raise RefahError(errors.ERR_UNKNOWN_PROGRAM, field="program")
        bulk_plan()
        execute(*_compute_sql(locked, plan, decisions, now))
        analyze(Entitlement)
        totals = Entitlement.objects.filter(cycle=locked).aggregate(n=Count("id"), total=Sum("amount_kurus"))
        locked.status = CycleStatus.COMPUTED
        locked.computed_by, locked.computed_at = actor, now
        locked.entitlement_count, locked.total_kurus = totals["n"] or 0, totals["total"] or 0
        locked.save(update_fields=["status", "computed_by", "computed_at", "entitlement_count", "total_kurus"])
        audit_record(actor=actor, action=AuditAction.PAYMENT_CYCLE_COMPUTE, obj=locked, after=snapshot(locked))
    return locked


def _compute_sql(cycle: PaymentCycle, plan: PaymentPlan, decisions: QuerySet, now: dt.datetime) -> tuple[str, list]:
    """The entitlements' INSERT … SELECT. Whom to pay is the determination's recipient, chosen by the engine (the
    program's recipient kind, among the members on the period's first day, alive), never decided here. It is
    paid only if still a member on that day and alive: the determination is re-evaluated when the household
    changes, but a death or a departure recorded with an earlier date must not be paid (no recipient then, as
    before when nobody qualified)."""
    day = p_date(cycle.period_start)
    decisions_sql, decisions_params = subquery(decisions)
    channel_sql, channel_params = _channel_sql(plan.channel)
    det = Determination._meta.db_table
    sql = f"""
WITH dec AS (
  SELECT household_id, amount_kurus FROM (
    SELECT s.household_id, s.amount_kurus,
           ROW_NUMBER() OVER (PARTITION BY s.household_id ORDER BY s.decided_at DESC) AS rn
    FROM {decisions_sql} s) x
  WHERE rn = 1
), elig AS (
  SELECT dec.household_id,
         CASE WHEN dec.amount_kurus IS NULL OR dec.amount_kurus > det.amount_kurus THEN det.amount_kurus
              ELSE dec.amount_kurus END * %s AS amount_kurus,
         det.unit, det.input_hash, det.recipient_id
  FROM dec JOIN {det} det ON det.household_id = dec.household_id
  WHERE det.program = %s AND det.period = %s AND det.eligible
), rec AS (
  SELECT elig.household_id, p.id AS person_id, p.first_name || ' ' || p.last_name AS recipient_name,
         COALESCE(p.national_id, p.internal_id) AS recipient_identifier
  FROM elig JOIN registry_person p ON p.id = elig.recipient_id
  WHERE (p.deceased_on IS NULL OR p.deceased_on > %s)
    AND EXISTS (SELECT 1 FROM registry_membership m
                WHERE m.person_id = p.id AND m.household_id = elig.household_id AND {membership_on_sql("m")})
)
INSERT INTO {Entitlement._meta.db_table}
  (cycle_id, household_id, program, period_start, amount_kurus, unit, recipient_id, recipient_name,
   recipient_identifier, channel, iban, inputs_hash, status, created_at)
SELECT %s, elig.household_id, %s, %s, elig.amount_kurus, elig.unit, rec.person_id,
       COALESCE(rec.recipient_name, ''), COALESCE(rec.recipient_identifier, ''), {channel_sql},
       COALESCE(a.iban, ''), elig.input_hash, 'pending', %s
FROM elig
LEFT JOIN rec ON rec.household_id = elig.household_id
LEFT JOIN payments_payeeaccount a ON a.person_id = rec.person_id AND a.closed_at IS NULL
WHERE elig.amount_kurus > 0
"""
    params = [
        *decisions_params,
        cycle.months,
        cycle.program,
        day,
        day,
        day,
        day,
        p_uuid(cycle.pk),
        cycle.program,
        day,
        *channel_params,
        p_datetime(now),
    ]
    return sql, params


def _channel_sql(fixed: Channel | None) -> tuple[str, list]:
    """A fixed channel, else in kind for non-money units, bank with an open IBAN, PTT cash without one."""
    if fixed is not None:
        return "%s", [fixed.value]
    return (
        "CASE WHEN elig.unit <> 'TRY' THEN %s WHEN a.iban IS NULL THEN %s ELSE %s END",
        [Channel.IN_KIND.value, Channel.PTT.value, Channel.BANK.value],
    )
