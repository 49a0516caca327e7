import datetime as dt

import pytest
from django.utils import timezone

from refah.aidcard import errors, services
from refah.aidcard.enums import HoldStatus, LineKind, MerchantKind
from refah.aidcard.errors import DeclinedError
from refah.aidcard.models import Hold, LedgerLine, MerchantCategory
from refah.aidcard.tests.conftest import load
from refah.aidcard.tests.helpers import assert_ledger_matches, purse_of
from refah.common.errors import ConflictError, NotFoundError
from refah.registry.tests.factories import HouseholdFactory

pytestmark = pytest.mark.django_db


def authorise(shop, number, amount, key, purse="food", **kw):
    return services.hold_authorise(
        merchant=shop, card_number=number, purse=purse, amount=amount, idempotency_key=key, **kw
    )


@pytest.fixture
def funded(household, card_number):
    load(household, "food", 10_000, "ref-food")
    return card_number


def test_authorise_moves_available_to_held(shop, household, funded):
    hold = authorise(shop, funded, 4_000, "k1")
    food = purse_of(household, "food")
    # 10,000 − 4,000 = 6,000 available; 4,000 held
    assert (food.available, food.held, hold.available_after) == (6_000, 4_000, 6_000)
    assert_ledger_matches(food)


def test_authorise_replay_returns_same_hold_and_moves_money_once(shop, household, funded):
    first = authorise(shop, funded, 4_000, "k1")
    again = authorise(shop, funded, 4_000, "k1")
    assert first.pk == again.pk
    assert purse_of(household, "food").available == 6_000
    with pytest.raises(ConflictError) as exc:
        authorise(shop, funded, 5_000, "k1")
    assert exc.value.message == errors.ERR_IDEMPOTENCY_CONFLICT


def test_insufficient_balance_is_declined_and_leaves_nothing(shop, household, funded):
    with pytest.raises(DeclinedError) as exc:
        authorise(shop, funded, 10_001, "k1")
    assert exc.value.message == errors.ERR_INSUFFICIENT
    assert not Hold.objects.exists()
    assert purse_of(household, "food").available == 10_000


def test_category_limit_food_purse_not_at_clothing_shop(other_shop, funded):
    with pytest.raises(DeclinedError) as exc:
        authorise(other_shop, funded, 100, "k1")
    assert exc.value.message == errors.ERR_CATEGORY


def test_category_limit_clothing_purse_not_at_grocery(shop, household, funded):
    load(household, "clothing", 5_000, "ref-cl")
    with pytest.raises(DeclinedError) as exc:
        authorise(shop, funded, 100, "k1", purse="clothing")
    assert exc.value.message == errors.ERR_CATEGORY


def test_wrong_or_unknown_card(shop, funded):
    bad_check_digit = funded[:-1] + str((int(funded[-1]) + 1) % 10)
    with pytest.raises(DeclinedError) as exc:
        authorise(shop, bad_check_digit, 100, "k1")
    assert (exc.value.message, exc.value.code) == (errors.ERR_CARD_NOT_ACCEPTED, "card_not_accepted")


def test_pin_checked_when_card_has_one(shop, finance):
    home = HouseholdFactory()
    _, number = services.card_issue(actor=finance, household=home, pin="4321")
    load(home, "food", 1_000, "r")
    with pytest.raises(DeclinedError) as exc:
        authorise(shop, number, 100, "k1", pin="0000")
    assert exc.value.message == errors.ERR_CARD_NOT_ACCEPTED
    assert authorise(shop, number, 100, "k2", pin="4321").status == HoldStatus.OPEN


