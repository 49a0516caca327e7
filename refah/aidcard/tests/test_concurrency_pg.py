"""Many terminals on one purse or one card at once (PostgreSQL): no negative balance, no lost update or count."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.test import override_settings

from refah.aidcard import services
from refah.aidcard.errors import DeclinedError
from refah.aidcard.models import Hold
from refah.aidcard.tests.conftest import load
from refah.aidcard.tests.helpers import assert_ledger_matches, purse_of
from refah.audit.models import AuditEvent

THREADS = 12
ATTEMPTS = 120
AMOUNT = 700
INITIAL = 50_000  # room for 71 holds of 700 (49,700), so some of the 120 attempts must be declined


@pytest.mark.django_db(transaction=True)
def test_parallel_authorisations_on_one_purse(finance, shop, household, card_number):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")
    load(household, "food", INITIAL, "conc-load")
    start = threading.Barrier(THREADS)

    def worker(index: int) -> tuple[int, int]:
        ok = declined = 0
        start.wait()
        try:
            for attempt in range(index, ATTEMPTS, THREADS):
                try:
                    services.hold_authorise(
                        merchant=shop,
                        card_number=card_number,
                        purse="food",
                        amount=AMOUNT,
                        idempotency_key=f"c{attempt}",
                    )
                    ok += 1
                except DeclinedError:
                    declined += 1
        finally:
            connections.close_all()
        return ok, declined

    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(worker, range(THREADS)))
    ok = sum(r[0] for r in results)
    assert ok + sum(r[1] for r in results) == ATTEMPTS
    assert ok == Hold.objects.count() == INITIAL // AMOUNT  # every hold that fits, and no more
    food = purse_of(household, "food")
    assert food.available == INITIAL - ok * AMOUNT >= 0
    assert food.held == ok * AMOUNT
    assert_ledger_matches(food)


@pytest.mark.django_db(transaction=True)
def test_parallel_replays_of_one_key_hold_once(finance, shop, household, card_number):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")
    load(household, "food", 10_000, "conc-load")
    start = threading.Barrier(8)

    def worker(_):
        start.wait()
        try:
            return services.hold_authorise(
                merchant=shop, card_number=card_number, purse="food", amount=1_000, idempotency_key="same"
            ).pk
        finally:
            connections.close_all()

    with ThreadPoolExecutor(8) as pool:
        ids = set(pool.map(worker, range(8)))
    assert len(ids) == 1
    assert purse_of(household, "food").available == 9_000


@pytest.mark.django_db(transaction=True)
@override_settings(AIDCARD_TERMINAL_FAILURES=1_000)
def test_parallel_wrong_pins_are_all_counted_and_lock_once(finance, shop, household):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")
    card, number = services.card_issue(actor=finance, household=household, pin="4321")
    load(household, "food", 10_000, "conc-load")
    terminal, _ = services.terminal_create(actor=finance, merchant=shop, name="Kasa 1")
    start = threading.Barrier(THREADS)

    def worker(index: int) -> int:
        refused = 0
        start.wait()
        try:
            for attempt in range(2):
                try:
                    services.hold_authorise(
                        merchant=shop,
                        terminal=terminal,
                        card_number=number,
                        purse="food",
                        amount=100,
                        idempotency_key=f"w{index}-{attempt}",
                        pin="0000",
                    )
                except DeclinedError as exc:
                    refused += exc.code == "card_not_accepted"
        finally:
            connections.close_all()
        return refused

    with ThreadPoolExecutor(THREADS) as pool:
        assert sum(pool.map(worker, range(THREADS))) == 2 * THREADS
    card.refresh_from_db()
    terminal.refresh_from_db()
    # No lost increment on the card or on the terminal, and exactly one lock.
    assert (card.pin_failures, card.pin_locked, terminal.failures) == (2 * THREADS, True, 2 * THREADS)
    assert AuditEvent.objects.filter(action="aidcard_pin_wrong").count() == 2 * THREADS
    assert AuditEvent.objects.filter(action="aidcard_pin_lock").count() == 1
    with pytest.raises(DeclinedError):
        services.hold_authorise(
            merchant=shop, card_number=number, purse="food", amount=100, idempotency_key="r", pin="4321"
        )
    assert not Hold.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_one_statement_hold_rechecks_the_card(finance, shop, household):
    """Outside a transaction (as under the web server) the money statement itself refuses a card locked or
    blocked after its PIN was checked."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")
    card, number = services.card_issue(actor=finance, household=household, pin="4321")
    load(household, "food", 10_000, "conc-load")

    def checked():
        return services.guard.card_check(merchant=shop, card_number=number, purse="food", pin="4321")

    def hold(card_id, purse_id, key):
        return services.spend.hold_for_card(
            merchant=shop, terminal=None, card_id=card_id, purse_id=purse_id, purse="food", amount=100, key=key
        )

    card_id, purse_id = checked()
    for n in range(3):
        with pytest.raises(DeclinedError):
            services.hold_authorise(
                merchant=shop, card_number=number, purse="food", amount=100, idempotency_key=f"w{n}", pin="0000"
            )
    with pytest.raises(DeclinedError) as exc:
        hold(card_id, purse_id, "late")
    assert exc.value.code == "card_not_accepted"
    services.card_pin_unblock(actor=finance, card=card)
    card_id, purse_id = checked()
    services.card_block(actor=finance, card=card, reason="stolen")
    with pytest.raises(DeclinedError) as exc:
        hold(card_id, purse_id, "blocked")
    assert exc.value.code == "card_blocked"
    assert not Hold.objects.exists() and purse_of(household, "food").available == 10_000
