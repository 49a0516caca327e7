"""Any sequence of loads, authorisations, captures, voids and refunds keeps the ledger invariant."""

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refah.aidcard import services
from refah.aidcard.enums import HoldStatus
from refah.aidcard.models import Hold
from refah.aidcard.tests.conftest import load
from refah.aidcard.tests.helpers import assert_ledger_matches, purse_of
from refah.common.errors import RefahError
from refah.registry.tests.factories import HouseholdFactory

_ids = itertools.count()

amounts = st.integers(min_value=1, max_value=5_000)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("load"), amounts),
        st.tuples(st.just("authorise"), amounts),
        st.tuples(st.just("capture"), st.integers(min_value=1, max_value=6_000)),
        st.tuples(st.just("void"), st.just(0)),
        st.tuples(st.just("refund"), amounts),
        st.tuples(st.just("replay"), amounts),
    ),
    max_size=25,
)


def _apply(op, amount, *, shop, household, number, holds):
    n = next(_ids)
    if op == "load":
        load(household, "food", amount, f"p{n}")
    elif op in ("authorise", "replay"):
        key = f"k{n}" if op == "authorise" or not holds else holds[-1].idempotency_key
        amount = amount if op == "authorise" or not holds else holds[-1].amount
        holds.append(
            services.hold_authorise(merchant=shop, card_number=number, purse="food", amount=amount, idempotency_key=key)
        )
    elif holds and op == "capture":
        services.hold_capture(merchant=shop, hold_id=holds[-1].pk, amount=amount)
    elif holds and op == "void":
        services.hold_void(merchant=shop, hold_id=holds[0].pk)
    elif op == "refund":
        captured = Hold.objects.filter(status=HoldStatus.CAPTURED, merchant=shop).first()
        if captured:
            services.hold_refund(merchant=shop, hold_id=captured.pk, amount=amount, reference=f"r{n}")


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=operations)
def test_balance_is_sum_of_lines_and_never_negative(finance, shop, ops):
    household = HouseholdFactory()
    _, number = services.card_issue(actor=finance, household=household)
    holds: list = []
    loaded = 0
    for op, amount in ops:
        try:
            _apply(op, amount, shop=shop, household=household, number=number, holds=holds)
            loaded += amount if op == "load" else 0
        except RefahError:
            pass  # declined or refused: must leave no trace, which the invariant checks
        assert_ledger_matches(purse_of(household, "food"))
    food = purse_of(household, "food")
    settled = Hold.objects.filter(purse=food)
    spent = sum(h.captured - h.refunded for h in settled)
    # conservation: what was loaded is either available, held, or spent at the shop
    assert food.available + food.held + spent == loaded
