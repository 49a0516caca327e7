"""Payments API: the maker–checker flow end to end, and jurisdiction (another district sees nothing)."""

from refah.payments.iso20022 import pain002_build
from refah.payments.models import PaymentBatch
from refah.payments.tests.conftest import DEBTOR_IBAN
from refah.payments.tests.factories import PERIOD, entitled, family


def test_cycle_batch_export_answer_flow(maker, checker, office_merkez, api_client_for):
    household, _ = family()
    entitled(household, "family_support", 125_000, office=office_merkez, user=maker)
    as_maker, as_checker = api_client_for(maker), api_client_for(checker)
    cycle = as_maker.post(
        "/api/v1/payments/cycles", {"program": "family_support", "period_start": str(PERIOD)}, "application/json"
    ).json()
    assert as_maker.post(f"/api/v1/payments/cycles/{cycle['id']}/compute").json()["total_kurus"] == 125_000
    body = {
        "cycle_id": cycle["id"],
        "channel": "ptt",
        "debtor_name": "SYDV",
        "debtor_iban": DEBTOR_IBAN,
        "execution_date": "2025-03-05",
    }
    batch = as_maker.post("/api/v1/payments/batches", body, "application/json").json()
    assert as_maker.post(f"/api/v1/payments/batches/{batch['id']}/approve").status_code == 403
    assert as_checker.post(f"/api/v1/payments/batches/{batch['id']}/approve").json()["status"] == "approved"
    assert as_maker.get(f"/api/v1/payments/batches/{batch['id']}/export?format=xml").status_code == 400  # PTT: CSV
    exported = as_maker.get(f"/api/v1/payments/batches/{batch['id']}/export?format=csv")
    assert b"1250.00" in b"".join(exported.streaming_content)
    line = PaymentBatch.objects.get(pk=batch["id"]).lines.get()
    answer = pain002_build("x", [(line.end_to_end_id, "ACSC", "")])
    response = as_checker.post(
        f"/api/v1/payments/batches/{batch['id']}/answer", {"file": _upload(answer), "format": "xml"}
    )
    assert response.json() == {"paid": 1, "failed": 0, "returned": 0}
    entitlements = as_maker.get(f"/api/v1/payments/households/{household.pk}/entitlements").json()
    assert [e["status"] for e in entitlements] == ["paid"]


def test_other_district_sees_neither_batch_nor_household(
    maker, checker, tuzluca_finance, office_merkez, api_client_for
):
    household, _ = family()
    entitled(household, "family_support", 125_000, office=office_merkez, user=maker)
    other = api_client_for(tuzluca_finance)
    assert other.get(f"/api/v1/payments/households/{household.pk}/entitlements").status_code == 404
    assert other.get("/api/v1/payments/batches").json() == []


def _upload(content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("answer.xml", content, content_type="application/xml")
