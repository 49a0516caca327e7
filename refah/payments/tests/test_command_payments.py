"""`refah payments return_unclaimed --user`: PTT cash not collected by the deadline is returned, audited."""

import io

import pytest
from django.core.management import CommandError, call_command

from refah.accounts.enums import Role
from refah.audit.models import AuditEvent
from refah.demo.clock import as_of
from refah.payments.models import Entitlement
from refah.payments.services import batch_export, cycle_compute, cycle_create
from refah.payments.tests.factories import PERIOD, entitled, family
from refah.payments.tests.helpers import approved_batch


def _ptt_batch(maker, checker, office):
    household, _ = family()
    entitled(household, "family_support", 125_000, office=office, user=maker)
    cycle = cycle_compute(actor=maker, cycle=cycle_create(actor=maker, program="family_support", period_start=PERIOD))
    return approved_batch(maker=maker, checker=checker, cycle=cycle, channel="ptt")


def test_return_unclaimed_after_the_deadline(maker, checker, office_merkez, capsys):
    batch = _ptt_batch(maker, checker, office_merkez)
    with as_of(91):  # exported 91 days ago: the 90-day collection deadline has passed
        batch_export(actor=maker, batch=batch, fmt="csv", out=io.BytesIO())
    call_command("payments", "return_unclaimed", "--user", checker.username)
    assert "1 unclaimed" in capsys.readouterr().out
    assert Entitlement.objects.with_payment_status().get().payment_status == "returned"
    assert AuditEvent.objects.filter(action="ptt_unclaimed_return").exists()


def test_nothing_is_returned_within_the_deadline(maker, checker, office_merkez, capsys):
    batch = _ptt_batch(maker, checker, office_merkez)
    with as_of(30):
        batch_export(actor=maker, batch=batch, fmt="csv", out=io.BytesIO())
    call_command("payments", "return_unclaimed", "--user", checker.username)
    assert "0 unclaimed" in capsys.readouterr().out
    assert Entitlement.objects.with_payment_status().get().payment_status == "batched"


def test_the_user_must_exist_and_may_reconcile(make_staff, office_merkez):
    with pytest.raises(CommandError):
        call_command("payments", "return_unclaimed", "--user", "nobody")
    caseworker = make_staff(office_merkez, Role.CASEWORKER)
    with pytest.raises(CommandError):
        call_command("payments", "return_unclaimed", "--user", caseworker.username)
