"""Overdue referrals escalate: level 1 (the owner — or the office's workers, or the referrer of a declined one — and
the area's supervisors told), level 2 REFAH_REFERRAL_ESCALATE_DAYS days later (the province's supervisors), each once,
audited; the timer runs it."""

import datetime as dt

import pytest
from django.utils import timezone

from refah.accounts.enums import Role
from refah.audit.actions import AuditAction
from refah.audit.models import AuditEvent
from refah.casework.enums import ReferralStatus
from refah.casework.models import Referral
from refah.casework.services import referral_accept, referral_decline, referral_done, referrals_escalate
from refah.common.tests.timers import run_pending
from refah.common.timers import TIMERS, timers_start
from refah.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _overdue(referral, days: int = 1):
    Referral.objects.filter(pk=referral.pk).update(deadline=timezone.localdate() - dt.timedelta(days=days))


def _told() -> list[str]:
    return sorted(Notification.objects.values_list("email", flat=True))


def _email(user):
    user.email = f"{user.username}@example.org"
    user.save(update_fields=["email"])
    return user


def test_level_1_then_level_2_exactly_once_each(
    settings, referral, worker, supervisor, make_staff, office_tuzluca, office_merkez
):
    settings.REFAH_REFERRAL_ESCALATE_DAYS = 5
    district_supervisor = _email(make_staff(office_merkez, Role.SUPERVISOR))
    _email(make_staff(office_tuzluca, Role.SUPERVISOR))  # another district: never told
    referral_accept(actor=worker, referral=referral)
    _overdue(referral)
    today = timezone.localdate()
    assert referrals_escalate(today=today) == {"level_1": 1, "level_2": 0, "told": 3}
    assert _told() == sorted([worker.email, supervisor.email, district_supervisor.email])
    assert "1. kademe" in Notification.objects.first().text_tr
    assert referrals_escalate(today=today) == {"level_1": 0, "level_2": 0, "told": 0}  # idempotent
    assert referrals_escalate(today=today + dt.timedelta(days=4))["level_2"] == 0  # not yet
    Notification.objects.all().delete()
    assert referrals_escalate(today=today + dt.timedelta(days=6)) == {"level_1": 0, "level_2": 1, "told": 1}
    assert _told() == [supervisor.email]  # the province's supervisors only
    assert referrals_escalate(today=today + dt.timedelta(days=30))["level_2"] == 0
    fresh = Referral.objects.get(pk=referral.pk)
    assert fresh.escalation_level == 2
    events = AuditEvent.objects.filter(object_id=str(referral.pk), action=AuditAction.SERVICE_REFERRAL_ESCALATE)
    assert [e.after["escalation_level"] for e in events.order_by("at")] == [1, 2]
    assert fresh.steps.filter(action=AuditAction.SERVICE_REFERRAL_ESCALATE).count() == 2


def test_without_an_owner_the_office_workers_are_told_and_declined_ones_the_referrer(
    referral, worker, worker2, supervisor, referrer
):
    _overdue(referral)
    referrals_escalate()
    assert _told() == sorted([worker.email, worker2.email, supervisor.email])
    Notification.objects.all().delete()
    Referral.objects.filter(pk=referral.pk).update(escalation_level=0)
    referral_decline(actor=worker, referral=referral, reason="Bizim hizmetimiz değil.")
    _overdue(referral, days=10)
    referrals_escalate()
    assert _told() == sorted([referrer.email, supervisor.email])


def test_closed_and_not_yet_due_referrals_stay_quiet(referral, worker):
    referral_accept(actor=worker, referral=referral)
    assert referrals_escalate()["level_1"] == 0  # not yet due
    referral_done(actor=worker, referral=referral, outcome="Tamamlandı.")
    _overdue(referral)
    assert referrals_escalate()["level_1"] == 0
    assert Referral.objects.get(pk=referral.pk).status == ReferralStatus.DONE


def test_the_timer_escalates(referral, worker, supervisor):
    _overdue(referral)
    timers_start()
    row = run_pending(TIMERS["casework_escalate_referrals"])
    assert row.return_value["level_1"] == 1
    assert Referral.objects.get(pk=referral.pk).escalation_level == 1
