"""Signed heads follow the log (issue 12, item 9): the page says how much the latest head covers, shows signing
times as local date-times, fits a phone; heads follow appends through a sign task enqueued after commit."""

import datetime as dt

import pytest
from django.db import connection, transaction
from django.tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from refah.audit import ledger
from refah.audit.ledger.append import ledger_sign_task
from refah.audit.ledger.models import LedgerState, TreeHead
from refah.audit.tasks import ledger_sign_timer
from refah.common.tests.timers import run_pending
from refah.common.timers import timers_start

pytestmark = pytest.mark.django_db


def _append(ref: str) -> None:
    with transaction.atomic():
        ledger.ledger_append(kind="payment", ref=ref, data={"line": ref}, program="family_support", amount_kurus=100)


def _pending_signs():
    return DBTaskResult.objects.filter(task_path=ledger_sign_task.module_path, status=TaskResultStatus.READY)


@pytest.fixture
def behind(settings):
    """Four entries, the first covered by the first head (always signed), three appended since (a head is not due)."""
    settings.REFAH_LEDGER_SIGN_SECONDS = 3600
    for i in range(4):
        _append(f"line-{i}")
    return TreeHead.objects.get()


def _stamp(head: TreeHead, when: dt.datetime) -> None:
    """Date the head and the state (the page shows times; nothing here re-verifies the signature)."""
    ms = int(when.timestamp() * 1000)
    TreeHead.objects.filter(pk=head.pk).update(timestamp_ms=ms)
    LedgerState.objects.filter(pk=1).update(last_head_ms=ms)


def test_page_says_the_latest_head_covers_every_entry(client, behind):
    ledger.ledger_sign()
    client.cookies["django_language"] = "en"
    html = client.get("/ledger/").content.decode()
    assert "The latest signed head covers all 4 entries." in html
    assert ledger.ledger_coverage() == {"size": 4, "covered": 4, "all_covered": True, "next_head_due_ms": None}


def test_page_says_how_far_the_latest_head_lags_and_when_the_next_is_due(client, behind, settings):
    # Head signed at 14:00:00 Istanbul time (11:00 UTC) today; due an hour later: 15:00.
    now = dt.datetime.now(dt.UTC)
    _stamp(behind, now.replace(hour=11, minute=0, second=0, microsecond=0) + dt.timedelta(days=1))
    client.cookies["django_language"] = "en"
    html = client.get("/ledger/").content.decode()
    assert "The latest signed head covers 1 of 4 entries; the next head is due by 15:00 (Istanbul time)." in html
    client.cookies["django_language"] = "tr"
    html = client.get("/ledger/").content.decode()
    assert (
        "En son imzalı ağaç başı 4 kaydın 1 tanesini kapsıyor; bir sonraki başın imzalanma zamanı: en geç 15:00 "
        "(İstanbul saati)." in html
    )


def test_page_says_when_a_head_is_overdue(client, behind):
    _stamp(behind, dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC))  # 12:30 in Istanbul; due 13:30, long past
    client.cookies["django_language"] = "en"
    html = client.get("/ledger/").content.decode()
    assert "the next head has been due since 2 March 2026, 13:30 (Istanbul time)" in html


def test_signing_time_is_a_local_date_time_in_turkish_and_english_with_the_exact_ms_kept(client, behind):
    _stamp(behind, dt.datetime(2026, 3, 2, 9, 30, 5, 123_000, tzinfo=dt.UTC))
    client.cookies["django_language"] = "tr"
    html = client.get("/ledger/").content.decode()
    assert "2 Mart 2026, 12:30:05" in html
    assert "1970-01-01 UTC'den bu yana 1772443805123 milisaniye" in html  # the signed value, exact, in a title
    assert ">1772443805123<" not in html  # no longer shown as the text of a cell
    client.cookies["django_language"] = "en"
    html = client.get("/ledger/").content.decode()
    assert "2 March 2026, 12:30:05" in html
    assert 'title="1772443805123 ms since 1970-01-01 UTC, as signed"' in html


@pytest.mark.django_db(transaction=True)  # real commits: the sign task is enqueued by an on-commit hook
def test_a_sign_task_is_enqueued_once_after_commits_and_its_head_covers_every_entry(settings):
    settings.REFAH_LEDGER_SIGN_SECONDS = 60
    _append("first")  # the first entry always gets a head, inside its append
    first_ms = LedgerState.objects.get().last_head_ms
    with transaction.atomic():
        for i in range(3):
            ledger.ledger_append(kind="payment", ref=f"line-{i}", data={})
        assert len(connection.run_on_commit) == 1  # one hook for the transaction's appends, not one per entry
    (pending,) = _pending_signs()
    assert pending.run_after == dt.datetime.fromtimestamp((first_ms + 60_000) / 1000, tz=dt.UTC)
    _append("line-3")
    _append("line-4")
    assert _pending_signs().count() == 1  # debounced: the pending task will cover these too
    assert ledger.ledger_coverage()["covered"] == 1

    assert pending.task.call() == 6  # what the worker runs at run_after
    assert ledger.ledger_coverage() == {"size": 6, "covered": 6, "all_covered": True, "next_head_due_ms": None}


@pytest.mark.django_db(transaction=True)
def test_no_sign_task_when_the_append_itself_signed_a_head(settings):
    settings.REFAH_LEDGER_SIGN_SECONDS = 0  # every append is due
    _append("a")
    _append("b")
    assert not _pending_signs().exists()
    assert ledger.ledger_coverage()["all_covered"]


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_append_enqueues_nothing(settings):
    settings.REFAH_LEDGER_SIGN_SECONDS = 3600
    _append("first")
    with pytest.raises(RuntimeError), transaction.atomic():
        ledger.ledger_append(kind="payment", ref="undone", data={})
        raise RuntimeError("rolled back")
    assert not _pending_signs().exists()
    _append("second")  # a later transaction still gets its hook
    assert _pending_signs().count() == 1


def test_the_ledger_timer_signs_what_the_latest_head_leaves_out_and_runs_again(behind):
    timers_start()
    assert run_pending(ledger_sign_timer).return_value == 4
    assert ledger.ledger_coverage()["all_covered"]
    assert run_pending(ledger_sign_timer).return_value is None  # nothing new: no head
    assert TreeHead.objects.count() == 2
