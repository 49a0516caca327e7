"""The payments timer returns PTT cash not collected by the deadline, audited under its configured user."""

import io

import pytest
from django.utils import timezone

from refah.audit.models import AuditEvent
from refah.common.tests.timers import pending, run_pending
from refah.common.timers import timers_start
from refah.demo.clock import as_of
from refah.payments.models import Entitlement
from refah.payments.services import batch_export
from refah.payments.tasks import payments_return_unclaimed_timer
from refah.payments.tests.test_command_payments import _ptt_batch

pytestmark = pytest.mark.django_db


def test_the_timer_returns_unclaimed_cash_and_runs_again(settings, maker, checker, office_merkez):
    settings.REFAH_TIMERS_PAYMENTS_USER = checker.username
    batch = _ptt_batch(maker, checker, office_merkez)
    with as_of(91):  # exported 91 days ago: the 90-day collection deadline has passed
        batch_export(actor=maker, batch=batch, fmt="csv", out=io.BytesIO())
    timers_start()
    assert run_pending(payments_return_unclaimed_timer).return_value == 1
    assert Entitlement.objects.with_payment_status().get().payment_status == "returned"
    assert AuditEvent.objects.get(action="ptt_unclaimed_return").actor == checker
    assert pending(payments_return_unclaimed_timer).get().run_after > timezone.now()


def test_without_a_configured_user_the_timer_does_nothing_and_runs_again(settings):
    settings.REFAH_TIMERS_PAYMENTS_USER = None
    timers_start()
    assert run_pending(payments_return_unclaimed_timer).return_value is None
    assert pending(payments_return_unclaimed_timer).count() == 1
