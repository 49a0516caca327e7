import pytest
from django.db import IntegrityError

from refah.aidcard import errors, selectors, services
from refah.aidcard.models import MarketItem, StockMovement
from refah.aidcard.tests.conftest import load
from refah.aidcard.tests.helpers import assert_ledger_matches, purse_of
from refah.common.errors import ConflictError, PermissionDeniedError, RefahError

pytestmark = pytest.mark.django_db


@pytest.fixture
def cashier(make_staff, office_merkez):
    return make_staff(office_merkez, "caseworker")


@pytest.fixture
def shelves(finance, market):
    rice = services.market_item_create(actor=finance, merchant=market, name="Pirinç 1 kg", price_points=40, quantity=5)
    oil = services.market_item_create(
        actor=finance, merchant=market, name="Ayçiçek yağı 1 L", price_points=90, quantity=2
    )
    return rice, oil


def test_checkout_takes_points_and_stock_together(cashier, market, shelves, household, card_number):
    rice, oil = shelves
    load(household, "market", 300, "points")
    receipt = services.market_checkout(
        actor=cashier, merchant=market, card_number=card_number, basket={rice.pk: 2, oil.pk: 1}, idempotency_key="b1"
    )
    # 2 × 40 + 1 × 90 = 170 points; 300 − 170 = 130 left
    assert receipt.total_points == 170
    assert purse_of(household, "market").available == 130
    assert MarketItem.objects.get(pk=rice.pk).quantity == 3 and MarketItem.objects.get(pk=oil.pk).quantity == 1
    assert sum(line.total for line in receipt.lines.all()) == 170
    again = services.market_checkout(
        actor=cashier, merchant=market, card_number=card_number, basket={rice.pk: 2, oil.pk: 1}, idempotency_key="b1"
    )
    assert again.pk == receipt.pk and purse_of(household, "market").available == 130
    assert_ledger_matches(purse_of(household, "market"))


def test_out_of_stock_takes_no_points(cashier, market, shelves, household, card_number):
    _, oil = shelves
    load(household, "market", 1_000, "points")
    with pytest.raises(ConflictError):
        services.market_checkout(
            actor=cashier, merchant=market, card_number=card_number, basket={oil.pk: 3}, idempotency_key="b1"
        )
    assert purse_of(household, "market").available == 1_000
    assert MarketItem.objects.get(pk=oil.pk).quantity == 2


def test_not_enough_points_takes_no_stock(cashier, market, shelves, household, card_number):
    rice, _ = shelves
    load(household, "market", 50, "points")
    with pytest.raises(RefahError):
        services.market_checkout(
            actor=cashier, merchant=market, card_number=card_number, basket={rice.pk: 2}, idempotency_key="b1"
        )
    assert MarketItem.objects.get(pk=rice.pk).quantity == 5


def test_food_purse_cannot_pay_at_social_market(cashier, market, shelves, household, card_number):
    # the market takes points only; food money stays for shops
    load(household, "food", 10_000, "food")
    with pytest.raises(RefahError) as exc:
        services.hold_authorise(merchant=market, card_number=card_number, purse="food", amount=1, idempotency_key="x")
    assert exc.value.message == errors.ERR_CATEGORY


def test_restock_and_permissions(finance, cashier, shelves):
    rice, _ = shelves
    services.market_restock(actor=finance, item=rice, quantity=10, note="delivery")
    assert MarketItem.objects.get(pk=rice.pk).quantity == 15
    assert StockMovement.objects.filter(item=rice).count() == 2
    with pytest.raises(PermissionDeniedError):
        services.market_restock(actor=cashier, item=rice, quantity=1)
    with pytest.raises(RefahError):
        services.market_restock(actor=finance, item=rice, quantity=0)


def test_empty_basket_refused(cashier, market, card_number):
    with pytest.raises(RefahError) as exc:
        services.market_checkout(
            actor=cashier, merchant=market, card_number=card_number, basket={}, idempotency_key="e"
        )
    assert exc.value.message == errors.ERR_EMPTY_BASKET


def test_merchant_list_is_jurisdiction_scoped(finance, other_caseworker, market):
    assert market in selectors.merchant_list(user=finance)
    assert market not in selectors.merchant_list(user=other_caseworker)


def test_no_negative_stock_constraint(shelves):
    rice, _ = shelves
    # stock is guarded in SQL by quantity >= n; the check constraint is the last line of defence
    with pytest.raises(IntegrityError):
        MarketItem.objects.filter(pk=rice.pk).update(quantity=-1)
