"""The notifications timer sends what a stopped process left pending, then waits for its next run."""

import datetime as dt

import pytest
from django.utils import timezone

from refah.common.tests.timers import pending, run_pending
from refah.common.timers import timers_start
from refah.notifications import backends
from refah.notifications.models import Notification, Status
from refah.notifications.tasks import notifications_send_timer
from refah.registry.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_the_timer_sends_messages_left_pending_and_runs_again(settings):
    settings.REFAH_NOTIFICATION_BACKEND = "refah.notifications.backends.LocmemBackend"
    backends.outbox.clear()
    person = PersonFactory(phone="05551112233")
    left = Notification.objects.create(
        person=person, phone=person.phone, template="objection_received", text_tr="a", text_en="a"
    )
    Notification.objects.filter(pk=left.pk).update(created_at=timezone.now() - dt.timedelta(minutes=5))
    timers_start()
    assert run_pending(notifications_send_timer).return_value == 1
    left.refresh_from_db()
    assert left.status == Status.SENT and [n.text_tr for n in backends.outbox] == ["a"]
    assert pending(notifications_send_timer).get().run_after > timezone.now()
    backends.outbox.clear()
