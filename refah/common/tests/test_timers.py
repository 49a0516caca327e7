"""The timers (refah.common.timers): `refah timers start` enqueues each periodic job once, however often it runs;
each job re-enqueues itself after a run, even a failed one."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.tasks.base import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from refah.common.tests.timers import pending, run_pending
from refah.common.timers import TIMERS, timers_start

pytestmark = pytest.mark.django_db

NAMES = [
    "aidcard_expire_holds",
    "care_expire_offers",
    "cases_verify_applications",
    "casework_escalate_referrals",
    "employment_iskur_sync",
    "exchange_refresh",
    "ledger_sign",
    "notifications_send",
    "payments_return_unclaimed",
    "reports_offer_surveys",
    "reports_publish_open_data",
    "reports_refresh_indicators",
    "targeting_find_anomalies",
    "targeting_score_registry",
]


def test_timers_start_enqueues_each_job_once_and_is_idempotent(capsys):
    call_command("timers", "start")
    assert capsys.readouterr().out.splitlines() == [f"{name}: started" for name in NAMES]
    call_command("timers", "start")
    assert capsys.readouterr().out.splitlines() == [f"{name}: already pending" for name in NAMES]
    assert DBTaskResult.objects.count() == len(NAMES)
    assert {row.task_path for row in DBTaskResult.objects.all()} == {job.module_path for job in TIMERS.values()}


def test_a_job_runs_and_enqueues_its_next_run_every_setting_seconds(settings):
    settings.REFAH_TIMERS_EVERY = {**settings.REFAH_TIMERS_EVERY, "notifications_send": 120}
    timers_start()
    job = TIMERS["notifications_send"]
    before = timezone.now()
    row = run_pending(job)
    assert (row.status, row.return_value) == (TaskResultStatus.SUCCESSFUL, 0)
    (following,) = pending(job)
    assert before + dt.timedelta(seconds=120) <= following.run_after <= timezone.now() + dt.timedelta(seconds=120)


def test_a_failed_run_is_recorded_and_the_timer_goes_on(settings, make_staff, office_merkez):
    settings.REFAH_TIMERS_PAYMENTS_USER = make_staff(office_merkez, "caseworker").username  # may not reconcile
    timers_start()
    job = TIMERS["payments_return_unclaimed"]
    row = run_pending(job)
    assert row.status == TaskResultStatus.FAILED and "PermissionDeniedError" in row.exception_class_path
    assert pending(job).count() == 1


def test_a_timer_started_while_its_next_run_waits_adds_no_second_chain():
    timers_start()
    job = TIMERS["aidcard_expire_holds"]
    run_pending(job)  # enqueues the next run
    assert timers_start()["aidcard_expire_holds"] is False
    assert pending(job).count() == 1
