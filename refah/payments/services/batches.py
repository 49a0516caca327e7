"""Writes of payment batches: create (or retry), approve by a second person, and the PTT deadline.

A batch takes the cycle's entitlements of one channel in the maker's jurisdiction that have no line yet
(a retry: whose latest line in the given batch failed or came back, with no live line). The partial unique
index "one live line per entitlement" makes a second, concurrent batch for the same entitlements fail
instead of paying twice. Entitlements are not rewritten: their payment state is their latest line's.
"""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from refah.accounts.selectors import jurisdiction_q, office_for_user
from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.common.errors import ConflictError, PermissionDeniedError, RefahError
from refah.payments import errors
from refah.payments.enums import BatchStatus, Channel, CycleStatus, EntitlementStatus, LineStatus
from refah.payments.iban import iban_normalize, is_valid_tr_iban
from refah.payments.models import Entitlement, PaymentBatch, PaymentCycle, PaymentLine
from refah.payments.schedule import ptt_claim_days
from refah.payments.services._common import require
from refah.payments.sql import bulk_plan, execute, fetchone, p_datetime, p_uuid, subquery
from refah.registry.models import Household

BATCH_CHANNELS = (Channel.BANK, Channel.PTT)
_LINES = PaymentLine._meta.db_table
_ENTITLEMENTS = Entitlement._meta.db_table
_LIVE = [LineStatus.PENDING.value, LineStatus.PAID.value]
_UNSETTLED = EntitlementStatus.PENDING.value  # bank and PTT entitlements keep it; their lines say the rest


def batch_create(
    *,
    actor,
    cycle: PaymentCycle,
    channel: str,
    debtor_name: str,
    debtor_iban: str,
    execution_date: dt.date,
    retry_of: PaymentBatch | None = None,
) -> PaymentBatch:
    """A draft batch of the cycle's unpaid entitlements (or of `retry_of`'s failed and returned lines)."""
    require(actor, "payments.create_batch")
    office = office_for_user(actor)
    if office is None:
        raise PermissionDeniedError(errors.ERR_NO_PERMISSION)
    if cycle.status != CycleStatus.COMPUTED:
        raise RefahError(errors.ERR_CYCLE_NOT_COMPUTED)
    if channel not in BATCH_CHANNELS:
        raise RefahError(errors.ERR_BATCH_CHANNEL, field="channel")
    debtor_iban = iban_normalize(debtor_iban)
    if not is_valid_tr_iban(debtor_iban):
        raise RefahError(errors.ERR_IBAN_INVALID, field="debtor_iban")
    batch = PaymentBatch(
        cycle=cycle,
        office=office,
        channel=channel,
        retry_of=retry_of,
        debtor_name=debtor_name,
        debtor_iban=debtor_iban,
        execution_date=execution_date,
        created_by=actor,
    )
    batch.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            batch.save()
            bulk_plan()
            _lines_insert(batch, actor)
            if batch.line_count == 0:
                raise RefahError(errors.ERR_RETRY_NOTHING if retry_of else errors.ERR_NOTHING_TO_PAY)
            audit_record(actor=actor, action=AuditAction.PAYMENT_BATCH_CREATE, obj=batch, after=snapshot(batch))
    except IntegrityError:
        raise ConflictError(errors.ERR_NOTHING_TO_PAY) from None
    return batch


