import pytest
from django.test import Client

from refah.aidcard import services
from refah.aidcard.tests.conftest import load
from refah.aidcard.tests.helpers import purse_of

pytestmark = pytest.mark.django_db
BASE = "/api/v1/aidcard/terminal"


@pytest.fixture
def terminal_client(finance, shop):
    _, key = services.terminal_create(actor=finance, merchant=shop, name="Kasa 1")
    return Client(headers={"X-Terminal-Key": key})


@pytest.fixture
def funded(household, card_number):
    load(household, "food", 10_000, "ref-food")
    return card_number


def _authorise(client, number, amount=4_000, key="k1", purse="food"):
    body = {"card_number": number, "purse": purse, "amount": amount, "idempotency_key": key}
    return client.post(f"{BASE}/authorisations", body, content_type="application/json")


def test_no_key_or_wrong_key_is_401(funded):
    assert _authorise(Client(), funded).status_code == 401
    assert _authorise(Client(headers={"X-Terminal-Key": "rt_wrong"}), funded).status_code == 401


def test_staff_token_is_not_a_terminal_key(api_client_for, caseworker, funded):
    assert _authorise(api_client_for(caseworker), funded).status_code == 401


def test_deactivated_terminal_is_401(finance, shop, funded):
    terminal, key = services.terminal_create(actor=finance, merchant=shop, name="Kasa 2")
    services.terminal_deactivate(actor=finance, terminal=terminal)
    assert _authorise(Client(headers={"X-Terminal-Key": key}), funded).status_code == 401


def test_authorise_capture_refund_balance(terminal_client, household, funded):
    response = _authorise(terminal_client, funded)
    assert response.status_code == 201, response.content
    hold = response.json()
    assert (hold["status"], hold["available_after"]) == ("open", 6_000)
    again = _authorise(terminal_client, funded)
    assert again.status_code == 201 and again.json()["id"] == hold["id"]
    captured = terminal_client.post(
        f"{BASE}/authorisations/{hold['id']}/capture", {"amount": 3_000}, content_type="application/json"
    )
    assert captured.json()["status"] == "captured" and captured.json()["captured"] == 3_000
    over = terminal_client.post(
        f"{BASE}/authorisations/{hold['id']}/refunds",
        {"amount": 3_001, "reference": "r"},
        content_type="application/json",
    )
    assert over.status_code == 409 and over.json()["errors"][0]["code"] == "over_refund"
    refund = terminal_client.post(
        f"{BASE}/authorisations/{hold['id']}/refunds",
        {"amount": 1_000, "reference": "r"},
        content_type="application/json",
    )
    assert refund.status_code == 201 and refund.json()["authorisation"]["refunded"] == 1_000
    balance = terminal_client.post(f"{BASE}/balance", {"card_number": funded}, content_type="application/json")
    # 10,000 − 3,000 + 1,000 = 8,000
    assert {p["purse"]: p["available"] for p in balance.json()["purses"]} == {"food": 8_000, "general": 0}
    assert purse_of(household, "food").available == 8_000


def test_declines_are_402_with_code(terminal_client, funded):
    response = _authorise(terminal_client, funded, amount=10_001)
    assert response.status_code == 402 and response.json()["errors"][0]["code"] == "insufficient_funds"
    response = _authorise(terminal_client, funded, purse="clothing", key="k2")
    assert response.status_code == 402 and response.json()["errors"][0]["code"] == "category_not_allowed"


def test_bad_input_is_422(terminal_client, funded):
    assert _authorise(terminal_client, funded, amount=0).status_code == 422
    assert _authorise(terminal_client, funded, purse="fuel").status_code == 422


def test_another_merchants_hold_is_404(finance, other_shop, terminal_client, funded):
    hold = _authorise(terminal_client, funded).json()
    _, key = services.terminal_create(actor=finance, merchant=other_shop, name="Kasa")
    rival = Client(headers={"X-Terminal-Key": key})
    assert rival.post(f"{BASE}/authorisations/{hold['id']}/void").status_code == 404
    assert (
        rival.post(f"{BASE}/authorisations/{hold['id']}/capture", {}, content_type="application/json").status_code
        == 404
    )
    assert terminal_client.post(f"{BASE}/authorisations/{hold['id']}/void").json()["status"] == "voided"
