"""The sender thread sends after commit and records outcomes; pending messages are sent by the command."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from refah.notifications import backends, delivery, services
from refah.notifications.errors import ERR_SECRET_NOT_KEPT
from refah.notifications.models import Notification, Status
from refah.registry.tests.factories import PersonFactory


@pytest.fixture(autouse=True)
def _locmem(settings):
    settings.REFAH_NOTIFICATION_BACKEND = "refah.notifications.backends.LocmemBackend"
    backends.outbox.clear()
    yield
    backends.outbox.clear()


class _Flaky(backends.LocmemBackend):
    def send(self, notification):
        if notification.phone.endswith("0"):
            raise ConnectionError("gateway down")
        super().send(notification)


@pytest.mark.django_db(transaction=True)
def test_sender_thread_sends_after_commit_and_records_outcomes(settings, request):
    settings.REFAH_NOTIFICATION_DELIVERY = "thread"
    settings.REFAH_NOTIFICATION_BACKEND = f"{__name__}._Flaky"
    request.addfinalizer(delivery.stop)
    people = [PersonFactory(phone=f"0555111223{i}") for i in range(4)]
    stored = [services.notify(person=p, template="objection_received", context={"reference": "1"}) for p in people]
    assert delivery.flush()
    assert delivery._sender.is_alive()  # it waits for more
    assert sorted(n.phone for n in backends.outbox) == sorted(p.phone for p in people[1:])
    by_phone = {n.phone: n for n in Notification.objects.all()}
    assert by_phone[people[0].phone].status == Status.FAILED and "gateway down" in by_phone[people[0].phone].error
    assert {by_phone[p.phone].status for p in people[1:]} == {Status.SENT}
    assert all(by_phone[p.phone].sent_at for p in people[1:]) and len(stored) == 4


@pytest.mark.django_db
def test_pending_messages_are_sent_by_the_command(settings, capsys):
    person = PersonFactory(phone="05551112233")
    kept = {"person": person, "phone": person.phone, "template": "objection_received"}
    old = Notification.objects.create(**kept, text_tr="a", text_en="a")
    Notification.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(minutes=5))
    fresh = Notification.objects.create(**kept, text_tr="b", text_en="b")
    call_command("notifications", "send")
    assert "Sent 1 pending notifications." in capsys.readouterr().out
    old.refresh_from_db(), fresh.refresh_from_db()
    assert (old.status, fresh.status) == (Status.SENT, Status.PENDING)  # a fresh one may be in a sender's hands
    assert [n.text_tr for n in backends.outbox] == ["a"]


@pytest.mark.django_db
def test_a_pending_sign_in_code_is_not_sent_again_but_marked_failed(settings):
    # Its code was masked when stored: sending the stored text would send "••••••".
    person = PersonFactory(phone="05551112233")
    otp = Notification.objects.create(person=person, phone=person.phone, template="otp", text_tr="x", text_en="x")
    Notification.objects.filter(pk=otp.pk).update(created_at=timezone.now() - dt.timedelta(minutes=5))
    assert delivery.send_pending() == 0
    otp.refresh_from_db()
    assert otp.status == Status.FAILED and otp.error == str(ERR_SECRET_NOT_KEPT) and backends.outbox == []


def test_a_wrong_setting_or_age_is_a_clear_error(settings):
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import CommandError

    settings.REFAH_NOTIFICATION_DELIVERY = "later"
    with pytest.raises(ImproperlyConfigured, match="inline"):
        delivery.mode()
    with pytest.raises(CommandError, match="0 or more"):
        call_command("notifications", "send", "--older-than", "-5")