def _lines_insert(batch: PaymentBatch, actor) -> None:
    """INSERT the lines in one INSERT … SELECT and store the batch's control totals."""
    # a line of the cycle's entitlement is in a batch of the cycle (this one included): looking there keeps
    # the anti-join to the cycle's lines, read by the (batch, status) index, not every line ever written
    batches = [p_uuid(pk) for pk in PaymentBatch.objects.filter(cycle_id=batch.cycle_id).values_list("pk", flat=True)]
    marks = ", ".join(["%s"] * len(batches))
    cycle_lines = f"SELECT 1 FROM {_LINES} l WHERE l.entitlement_id = e.id AND l.batch_id IN ({marks})"
    if batch.retry_of_id:
        filters = (
            f" AND e.id IN (SELECT entitlement_id FROM {_LINES} WHERE batch_id = %s AND status IN (%s, %s))"
            f" AND NOT EXISTS ({cycle_lines} AND l.status IN (%s, %s))"
        )
        params = [p_uuid(batch.retry_of_id), LineStatus.FAILED.value, LineStatus.RETURNED.value, *batches, *_LIVE]
    else:
        filters, params = f" AND NOT EXISTS ({cycle_lines})", batches
    scope = jurisdiction_q(actor)
    if scope:
        households, household_params = subquery(Household.objects.filter(scope).values("id"))
        filters += f" AND e.household_id IN {households}"
        params += household_params
    execute(
        f"""INSERT INTO {_LINES}
  (batch_id, entitlement_id, amount_kurus, recipient_name, recipient_identifier, iban, status, reason, status_at)
SELECT %s, e.id, e.amount_kurus, e.recipient_name, e.recipient_identifier, COALESCE(a.iban, e.iban), %s, '', NULL
FROM {_ENTITLEMENTS} e
LEFT JOIN payments_payeeaccount a ON a.person_id = e.recipient_id AND a.closed_at IS NULL
WHERE e.cycle_id = %s AND e.channel = %s AND e.status = %s{filters}""",
        [p_uuid(batch.pk), LineStatus.PENDING.value, p_uuid(batch.cycle_id), batch.channel, _UNSETTLED, *params],
    )
    batch.line_count, batch.total_kurus = batch_line_totals(batch)
    batch.save(update_fields=["line_count", "total_kurus"])


def batch_line_totals(batch: PaymentBatch) -> tuple[int, int]:
    """(number of lines, sum of their amounts) as the database holds them now."""
    count, total = fetchone(
        f"SELECT COUNT(*), COALESCE(SUM(amount_kurus), 0) FROM {_LINES} WHERE batch_id = %s", [p_uuid(batch.pk)]
    )
    return int(count), int(total)


def batch_approve(*, actor, batch: PaymentBatch) -> PaymentBatch:
    """The checker approves a draft batch; never the person who created it."""
    require(actor, "payments.approve_batch")
    with transaction.atomic():
        locked = PaymentBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.status != BatchStatus.DRAFT:
            raise ConflictError(errors.ERR_BATCH_NOT_DRAFT)
        if locked.created_by_id == actor.pk:
            raise PermissionDeniedError(errors.ERR_MAKER_CHECKER)
        before = snapshot(locked)
        locked.status, locked.approved_by, locked.approved_at = BatchStatus.APPROVED, actor, timezone.now()
        locked.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
        audit_record(
            actor=actor, action=AuditAction.PAYMENT_BATCH_APPROVE, obj=locked, before=before, after=snapshot(locked)
        )
    return locked


def ptt_unclaimed_return(*, actor, today: dt.date | None = None) -> int:
    """PTT cash not collected within the deadline (dated setting) is returned; returns the lines changed."""
    require(actor, "payments.reconcile")
    today = today or timezone.localdate()
    changed = 0
    batches = PaymentBatch.objects.filter(channel=Channel.PTT, exported_at__isnull=False, lines__status="pending")
    for batch in batches.distinct():
        days = ptt_claim_days(batch.execution_date)
        deadline = timezone.localtime(batch.exported_at).date() + dt.timedelta(days=days)
        if today <= deadline:
            continue
        with transaction.atomic():
            changed += _lines_set_status(batch, LineStatus.RETURNED, "unclaimed")
            audit_record(actor=actor, action=AuditAction.PTT_UNCLAIMED_RETURN, obj=batch, note=f"deadline {deadline}")
    return changed


def _lines_set_status(batch: PaymentBatch, status: LineStatus, reason: str) -> int:
    now = p_datetime(timezone.now())
    return execute(
        f"UPDATE {_LINES} SET status = %s, reason = %s, status_at = %s WHERE batch_id = %s AND status = %s",
        [status.value, reason, now, p_uuid(batch.pk), LineStatus.PENDING.value],
    )