def test_partial_capture_releases_the_rest(shop, household, funded):
    hold = authorise(shop, funded, 4_000, "k1")
    services.hold_capture(merchant=shop, hold_id=hold.pk, amount=2_500)
    food = purse_of(household, "food")
    # captured 2,500 of 4,000; 1,500 back: 6,000 + 1,500 = 7,500 available, nothing held
    assert (food.available, food.held) == (7_500, 0)
    kinds = list(LedgerLine.objects.filter(hold=hold).values_list("kind", "amount"))
    assert kinds == [(LineKind.HOLD, 4_000), (LineKind.CAPTURE, 2_500), (LineKind.RELEASE, 1_500)]
    assert_ledger_matches(food)


def test_over_capture_refused(shop, funded):
    hold = authorise(shop, funded, 4_000, "k1")
    with pytest.raises(ConflictError) as exc:
        services.hold_capture(merchant=shop, hold_id=hold.pk, amount=4_001)
    assert exc.value.message == errors.ERR_OVER_CAPTURE


def test_capture_twice_same_amount_is_noop_other_amount_refused(shop, household, funded):
    hold = authorise(shop, funded, 4_000, "k1")
    services.hold_capture(merchant=shop, hold_id=hold.pk)
    services.hold_capture(merchant=shop, hold_id=hold.pk)
    assert purse_of(household, "food").available == 6_000
    with pytest.raises(ConflictError):
        services.hold_capture(merchant=shop, hold_id=hold.pk, amount=100)


def test_refund_only_up_to_captured(shop, household, funded):
    hold = authorise(shop, funded, 4_000, "k1")
    services.hold_capture(merchant=shop, hold_id=hold.pk, amount=3_000)
    services.hold_refund(merchant=shop, hold_id=hold.pk, amount=1_000, reference="r1")
    services.hold_refund(merchant=shop, hold_id=hold.pk, amount=1_000, reference="r1")  # retried: once
    with pytest.raises(ConflictError) as exc:
        services.hold_refund(merchant=shop, hold_id=hold.pk, amount=2_001, reference="r2")
    assert exc.value.message == errors.ERR_OVER_REFUND
    services.hold_refund(merchant=shop, hold_id=hold.pk, amount=2_000, reference="r2")
    # 10,000 − 3,000 captured + 3,000 refunded = 10,000
    assert purse_of(household, "food").available == 10_000
    assert_ledger_matches(purse_of(household, "food"))


def test_refund_of_open_hold_refused(shop, funded):
    hold = authorise(shop, funded, 4_000, "k1")
    with pytest.raises(ConflictError):
        services.hold_refund(merchant=shop, hold_id=hold.pk, amount=1, reference="r1")


def test_void_and_expire_release(shop, household, funded):
    a = authorise(shop, funded, 1_000, "k1")
    b = authorise(shop, funded, 2_000, "k2")
    services.hold_void(merchant=shop, hold_id=a.pk)
    assert services.holds_expire(now=timezone.now()) == 0
    assert services.holds_expire(now=timezone.now() + dt.timedelta(days=8)) == 1
    assert Hold.objects.get(pk=b.pk).status == HoldStatus.EXPIRED
    with pytest.raises(ConflictError):
        services.hold_capture(merchant=shop, hold_id=b.pk)
    assert (purse_of(household, "food").available, purse_of(household, "food").held) == (10_000, 0)


def test_another_merchants_hold_is_not_found(shop, finance, merkez, funded):
    rival = services.merchant_create(
        actor=finance,
        name="Rakip Market",
        kind=MerchantKind.SHOP,
        district=merkez,
        categories=[MerchantCategory.objects.get(code="5411")],
    )
    hold = authorise(shop, funded, 1_000, "k1")
    with pytest.raises(NotFoundError):
        services.hold_capture(merchant=rival, hold_id=hold.pk)
    with pytest.raises(NotFoundError):
        services.hold_void(merchant=rival, hold_id="not-a-uuid")


def test_balance_lists_purses_the_merchant_accepts(shop, funded):
    purses = {p.kind: p.available for p in services.card_balance(merchant=shop, card_number=funded)}
    assert purses == {"food": 10_000, "general": 0}
