import pytest

from refah.aidcard import errors, selectors, services
from refah.aidcard.enums import CardStatus, LineKind
from refah.aidcard.errors import DeclinedError
from refah.aidcard.luhn import luhn_valid
from refah.aidcard.models import Card
from refah.aidcard.tests.conftest import load
from refah.aidcard.tests.helpers import purse_of
from refah.audit.models import AuditEvent
from refah.common.errors import ConflictError, NotFoundError, PermissionDeniedError

pytestmark = pytest.mark.django_db


def test_issue_gives_luhn_number_once_and_opens_four_purses(issued, household):
    card, number = issued
    assert luhn_valid(number) and card.last4 == number[-4:]
    assert number not in card.masked
    assert {p.kind for p in selectors.purses(household=household)} == {"food", "clothing", "general", "market"}


def test_one_active_card_per_household(finance, household, issued):
    with pytest.raises(ConflictError) as exc:
        services.card_issue(actor=finance, household=household)
    assert exc.value.message == errors.ERR_CARD_EXISTS


def test_issue_needs_permission_and_jurisdiction(make_staff, office_merkez, other_caseworker, household):
    auditor = make_staff(office_merkez, "auditor")
    with pytest.raises(PermissionDeniedError):
        services.card_issue(actor=auditor, household=household)
    with pytest.raises(NotFoundError):
        services.card_issue(actor=other_caseworker, household=household)


def test_blocked_card_cannot_authorise(finance, shop, issued, household):
    card, number = issued
    load(household, "food", 1_000, "r")
    services.card_block(actor=finance, card=card, reason="stolen")
    with pytest.raises(DeclinedError) as exc:
        services.hold_authorise(merchant=shop, card_number=number, purse="food", amount=10, idempotency_key="k")
    assert exc.value.message == errors.ERR_CARD_NOT_ACTIVE
    with pytest.raises(ConflictError):
        services.card_block(actor=finance, card=card, reason="lost")


def test_replace_keeps_balances_and_open_holds(finance, shop, issued, household):
    card, number = issued
    load(household, "food", 10_000, "r1")
    load(household, "market", 300, "r2")
    hold = services.hold_authorise(merchant=shop, card_number=number, purse="food", amount=2_500, idempotency_key="k")
    services.card_block(actor=finance, card=card, reason="lost")
    new, new_number = services.card_replace(actor=finance, card=card)
    assert new_number != number and luhn_valid(new_number)
    assert Card.objects.get(pk=card.pk).status == CardStatus.REPLACED
    assert new.replaces_id == card.pk and new.status == CardStatus.ACTIVE
    food = purse_of(household, "food")
    assert (food.available, food.held, purse_of(household, "market").available) == (7_500, 2_500, 300)
    services.hold_capture(merchant=shop, hold_id=hold.pk)  # the hold made with the old card still settles
    services.hold_authorise(merchant=shop, card_number=new_number, purse="food", amount=7_500, idempotency_key="k2")
    event = AuditEvent.objects.get(action="aidcard_replace")
    assert event.after["balances"]["food"] == {"available": 7_500, "held": 2_500}
    with pytest.raises(DeclinedError) as exc:  # the retired number is refused like any unknown card
        services.hold_authorise(
            merchant=shop, card_number=number[:-1] + "x", purse="food", amount=1, idempotency_key="z"
        )
    assert exc.value.message == errors.ERR_CARD_NOT_ACCEPTED


def test_replace_twice_refused(finance, issued):
    card, _ = issued
    services.card_replace(actor=finance, card=card)
    with pytest.raises(ConflictError):
        services.card_replace(actor=finance, card=card)


def test_statement_sums_equal_balances(finance, shop, issued, household):
    _, number = issued
    load(household, "food", 10_000, "r1")
    load(household, "general", 5_000, "r2")
    a = services.hold_authorise(merchant=shop, card_number=number, purse="food", amount=3_000, idempotency_key="a")
    services.hold_capture(merchant=shop, hold_id=a.pk, amount=2_000)
    services.hold_refund(merchant=shop, hold_id=a.pk, amount=500, reference="r")
    services.hold_authorise(merchant=shop, card_number=number, purse="general", amount=1_000, idempotency_key="b")
    statement = selectors.household_statement(household=household)
    # loads 15,000; captured 2,000, refunded 500 → spent 1,500; 1,000 of general still held
    assert statement.totals[LineKind.LOAD] == 15_000
    assert statement.spent == 1_500
    for kind in ("food", "general"):
        purse = purse_of(household, kind)
        lines = [ln for ln in statement.lines if ln.purse_id == purse.pk]
        assert sum(ln.delta_available for ln in lines) == purse.available
        assert sum(ln.delta_held for ln in lines) == purse.held
        assert lines[-1].available_after == purse.available
    assert purse_of(household, "food").available == 8_500  # 10,000 − 2,000 + 500
