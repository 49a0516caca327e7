import pytest

from refah.aidcard import errors
from refah.aidcard.enums import LineKind
from refah.aidcard.models import LedgerLine, Purse, PurseLoad
from refah.aidcard.services import card_issue, purse_load
from refah.aidcard.tests.conftest import load
from refah.audit.models import AuditEvent
from refah.common.errors import ConflictError, RefahError

pytestmark = pytest.mark.django_db


def test_load_credits_purse_and_writes_one_line(household):
    result = load(household, "food", 150_000, "pay-1")
    purse = Purse.objects.get(household=household, kind="food")
    assert isinstance(result, PurseLoad)
    assert purse.available == 150_000
    line = LedgerLine.objects.get(purse=purse)
    assert (line.kind, line.delta_available, line.available_after) == (LineKind.LOAD, 150_000, 150_000)
    assert AuditEvent.objects.filter(action="aidcard_load", household_id=household.pk).count() == 1


def test_same_source_ref_credits_once(household):
    first = load(household, "food", 150_000, "pay-1")
    second = load(household, "food", 150_000, "pay-1")
    assert first.pk == second.pk
    assert Purse.objects.get(household=household, kind="food").available == 150_000
    assert LedgerLine.objects.count() == 1


def test_same_source_ref_with_other_amount_is_refused(household):
    load(household, "food", 150_000, "pay-1")
    with pytest.raises(ConflictError) as exc:
        load(household, "food", 99, "pay-1")
    assert exc.value.message == errors.ERR_LOAD_CONFLICT


@pytest.mark.parametrize("amount", [0, -5, 1.5, True])
def test_amount_must_be_positive_integer(household, amount):
    with pytest.raises(RefahError) as exc:
        purse_load(actor=None, household=household, purse="food", amount_kurus=amount, source_ref="x")
    assert exc.value.message == errors.ERR_AMOUNT_POSITIVE


def test_unknown_purse_is_refused(household):
    with pytest.raises(RefahError) as exc:
        load(household, "fuel", 100, "x")
    assert exc.value.message == errors.ERR_PURSE_UNKNOWN


def test_load_works_before_a_card_is_issued_and_the_card_sees_it(household, finance):
    load(household, "market", 500, "points-1")
    card_issue(actor=finance, household=household)
    assert Purse.objects.get(household=household, kind="market").available == 500
    assert Purse.objects.filter(household=household).count() == 4
