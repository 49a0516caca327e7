"""Writes around bank files: export an approved batch (pain.001 or CSV), import the bank's answer.

Export refuses a batch whose stored control totals differ from the sum of its lines. Import moves
lines pending → paid | failed | returned (and paid → returned); anything else is ignored, so a file
imported twice, or answers in any order, never pay a line twice. Paid lines go to the public ledger.
"""

from collections.abc import Iterator
from typing import BinaryIO

from django.db import connection, transaction
from django.utils import timezone

from refah.audit.actions import AuditAction
from refah.audit.enums import AccessChannel, AccessKind, AccessPurpose
from refah.audit.services import audit_record
from refah.audit.services_access import access_record
from refah.common.errors import ConflictError, RefahError
from refah.payments import errors, iso20022, sources
from refah.payments.enums import BatchStatus, Channel, LineStatus
from refah.payments.models import PaymentBatch, PaymentLine
from refah.payments.services._common import require
from refah.payments.services.batches import batch_line_totals
from refah.payments.sql import execute, p_datetime, p_uuid

_LINES = PaymentLine._meta.db_table
FETCH_ROWS = 100_000
ID_CHUNK = 500  # SQLite allows 999 parameters per statement
_FROM = {
    LineStatus.PAID: (LineStatus.PENDING,),
    LineStatus.FAILED: (LineStatus.PENDING,),
    LineStatus.RETURNED: (LineStatus.PENDING, LineStatus.PAID),
}


def batch_export(*, actor, batch: PaymentBatch, fmt: str, out: BinaryIO) -> None:
    """Write the batch as pain.001.001.09 XML ("xml", bank batches) or CSV ("csv") to `out`."""
    require(actor, "payments.export_batch")
    if batch.status not in (BatchStatus.APPROVED, BatchStatus.EXPORTED):
        raise ConflictError(errors.ERR_BATCH_NOT_APPROVED)
    if fmt == "xml" and batch.channel != Channel.BANK:
        raise RefahError(errors.ERR_BATCH_CHANNEL, field="format")
    with transaction.atomic():
        if batch_line_totals(batch) != (batch.line_count, batch.total_kurus):
            raise ConflictError(errors.ERR_BATCH_TOTALS)
        if fmt == "xml":
            envelope = iso20022.Envelope(
                message_id=batch.message_id,
                initiator=batch.office.name,
                debtor_name=batch.debtor_name,
                debtor_iban=batch.debtor_iban,
                execution_date=batch.execution_date.isoformat(),
                count=batch.line_count,
                total_kurus=batch.total_kurus,
            )
            remittance = f"{batch.cycle.program} {batch.cycle.period_start:%Y-%m}"
            iso20022.pain001_write(out, envelope, iso20022.chunks_of(_line_rows(batch)), remittance)
        else:
            iso20022.csv_write(out, iso20022.chunks_of(_line_rows(batch)))
        if batch.status == BatchStatus.APPROVED:
            batch.status, batch.exported_at = BatchStatus.EXPORTED, timezone.now()
            batch.save(update_fields=["status", "exported_at", "updated_at"])
        audit_record(actor=actor, action=AuditAction.PAYMENT_BATCH_EXPORT, obj=batch, note=fmt)
        _export_logged(actor, batch)


def _export_logged(actor, batch: PaymentBatch) -> None:
    """The export is a read of every recipient's name, identity number and IBAN: one access row, the lines'
    households as its subjects."""
    households = PaymentLine.objects.filter(batch=batch).values_list("entitlement__household_id", flat=True)
    access_record(
        actor=actor,
        purpose=AccessPurpose.PAYMENT,
        channel=AccessChannel.EXPORT,
        kind=AccessKind.EXPORT,
        obj=batch,
        count=batch.line_count,
        households=households.iterator(chunk_size=10_000),
    )


def _line_rows(batch: PaymentBatch) -> Iterator[list[tuple]]:
    cursor = connection.chunked_cursor()
    try:
        cursor.execute(
            f"SELECT {', '.join(iso20022.LINE_COLUMNS)} FROM {_LINES} WHERE batch_id = %s ORDER BY id",
            [p_uuid(batch.pk)],
        )
        while rows := cursor.fetchmany(FETCH_ROWS):
            yield rows
    finally:
        cursor.close()


