"""Payment screens in words: program names, money in TL, translated status cards (no "PENDİNG")."""

from django.test import Client

from refah.payments.models import PaymentCycle
from refah.payments.tests.factories import PERIOD, entitled, family


def _client(user, lang: str) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = lang
    return client


def test_cycle_screens_show_names_money_and_status_labels(maker, office_merkez):
    household, _ = family()
    entitled(household, "family_support", 125_000, office=office_merkez, user=maker)
    client = _client(maker, "en")
    client.post("/payments/", {"program": "family_support", "period_start": PERIOD.isoformat()})
    cycle = PaymentCycle.objects.get()
    client.post(f"/payments/cycles/{cycle.pk}/compute/")
    listing = client.get("/payments/").content.decode()
    assert "Family Support Programme" in listing and "1,250.00 TL" in listing  # 125,000 kuruş
    detail = client.get(f"/payments/cycles/{cycle.pk}/").content.decode()
    assert "Not yet in a batch" in detail and ">pending<" not in detail
    assert "Total (kuruş)" not in detail
    turkish = _client(maker, "tr").get(f"/payments/cycles/{cycle.pk}/").content.decode()
    assert "Aile Destek Programı" in turkish and "1.250,00 TL" in turkish
    assert ">pending<" not in turkish


def test_cycle_form_offers_programs_by_name(maker):
    page = _client(maker, "en").get("/payments/").content.decode()
    assert '<option value="family_support">Family Support Programme</option>' in page
