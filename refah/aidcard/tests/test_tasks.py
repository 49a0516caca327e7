"""The aid card timer releases holds past their expiry back to the purse, then waits for its next run."""

import datetime as dt

import pytest
from django.utils import timezone

from refah.aidcard import services
from refah.aidcard.enums import HoldStatus
from refah.aidcard.models import Hold
from refah.aidcard.tasks import aidcard_expire_holds_timer
from refah.aidcard.tests.conftest import load
from refah.aidcard.tests.helpers import purse_of
from refah.common.tests.timers import pending, run_pending
from refah.common.timers import timers_start

pytestmark = pytest.mark.django_db


def test_the_timer_expires_old_holds_and_runs_again(shop, household, card_number):
    load(household, "food", 10_000, "ref-food")
    hold = services.hold_authorise(
        merchant=shop, card_number=card_number, purse="food", amount=4_000, idempotency_key="k"
    )
    Hold.objects.filter(pk=hold.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    timers_start()
    assert run_pending(aidcard_expire_holds_timer).return_value == 1
    assert Hold.objects.get(pk=hold.pk).status == HoldStatus.EXPIRED
    assert purse_of(household, "food").available == 10_000  # the 4,000 held is back
    assert pending(aidcard_expire_holds_timer).get().run_after > timezone.now()
