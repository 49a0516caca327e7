import pytest
from django.urls import reverse

from refah.accounts.enums import Role
from refah.aidcard import services
from refah.aidcard.models import Card, MarketItem, Receipt
from refah.aidcard.tests.conftest import load

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_in(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def test_card_page_issue_shows_number_once_then_masked(logged_in, finance, household):
    client = logged_in(finance)
    url = reverse("aidcard:household_card", args=[household.pk])
    assert client.get(url).status_code == 200
    response = client.post(reverse("aidcard:card_issue", args=[household.pk]))
    card = Card.objects.get(household=household)
    assert card.number in response.content.decode()
    page = client.get(url).content.decode()
    assert card.number not in page and card.last4 in page


def test_card_page_outside_jurisdiction_is_404(logged_in, other_caseworker, household):
    assert logged_in(other_caseworker).get(reverse("aidcard:household_card", args=[household.pk])).status_code == 404


def test_block_and_replace_from_the_page(logged_in, finance, household, issued):
    client = logged_in(finance)
    load(household, "food", 1_000, "r")
    client.post(reverse("aidcard:card_block", args=[household.pk]), {"reason": "lost"})
    response = client.post(reverse("aidcard:card_replace", args=[household.pk]))
    new = Card.objects.get(household=household, status="active")
    assert new.number in response.content.decode()
    assert "10,00 TL" in response.content.decode() or "10.00 TL" in response.content.decode()


def test_terminal_key_shown_once(logged_in, finance, shop):
    client = logged_in(finance)
    response = client.post(reverse("aidcard:merchant_detail", args=[shop.pk]), {"name": "Kasa 1"})
    assert "rt_" in response.content.decode()
    assert "rt_" not in client.get(reverse("aidcard:merchant_detail", args=[shop.pk])).content.decode().replace(
        shop.terminals.get().prefix, ""
    )


def test_merchant_list_and_register(logged_in, finance, merkez):
    client = logged_in(finance)
    response = client.post(
        reverse("aidcard:merchant_list"),
        {"name": "Yeni Bakkal", "kind": "shop", "district": merkez.pk, "categories": ["5411"]},
    )
    assert response.status_code in (200, 302)


def test_checkout_screen(logged_in, make_staff, office_merkez, finance, market, household, card_number):
    rice = services.market_item_create(actor=finance, merchant=market, name="Pirinç", price_points=40, quantity=5)
    load(household, "market", 100, "p")
    client = logged_in(make_staff(office_merkez, Role.CASEWORKER))
    url = reverse("aidcard:market_checkout", args=[market.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"card_number": card_number, "idempotency_key": "abc", f"qty-{rice.pk}": "2"})
    receipt = Receipt.objects.get()
    assert response.status_code == 302 and receipt.total_points == 80
    assert MarketItem.objects.get(pk=rice.pk).quantity == 3
    assert client.get(response.url).status_code == 200


def test_stock_screen_restock(logged_in, finance, market):
    rice = services.market_item_create(actor=finance, merchant=market, name="Pirinç", price_points=40, quantity=5)
    client = logged_in(finance)
    url = reverse("aidcard:market_stock", args=[market.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"action": "restock", "item": str(rice.pk), "quantity": "7"})
    assert MarketItem.objects.get(pk=rice.pk).quantity == 12
