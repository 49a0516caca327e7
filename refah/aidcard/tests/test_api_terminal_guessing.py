"""Guessing through the terminal API: one answer for every refused card, and failing terminals are paused."""

import datetime as dt

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from refah.aidcard import services
from refah.aidcard.luhn import luhn_check_digit
from refah.aidcard.models import Terminal
from refah.aidcard.tests.conftest import load
from refah.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
BASE = "/api/v1/aidcard/terminal"
RIGHT, WRONG = "4321", "0000"
NEVER_ISSUED = "979276000000000" + luhn_check_digit("979276000000000")


@pytest.fixture
def key(finance, shop) -> str:
    return services.terminal_create(actor=finance, merchant=shop, name="Kasa 1")[1]


@pytest.fixture
def pin_number(finance, household) -> str:
    _, number = services.card_issue(actor=finance, household=household, pin=RIGHT)
    load(household, "food", 10_000, "ref-food")
    return number


def _terminal(key, lang):
    # A new client (connection) each time: the count must not live in anything but the database.
    return Client(headers={"X-Terminal-Key": key, "Accept-Language": lang})


def _authorise(key, number, pin=None, idem="k1", amount=100, lang="en"):
    body = {"card_number": number, "purse": "food", "amount": amount, "idempotency_key": idem, "pin": pin}
    return _terminal(key, lang).post(f"{BASE}/authorisations", body, content_type="application/json")


def _balance(key, number, pin=None, lang="en"):
    body = {"card_number": number, "pin": pin}
    return _terminal(key, lang).post(f"{BASE}/balance", body, content_type="application/json")


@override_settings(AIDCARD_TERMINAL_FAILURES=100)
def test_unknown_card_wrong_pin_and_locked_card_answer_alike(key, pin_number):
    mistyped = pin_number[:-1] + str((int(pin_number[-1]) + 1) % 10)
    answers = [
        _authorise(key, NEVER_ISSUED, WRONG, "a"),
        _authorise(key, mistyped, WRONG, "b"),
        _authorise(key, pin_number, WRONG, "c"),
        _authorise(key, pin_number, WRONG, "d"),
        _authorise(key, pin_number, WRONG, "e"),  # the third wrong PIN locks the card
        _authorise(key, pin_number, RIGHT, "f"),  # locked: the right PIN is refused the same way
        _balance(key, NEVER_ISSUED, WRONG),
        _balance(key, pin_number, RIGHT),
    ]
    assert {r.status_code for r in answers} == {402}
    assert {r.content for r in answers} == {answers[0].content}
    assert answers[0].json() == {
        "detail": "Card or PIN not accepted.",
        "errors": [{"field": None, "reason": "Card or PIN not accepted.", "code": "card_not_accepted"}],
    }


@override_settings(AIDCARD_TERMINAL_FAILURES=100)
def test_the_one_answer_is_in_turkish_too(key, pin_number):
    unknown = _authorise(key, NEVER_ISSUED, WRONG, "a", lang="tr")
    wrong = _authorise(key, pin_number, WRONG, "b", lang="tr")
    assert unknown.content == wrong.content
    assert unknown.json()["detail"] == "Kart veya şifre kabul edilmedi."


@override_settings(AIDCARD_TERMINAL_FAILURES=3, AIDCARD_TERMINAL_COOLDOWN_SECONDS=600)
def test_a_failing_terminal_is_paused_across_requests(finance, shop, key, pin_number):
    assert _authorise(key, NEVER_ISSUED, idem="a").status_code == 402
    assert _authorise(key, pin_number, WRONG, "b").status_code == 402
    assert _authorise(key, NEVER_ISSUED, idem="c").status_code == 402  # the third failure: paused
    paused = _authorise(key, pin_number, RIGHT, "d")  # even a good card now
    assert paused.status_code == 429
    assert 590 <= int(paused["Retry-After"]) <= 600
    assert paused.json()["errors"][0]["code"] == "terminal_throttled"
    assert _balance(key, pin_number, RIGHT).status_code == 429
    assert AuditEvent.objects.filter(action="aidcard_terminal_throttle").count() == 1
    # Another terminal of the same shop is not paused.
    _, other = services.terminal_create(actor=finance, merchant=shop, name="Kasa 2")
    assert _authorise(other, pin_number, RIGHT, "e").status_code == 201
    # When the pause is over, the terminal works again and counts afresh.
    Terminal.objects.filter(prefix=key[:8]).update(throttled_until=timezone.now() - dt.timedelta(seconds=1))
    assert _authorise(key, pin_number, RIGHT, "f").status_code == 201
    assert Terminal.objects.get(prefix=key[:8]).failures == 0


@override_settings(AIDCARD_TERMINAL_FAILURES=3)
def test_only_refused_cards_count(key, pin_number):
    for n in range(5):
        assert _authorise(key, pin_number, RIGHT, f"ok{n}").status_code == 201
        declined = _authorise(key, pin_number, RIGHT, f"big{n}", amount=1_000_000)
        assert declined.json()["errors"][0]["code"] == "insufficient_funds"
    terminal = Terminal.objects.get(prefix=key[:8])
    assert (terminal.failures, terminal.throttled_until) == (0, None)


@override_settings(AIDCARD_TERMINAL_FAILURES=3, AIDCARD_TERMINAL_WINDOW_SECONDS=60)
def test_failures_outside_the_window_start_a_new_count(key):
    assert _authorise(key, NEVER_ISSUED, idem="a").status_code == 402
    assert _authorise(key, NEVER_ISSUED, idem="b").status_code == 402
    Terminal.objects.filter(prefix=key[:8]).update(failures_since=timezone.now() - dt.timedelta(seconds=61))
    assert _authorise(key, NEVER_ISSUED, idem="c").status_code == 402  # 1 in the new window, not 3
    terminal = Terminal.objects.get(prefix=key[:8])
    assert (terminal.failures, terminal.throttled_until) == (1, None)


def test_openapi_documents_the_refusals(client):
    schema = client.get("/api/v1/openapi.json").json()
    for path in ("/api/v1/aidcard/terminal/authorisations", "/api/v1/aidcard/terminal/balance"):
        operation = schema["paths"][path]["post"]
        assert {"402", "429"} <= set(operation["responses"])
        assert "card_not_accepted" in operation["description"] and "Retry-After" in operation["description"]
