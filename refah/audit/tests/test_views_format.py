"""The public ledger page in words: program names, translated kinds, amounts in the program's unit (kg, not TL)."""

import pytest
from django.db import transaction

from refah.audit import ledger

pytestmark = pytest.mark.django_db


def _append(kind: str, ref: str, program: str, amount: int) -> None:
    with transaction.atomic():
        ledger.ledger_append(
            kind=kind, ref=ref, data={}, program=program, period="2025-07", amount_kurus=amount, office_code="X"
        )


def test_totals_use_names_kinds_and_units(client):
    for i in range(5):
        _append("decision", f"coal-{i}", "heating_aid", 1_600)  # 5 × 1,600 kg = 8,000 kg
        _append("payment", f"pay-{i}", "family_support", 125_000)  # 5 × 1,250.00 TL
    client.cookies["django_language"] = "en"
    html = client.get("/ledger/").content.decode()
    assert "Heating Aid (coal)" in html and "8,000 kg" in html and "80.00 TL" not in html
    assert "Family Support Programme" in html and "6,250.00 TL" in html
    assert "Program decision" in html and "Payment line" in html
    assert "<td>payment</td>" not in html and ">decision<" not in html
