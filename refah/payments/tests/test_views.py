"""Screens: open and compute a cycle, create a batch, the maker cannot approve, the checker can; stock."""

import datetime as dt

from django.test import Client

from refah.payments.models import PaymentBatch, PaymentCycle, Warehouse
from refah.payments.tests.conftest import DEBTOR_IBAN
from refah.payments.tests.factories import PERIOD, entitled, family


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_cycle_to_approved_batch_through_the_screens(maker, checker, office_merkez):
    household, _ = family()
    entitled(household, "family_support", 125_000, office=office_merkez, user=maker)
    as_maker, as_checker = _client(maker), _client(checker)
    as_maker.post("/payments/", {"program": "family_support", "period_start": PERIOD.isoformat()})
    cycle = PaymentCycle.objects.get()
    as_maker.post(f"/payments/cycles/{cycle.pk}/compute/")
    page = as_maker.get(f"/payments/cycles/{cycle.pk}/")
    assert page.status_code == 200 and "1.250,00 TL" in page.content.decode()  # 125,000 kuruş
    batch_form = {"channel": "ptt", "debtor_name": "SYDV", "debtor_iban": DEBTOR_IBAN, "execution_date": "2025-03-05"}
    as_maker.post(f"/payments/cycles/{cycle.pk}/batches/", batch_form)
    batch = PaymentBatch.objects.get()
    as_maker.post(f"/payments/batches/{batch.pk}/approve/")
    assert PaymentBatch.objects.get().status == "draft"
    as_checker.post(f"/payments/batches/{batch.pk}/approve/")
    assert PaymentBatch.objects.get().status == "approved"
    export = as_maker.get(f"/payments/batches/{batch.pk}/export.csv")
    assert export.status_code == 200
    assert as_maker.get(f"/payments/batches/{batch.pk}/").status_code == 200


def test_stock_screens(maker, office_merkez):
    warehouse = Warehouse.objects.create(office=office_merkez, name="Merkez deposu")
    client = _client(maker)
    assert b"Merkez deposu" in client.get("/payments/stock/").content
    client.post(f"/payments/stock/{warehouse.pk}/", {"action": "receive", "r-item": "coal_kg", "r-quantity": "500"})
    assert warehouse.stock.get().quantity == 500


def test_other_district_gets_404_for_a_batch(maker, checker, tuzluca_finance, office_merkez):
    household, _ = family()
    entitled(household, "family_support", 125_000, office=office_merkez, user=maker)
    as_maker = _client(maker)
    as_maker.post("/payments/", {"program": "family_support", "period_start": PERIOD.isoformat()})
    cycle = PaymentCycle.objects.get()
    as_maker.post(f"/payments/cycles/{cycle.pk}/compute/")
    form = {"channel": "ptt", "debtor_name": "SYDV", "debtor_iban": DEBTOR_IBAN, "execution_date": "2025-03-05"}
    as_maker.post(f"/payments/cycles/{cycle.pk}/batches/", form)
    batch = PaymentBatch.objects.get()
    assert _client(tuzluca_finance).get(f"/payments/batches/{batch.pk}/").status_code == 404


def test_the_period_field_shows_its_default_in_both_languages(maker):
    """An <input type="date"> takes only yyyy-mm-dd; a localised 01.12.2026 or 12/01/2026 left it empty (issue 12)."""
    first = dt.date.today().replace(day=1).isoformat()
    for language in ("tr", "en"):
        client = _client(maker)
        client.cookies["django_language"] = language
        html = client.get("/payments/").content.decode()
        assert f'name="period_start" value="{first}"' in html
