"""Property tests: money is conserved from entitlements to lines to reconciliation, and no household,
program and period is ever paid twice, whatever the order of batches, answers, re-imports and retries."""

import pytest
from django.db import transaction
from django.db.models import Count, Q, Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refah.common.errors import RefahError
from refah.payments.models import Entitlement, PaymentBatch, PaymentLine
from refah.payments.services import batch_answer_import
from refah.payments.tests.helpers import approved_batch, computed_cycle, exported_xml

amounts = st.lists(st.integers(min_value=1, max_value=10**9), min_size=1, max_size=5)
steps = st.lists(
    st.one_of(
        st.tuples(st.just("batch"), st.just(0), st.just(())),
        st.tuples(st.just("retry"), st.integers(0, 5), st.just(())),
        st.tuples(
            st.just("answer"), st.integers(0, 5), st.lists(st.sampled_from(["paid", "failed", "returned", None]))
        ),
    ),
    max_size=10,
)


class Rollback(Exception):
    pass


@pytest.mark.django_db(transaction=False)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(amounts=amounts, steps=steps)
def test_money_conserved_and_never_paid_twice(maker, checker, office_merkez, amounts, steps):
    try:
        with transaction.atomic():
            cycle = computed_cycle(maker=maker, office=office_merkez, amounts=amounts)
            batches: list[PaymentBatch] = []
            for kind, pick, statuses in steps:
                _step(kind, pick, statuses, batches, maker, checker, cycle)
                _check_invariants(cycle, sum(amounts))
            raise Rollback
    except Rollback:
        pass


def _step(kind, pick, statuses, batches, maker, checker, cycle) -> None:
    try:
        if kind == "batch":
            batches.append(approved_batch(maker=maker, checker=checker, cycle=cycle))
        elif kind == "retry" and batches:
            batches.append(
                approved_batch(maker=maker, checker=checker, cycle=cycle, retry_of=batches[pick % len(batches)])
            )
        elif kind == "answer" and batches:
            batch = PaymentBatch.objects.get(pk=batches[pick % len(batches)].pk)
            if batch.status == "approved":
                exported_xml(actor=maker, batch=batch)
            lines = list(batch.lines.order_by("id"))
            rows = [f"{line.end_to_end_id},{s}," for line, s in zip(lines, statuses, strict=False) if s]
            content = ("end_to_end_id,status,reason\n" + "\n".join(rows) + "\n").encode()
            batch_answer_import(actor=checker, batch=batch, content=content, fmt="csv")
    except RefahError:
        pass  # nothing to batch or retry: a refusal, never a partial write


def _check_invariants(cycle, entitled_kurus: int) -> None:
    by_status = dict(
        Entitlement.objects.filter(cycle=cycle)
        .with_payment_status()
        .values_list("payment_status")
        .annotate(s=Sum("amount_kurus"))
        .order_by()
    )
    # paid + failed + returned + pending (not batched, or batched awaiting the bank) = entitled
    assert sum(by_status.values()) == entitled_kurus
    per_entitlement = (
        Entitlement.objects.filter(cycle=cycle)
        .with_payment_status()
        .annotate(
            paid=Count("lines", filter=Q(lines__status="paid")),
            live=Count("lines", filter=Q(lines__status__in=["pending", "paid"])),
        )
    )
    for entitlement in per_entitlement:
        assert entitlement.paid <= 1 and entitlement.live <= 1
        latest = entitlement.lines.order_by("-id").first()
        expected = {None: "pending", "pending": "batched"}.get(latest and latest.status, latest and latest.status)
        assert entitlement.payment_status == expected
    paid_lines = PaymentLine.objects.filter(entitlement__cycle=cycle, status="paid").aggregate(s=Sum("amount_kurus"))
    assert (paid_lines["s"] or 0) == by_status.get("paid", 0)
