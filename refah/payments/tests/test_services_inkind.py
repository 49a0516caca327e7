"""In-kind aid: stock never goes negative, whatever the order of receipts, issues and deliveries."""

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refah.common.errors import ConflictError, RefahError
from refah.payments import errors
from refah.payments.models import StockLevel
from refah.payments.services import delivery_record, stock_issue, stock_receive, warehouse_create
from refah.payments.tests.factories import family
from refah.registry.tests.factories import valid_tc

moves = st.lists(st.tuples(st.sampled_from(["receive", "issue", "deliver"]), st.integers(1, 500)), max_size=15)


class Rollback(Exception):
    pass


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(moves=moves)
def test_stock_never_negative(maker, office_merkez, moves):
    try:
        with transaction.atomic():
            warehouse = warehouse_create(actor=maker, office=office_merkez, name="Depo")
            household, _ = family()
            expected = 0
            for kind, quantity in moves:
                try:
                    if kind == "receive":
                        stock_receive(actor=maker, warehouse=warehouse, item="coal_kg", quantity=quantity)
                        expected += quantity
                    elif kind == "issue":
                        with transaction.atomic():
                            stock_issue(actor=maker, warehouse=warehouse, item="coal_kg", quantity=quantity, note="x")
                        expected -= quantity
                    else:
                        with transaction.atomic():
                            delivery_record(
                                actor=maker,
                                warehouse=warehouse,
                                household=household,
                                item="coal_kg",
                                quantity=quantity,
                                receiver_name="Ayşe Yılmaz",
                                receiver_identifier=valid_tc(),
                            )
                        expected -= quantity
                except ConflictError:
                    pass
                level = StockLevel.objects.filter(warehouse=warehouse, item="coal_kg").first()
                assert (level.quantity if level else 0) == expected >= 0
            raise Rollback
    except Rollback:
        pass


def test_delivery_needs_a_signed_receipt(maker, office_merkez):
    warehouse = warehouse_create(actor=maker, office=office_merkez, name="Depo")
    stock_receive(actor=maker, warehouse=warehouse, item="food_parcel", quantity=2)
    household, _ = family()
    with pytest.raises(RefahError, match=str(errors.ERR_RECEIPT)):
        delivery_record(actor=maker, warehouse=warehouse, household=household, item="food_parcel", quantity=1)
    signature = SimpleUploadedFile("imza.png", b"\x89PNG\r\n\x1a\n", content_type="image/png")
    delivery = delivery_record(
        actor=maker, warehouse=warehouse, household=household, item="food_parcel", quantity=1, signature=signature
    )
    assert delivery.signature.name.endswith(".png")


@pytest.mark.django_db(transaction=True)
def test_concurrent_deliveries_never_overdraw(maker, office_merkez):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    warehouse = warehouse_create(actor=maker, office=office_merkez, name="Depo")
    stock_receive(actor=maker, warehouse=warehouse, item="coal_kg", quantity=1000)
    outcomes: list[str] = []

    def take():
        try:
            stock_issue(actor=maker, warehouse=warehouse, item="coal_kg", quantity=300, note="parallel")
            outcomes.append("ok")
        except ConflictError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("ok") == 3  # 3 × 300 = 900 ≤ 1,000; a fourth would take it to −200
    assert StockLevel.objects.get(warehouse=warehouse).quantity == 100