def batch_answer_import(*, actor, batch: PaymentBatch, content: bytes, fmt: str) -> dict[str, int]:
    """Apply the bank's answer (pain.002 "xml" or "csv"); returns the lines changed per status."""
    require(actor, "payments.reconcile")
    if batch.status not in (BatchStatus.EXPORTED, BatchStatus.RECONCILED):
        raise ConflictError(errors.ERR_BATCH_NOT_EXPORTED)
    answers, reject_all = _answers(content, fmt)
    with transaction.atomic():
        locked = PaymentBatch.objects.select_for_update().get(pk=batch.pk)
        if reject_all:
            pending = PaymentLine.objects.filter(batch=locked, status=LineStatus.PENDING).values_list("id", flat=True)
            answers = [iso20022.Answer(line_id, "failed", "RJCT") for line_id in pending]
        _check_lines_belong(locked, answers)
        changed = {status.value: _apply(locked, status, answers) for status in _FROM}
        if not PaymentLine.objects.filter(batch=locked, status=LineStatus.PENDING).exists():
            locked.status = BatchStatus.RECONCILED
            locked.save(update_fields=["status", "updated_at"])
        audit_record(actor=actor, action=AuditAction.PAYMENT_BATCH_ANSWER_IMPORT, obj=locked, after=changed, note=fmt)
    return changed


def _answers(content: bytes, fmt: str) -> tuple[list[iso20022.Answer], bool]:
    try:
        if fmt == "csv":
            return iso20022.csv_answer_read(content), False
        group_status, answers = iso20022.pain002_read(content)
    except iso20022.AnswerError:
        raise RefahError(errors.ERR_ANSWER_UNREADABLE, field="file") from None
    return answers, group_status == "RJCT" and not answers


def _check_lines_belong(batch: PaymentBatch, answers: list[iso20022.Answer]) -> None:
    wanted = {a.line_id for a in answers}
    found = set()
    ids = sorted(wanted)
    for start in range(0, len(ids), ID_CHUNK):
        chunk = ids[start : start + ID_CHUNK]
        found.update(PaymentLine.objects.filter(batch=batch, id__in=chunk).values_list("id", flat=True))
    missing = wanted - found
    if missing:
        raise RefahError(errors.ERR_ANSWER_UNKNOWN_LINE % {"ref": f"RF{min(missing)}"}, field="file")


def _apply(batch: PaymentBatch, status: LineStatus, answers: list[iso20022.Answer]) -> int:
    """Move the answered lines to `status` where the transition is allowed (entitlements follow their lines)."""
    by_reason: dict[str, list[int]] = {}
    for answer in answers:
        if answer.status == status.value:
            by_reason.setdefault(answer.reason, []).append(answer.line_id)
    now = p_datetime(timezone.now())
    sources_ = [s.value for s in _FROM[status]]
    changed = 0
    for reason, ids in by_reason.items():
        for start in range(0, len(ids), ID_CHUNK):
            chunk = ids[start : start + ID_CHUNK]
            marks = ", ".join(["%s"] * len(chunk))
            if status == LineStatus.PAID:
                _ledger_append(batch, chunk)
            changed += execute(
                f"UPDATE {_LINES} SET status = %s, reason = %s, status_at = %s WHERE batch_id = %s "
                f"AND id IN ({marks}) AND status IN ({', '.join(['%s'] * len(sources_))})",
                [status.value, reason, now, p_uuid(batch.pk), *chunk, *sources_],
            )
    return changed


def _ledger_append(batch: PaymentBatch, line_ids: list[int]) -> None:
    """Append each line about to become paid to the public ledger (no personal data: ids and amounts)."""
    lines = PaymentLine.objects.filter(batch=batch, id__in=line_ids, status=LineStatus.PENDING).select_related(
        "entitlement"
    )
    period = batch.cycle.period_start.isoformat()
    for line in lines:
        sources.ledger_append(
            kind="payment",
            ref=line.end_to_end_id,
            data={"entitlement": line.entitlement_id, "household": line.entitlement.household_id.hex},
            program=batch.cycle.program,
            period=period,
            amount_kurus=line.amount_kurus,
            office_code=batch.office_id.hex,
        )
