"""The PIN lock: wrong PINs in a row lock the card, a right PIN resets the count, only staff unlock it."""

import pytest
from django.test import override_settings

from refah.aidcard import errors, services
from refah.aidcard.enums import HoldStatus
from refah.aidcard.errors import DeclinedError
from refah.aidcard.luhn import luhn_check_digit
from refah.aidcard.models import Card, Hold
from refah.aidcard.tests.conftest import load
from refah.aidcard.tests.helpers import purse_of
from refah.audit.models import AuditEvent
from refah.common.errors import ConflictError, NotFoundError, PermissionDeniedError, RefahError

pytestmark = pytest.mark.django_db
RIGHT, WRONG = "4321", "0000"


@pytest.fixture
def pin_card(finance, household):
    card, number = services.card_issue(actor=finance, household=household, pin=RIGHT)
    load(household, "food", 10_000, "ref-food")
    return card, number


def authorise(shop, number, pin, key, amount=100):
    return services.hold_authorise(
        merchant=shop, card_number=number, purse="food", amount=amount, idempotency_key=key, pin=pin
    )


def refused(shop, number, pin, key) -> DeclinedError:
    with pytest.raises(DeclinedError) as exc:
        authorise(shop, number, pin, key)
    return exc.value


def lock(shop, number, attempts=3) -> None:
    for n in range(attempts):
        assert refused(shop, number, WRONG, f"wrong-{n}").code == "card_not_accepted"


def test_three_wrong_pins_lock_the_card_even_for_the_right_pin(shop, household, pin_card):
    card, number = pin_card
    lock(shop, number)
    card.refresh_from_db()
    assert (card.pin_failures, card.pin_locked, card.pin_locked_merchant) == (3, True, shop)
    error = refused(shop, number, RIGHT, "right")
    assert (error.message, error.code, error.status_code) == (errors.ERR_CARD_NOT_ACCEPTED, "card_not_accepted", 402)
    assert not Hold.objects.exists() and purse_of(household, "food").available == 10_000
    with pytest.raises(DeclinedError):
        services.card_balance(merchant=shop, card_number=number, pin=RIGHT)


def test_wrong_pins_and_the_lock_are_audited_without_the_pin(shop, household, pin_card):
    card, number = pin_card
    lock(shop, number)
    refused(shop, number, RIGHT, "right")
    actions = list(AuditEvent.objects.filter(object_id=str(card.pk)).values_list("action", flat=True))
    assert actions.count("aidcard_pin_wrong") == 3
    assert actions.count("aidcard_pin_lock") == 1
    assert actions.count("aidcard_pin_locked_use") == 1
    wrong = AuditEvent.objects.filter(action="aidcard_pin_wrong").order_by("after__pin_failures").last()
    assert wrong.after["pin_failures"] == 3 and wrong.household_id == household.pk
    for event in AuditEvent.objects.filter(action__startswith="aidcard_pin"):
        values = {str(v) for part in (event.before or {}, event.after or {}) for v in part.values()}
        assert not values & {RIGHT, WRONG, number} and not {RIGHT, WRONG} & set(event.note.split())


def test_a_right_pin_resets_the_count(shop, pin_card):
    card, number = pin_card
    lock(shop, number, attempts=2)
    assert authorise(shop, number, RIGHT, "right").status == HoldStatus.OPEN
    card.refresh_from_db()
    assert (card.pin_failures, card.pin_locked) == (0, False)
    lock(shop, number, attempts=2)  # two more wrong PINs: 2 in a row, not 4
    card.refresh_from_db()
    assert (card.pin_failures, card.pin_locked) == (2, False)


@override_settings(AIDCARD_PIN_ATTEMPTS=5)
def test_the_number_of_attempts_is_a_setting(shop, pin_card):
    card, number = pin_card
    lock(shop, number, attempts=4)
    assert not Card.objects.get(pk=card.pk).pin_locked
    lock(shop, number, attempts=1)
    assert Card.objects.get(pk=card.pk).pin_locked


def test_unknown_card_and_wrong_pin_give_one_answer(shop, pin_card):
    _, number = pin_card
    unknown = "979276000000000" + luhn_check_digit("979276000000000")  # well formed, never issued
    answers = [
        refused(shop, number, WRONG, "a"),
        refused(shop, unknown, WRONG, "b"),
        refused(shop, number[:-1] + str((int(number[-1]) + 1) % 10), WRONG, "c"),  # mistyped: Luhn fails
    ]
    assert {(a.message, a.code, a.field, a.status_code) for a in answers} == {
        (errors.ERR_CARD_NOT_ACCEPTED, "card_not_accepted", None, 402)
    }


