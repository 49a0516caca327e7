"""Batches: maker–checker, never twice, pain.001 structure, pain.002 and CSV answers, retries, PTT deadline."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from refah.audit.models import AuditEvent
from refah.common.errors import ConflictError, PermissionDeniedError, RefahError
from refah.payments import errors
from refah.payments.iso20022 import pain002_build
from refah.payments.models import Entitlement, PaymentBatch, PaymentLine
from refah.payments.selectors import batch_summary
from refah.payments.services import batch_answer_import, batch_approve, batch_create, batch_export, ptt_unclaimed_return
from refah.payments.tests.conftest import DEBTOR_IBAN
from refah.payments.tests.helpers import NS, approved_batch, computed_cycle, exported_xml


def _draft(maker, cycle, channel="bank"):
    return batch_create(
        actor=maker,
        cycle=cycle,
        channel=channel,
        debtor_name="SYDV",
        debtor_iban=DEBTOR_IBAN,
        execution_date=dt.date(2025, 3, 5),
    )


def test_maker_cannot_approve_own_batch_checker_can_and_it_is_audited(maker, checker, office_merkez):
    cycle = computed_cycle(maker=maker, office=office_merkez, amounts=[125_000])
    batch = _draft(maker, cycle)
    with pytest.raises(PermissionDeniedError, match=str(errors.ERR_MAKER_CHECKER)):
        batch_approve(actor=maker, batch=batch)
    batch_approve(actor=checker, batch=batch)
    assert AuditEvent.objects.filter(action="payment_batch_approve", object_id=str(batch.pk)).exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        PaymentBatch.objects.filter(pk=batch.pk).update(approved_by=maker)  # the database refuses too


def test_unapproved_batch_cannot_be_exported(maker, office_merkez):
    batch = _draft(maker, computed_cycle(maker=maker, office=office_merkez, amounts=[125_000]))
    with pytest.raises(ConflictError):
        batch_export(actor=maker, batch=batch, fmt="xml", out=io.BytesIO())


def test_entitlement_goes_into_one_batch_only(maker, office_merkez):
    cycle = computed_cycle(maker=maker, office=office_merkez, amounts=[125_000, 95_050])
    _draft(maker, cycle)
    with pytest.raises(RefahError, match=str(errors.ERR_NOTHING_TO_PAY)):
        _draft(maker, cycle)
    line = PaymentLine.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        PaymentLine.objects.create(batch=line.batch, entitlement=line.entitlement, amount_kurus=1)
    twin = Entitlement.objects.values().first()
    twin.pop("id")
    with pytest.raises(IntegrityError), transaction.atomic():
        Entitlement.objects.create(**twin)  # same household, program and period


def test_pain001_parses_back_with_control_totals(maker, checker, office_merkez):
    cycle = computed_cycle(maker=maker, office=office_merkez, amounts=[125_000, 95_050, 1])
    batch = approved_batch(maker=maker, checker=checker, cycle=cycle)
    root = exported_xml(actor=maker, batch=batch)
    header = root.find("p:CstmrCdtTrfInitn/p:GrpHdr", NS)
    # 1,250.00 + 950.50 + 0.01 = 2,200.51
    assert header.findtext("p:NbOfTxs", namespaces=NS) == "3"
    assert header.findtext("p:CtrlSum", namespaces=NS) == "2200.51"
    amounts = [Decimal(a.text) for a in root.iterfind(".//p:CdtTrfTxInf/p:Amt/p:InstdAmt", NS)]
    assert sum(amounts) == Decimal("2200.51") and {a.get("Ccy") for a in root.iterfind(".//p:InstdAmt", NS)} == {"TRY"}
    ibans = {e.iban for e in Entitlement.objects.all()}
    assert {i.text for i in root.iterfind(".//p:CdtrAcct/p:Id/p:IBAN", NS)} == ibans
    assert root.findtext(".//p:DbtrAcct/p:Id/p:IBAN", namespaces=NS) == DEBTOR_IBAN
    PaymentBatch.objects.filter(pk=batch.pk).update(status="exported")
    assert PaymentBatch.objects.get(pk=batch.pk).exported_at is not None


def test_export_refused_when_totals_differ(maker, checker, office_merkez):
    batch = approved_batch(
        maker=maker, checker=checker, cycle=computed_cycle(maker=maker, office=office_merkez, amounts=[125_000])
    )
    PaymentLine.objects.filter(batch=batch).update(amount_kurus=125_001)
    with pytest.raises(ConflictError, match=str(errors.ERR_BATCH_TOTALS)):
        batch_export(actor=maker, batch=batch, fmt="csv", out=io.BytesIO())


def test_pain002_answer_reconciles_and_failed_lines_are_retried_once(maker, checker, office_merkez):
    cycle = computed_cycle(maker=maker, office=office_merkez, amounts=[125_000, 95_050])
    batch = approved_batch(maker=maker, checker=checker, cycle=cycle)
    exported_xml(actor=maker, batch=batch)
    paid, failed = PaymentLine.objects.filter(batch=batch).order_by("id")
    answer = pain002_build(batch.message_id, [(paid.end_to_end_id, "ACSC", ""), (failed.end_to_end_id, "RJCT", "AC04")])
    assert batch_answer_import(actor=checker, batch=batch, content=answer, fmt="xml") == {
        "paid": 1,
        "failed": 1,
        "returned": 0,
    }
    assert batch_answer_import(actor=checker, batch=batch, content=answer, fmt="xml")["paid"] == 0  # idempotent
    summary = batch_summary(batch=PaymentBatch.objects.get(pk=batch.pk))
    assert summary["paid"] == {"count": 1, "kurus": paid.amount_kurus}
    assert summary["failed"] == {"count": 1, "kurus": failed.amount_kurus}
    retry = approved_batch(maker=maker, checker=checker, cycle=cycle, retry_of=batch)
    assert list(retry.lines.values_list("entitlement_id", flat=True)) == [failed.entitlement_id]
    with pytest.raises(RefahError, match=str(errors.ERR_RETRY_NOTHING)):
        approved_batch(maker=maker, checker=checker, cycle=cycle, retry_of=batch)


def test_answer_naming_a_foreign_line_is_refused(maker, checker, office_merkez):
    batch = approved_batch(
        maker=maker, checker=checker, cycle=computed_cycle(maker=maker, office=office_merkez, amounts=[125_000])
    )
    exported_xml(actor=maker, batch=batch)
    with pytest.raises(RefahError):
        batch_answer_import(actor=checker, batch=batch, content=b"end_to_end_id,status\nRF999999,paid\n", fmt="csv")
    with pytest.raises(RefahError, match=str(errors.ERR_ANSWER_UNREADABLE)):
        batch_answer_import(actor=checker, batch=batch, content=b"<not xml", fmt="xml")


def test_ptt_cash_unclaimed_after_deadline_is_returned(maker, checker, office_merkez):
    from refah.payments.services import cycle_compute, cycle_create
    from refah.payments.tests.factories import PERIOD, entitled, family

    household, _ = family()
    entitled(household, "family_support", 125_000, office=office_merkez, user=maker)
    cycle = cycle_compute(actor=maker, cycle=cycle_create(actor=maker, program="family_support", period_start=PERIOD))
    batch = approved_batch(maker=maker, checker=checker, cycle=cycle, channel="ptt")
    out = io.BytesIO()
    batch_export(actor=maker, batch=batch, fmt="csv", out=out)
    assert out.getvalue().decode().splitlines()[1].endswith(",1250.00,TRY")
    exported = timezone.localdate(PaymentBatch.objects.get(pk=batch.pk).exported_at)  # Istanbul date, as the service
    assert ptt_unclaimed_return(actor=checker, today=exported + dt.timedelta(days=90)) == 0
    assert ptt_unclaimed_return(actor=checker, today=exported + dt.timedelta(days=91)) == 1
    assert Entitlement.objects.with_payment_status().get().payment_status == "returned"