def test_blocked_card_says_blocked_only_after_the_right_pin(finance, shop, pin_card):
    card, number = pin_card
    services.card_block(actor=finance, card=card, reason="stolen")
    assert refused(shop, number, WRONG, "a").code == "card_not_accepted"
    assert refused(shop, number, RIGHT, "b").code == "card_blocked"


def test_a_lock_between_the_check_and_the_hold_refuses(shop, household, pin_card):
    """The movement itself re-checks the lock: a wrong PIN elsewhere may lock the card after its PIN was checked."""
    card, number = pin_card
    card_id, purse_id = services.guard.card_check(merchant=shop, card_number=number, purse="food", pin=RIGHT)
    lock(shop, number)
    with pytest.raises(DeclinedError) as exc:
        services.spend.hold_for_card(
            merchant=shop, terminal=None, card_id=card_id, purse_id=purse_id, purse="food", amount=100, key="late"
        )
    assert exc.value.code == "card_not_accepted"
    assert not Hold.objects.exists() and purse_of(household, "food").available == 10_000


def test_staff_unblock_needs_permission_and_jurisdiction(make_staff, office_merkez, other_caseworker, shop, pin_card):
    card, number = pin_card
    lock(shop, number)
    with pytest.raises(PermissionDeniedError):
        services.card_pin_unblock(actor=make_staff(office_merkez, "auditor"), card=card)
    with pytest.raises(NotFoundError):
        services.card_pin_unblock(actor=other_caseworker, card=card)
    assert Card.objects.get(pk=card.pk).pin_locked
    assert not AuditEvent.objects.filter(action="aidcard_pin_unblock").exists()


def test_staff_unblock_is_audited_and_the_card_pays_again(caseworker, shop, pin_card):
    card, number = pin_card
    lock(shop, number)
    unlocked = services.card_pin_unblock(actor=caseworker, card=card)
    assert (unlocked.pin_failures, unlocked.pin_locked, unlocked.pin_locked_merchant) == (0, False, None)
    event = AuditEvent.objects.get(action="aidcard_pin_unblock")
    assert event.actor == caseworker and event.object_id == str(card.pk)
    assert event.before["pin_failures"] == 3 and event.after == {
        "pin_failures": 0,
        "pin_locked": False,
        "pin_changed": False,
    }
    assert authorise(shop, number, RIGHT, "after").status == HoldStatus.OPEN
    with pytest.raises(ConflictError) as exc:
        services.card_pin_unblock(actor=caseworker, card=card)
    assert exc.value.message == errors.ERR_CARD_NOT_PIN_LOCKED


def test_staff_unblock_with_a_new_pin(caseworker, shop, pin_card):
    card, number = pin_card
    lock(shop, number)
    with pytest.raises(RefahError):
        services.card_pin_unblock(actor=caseworker, card=card, pin="12a")
    assert Card.objects.get(pk=card.pk).pin_locked  # a bad new PIN changes nothing
    services.card_pin_unblock(actor=caseworker, card=card, pin="2468")
    assert refused(shop, number, RIGHT, "old").code == "card_not_accepted"
    assert authorise(shop, number, "2468", "new").status == HoldStatus.OPEN
    assert AuditEvent.objects.get(action="aidcard_pin_unblock").after["pin_changed"] is True


def test_wrong_pins_at_the_social_market_count_too(caseworker, finance, market, household):
    """The checkout refuses the sale in its transaction; the wrong PIN must stay recorded all the same."""
    _, number = services.card_issue(actor=finance, household=household, pin=RIGHT)
    rice = services.market_item_create(actor=finance, merchant=market, name="Pirinç", price_points=40, quantity=5)
    load(household, "market", 100, "p")
    for n in range(3):
        with pytest.raises(DeclinedError):
            services.market_checkout(
                actor=caseworker,
                merchant=market,
                card_number=number,
                basket={rice.pk: 1},
                idempotency_key=f"k{n}",
                pin=WRONG,
            )
    card = Card.objects.get(number=number)
    assert card.pin_locked and card.pin_locked_merchant == market
    assert AuditEvent.objects.filter(action="aidcard_pin_wrong", actor=caseworker).count() == 3
