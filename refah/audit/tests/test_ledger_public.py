"""The public ledger page and JSON API: open without login, no personal data, small cells suppressed."""

import pytest
from django.db import transaction

from refah.audit import ledger
from refah.audit.ledger.merkle import verify_consistency, verify_inclusion
from refah.eligibility.catalogue import program_label

pytestmark = pytest.mark.django_db

TC = "12345678950"
NAME = "Ayşe Yılmaz"
HOUSEHOLD = "5f0c9e1a-2b3c-4d5e-8f90-a1b2c3d4e5f6"


@pytest.fixture
def log():
    """Six family-support payments (shown) and two heating-aid payments (a cell under five: suppressed)."""
    for i, program in enumerate(["family_support"] * 6 + ["heating_aid"] * 2):
        with transaction.atomic():
            ledger.ledger_append(
                kind="payment",
                ref=f"line-{i}",
                data={"household_id": HOUSEHOLD, "tc": TC, "name": NAME},
                program=program,
                period="2025-07",
                amount_kurus=125_000,
                office_code="SYDV-06-01",
            )
    ledger.ledger_sign()


def test_page_is_public_and_shows_heads_key_and_totals(client, log):
    response = client.get("/ledger/")
    assert response.status_code == 200
    html = response.content.decode()
    head = ledger.ledger_head()
    assert head.root_hash in html
    assert "BEGIN PUBLIC KEY" in html
    assert program_label("family_support", "tr") in html  # the programme by its name, not its code (issue 12)
    # 6 × 1,250.00 TL is hidden with the 2 of heating aid: the head's tree size (8) minus it would give them away
    assert "7.500,00 TL" not in html and "2.500,00 TL" not in html


def test_page_shows_no_personal_data(client, log):
    html = client.get("/ledger/").content.decode()
    for secret in (TC, NAME, HOUSEHOLD, "line-"):
        assert secret not in html


def test_small_cells_are_suppressed(client, log):
    rows = {row["program"]: row for row in ledger.ledger_totals()}
    # Heating aid's 2 entries are below the threshold; family support's 6 would show, but the ledger's size (8, in
    # every signed head) minus 6 is heating aid's 2: it is hidden too (complementary suppression).
    assert rows["family_support"]["suppressed"] and rows["family_support"]["count"] is None
    assert ledger.ledger_head().tree_size == 8
    assert rows["heating_aid"] == {
        "kind": "payment",
        "program": "heating_aid",
        "period": "2025-07",
        "count": None,
        "amount_kurus": None,
        "suppressed": True,
    }
    assert "2.500,00 TL" not in client.get("/ledger/").content.decode()  # 2 × 1,250.00 TL must not show


def test_api_heads_without_login(client, log):
    body = client.get("/api/v1/ledger/heads").json()
    assert body["public_key"].startswith("-----BEGIN PUBLIC KEY-----")
    assert body["heads"][0]["tree_size"] == 8
    latest = client.get("/api/v1/ledger/heads/latest").json()
    assert latest == body["heads"][0]
    assert ledger.verify_head_signature(latest, ledger.load_public_key(body["public_key"]))
    assert client.get("/api/v1/ledger/heads/8").json() == latest
    assert client.get("/api/v1/ledger/heads/7").status_code == 404


def test_api_entries_hold_no_personal_data(client, log):
    response = client.get("/api/v1/ledger/entries", {"start": 2, "end": 5})
    entries = response.json()
    assert [e["seq"] for e in entries] == [2, 3, 4]
    assert set(entries[0]) == {*ledger.LEAF_FIELDS, "leaf_hash"}
    for secret in (TC, NAME, HOUSEHOLD, "line-"):
        assert secret not in response.content.decode()


def test_api_proofs_verify_against_the_signed_head(client, log):
    head = client.get("/api/v1/ledger/heads/latest").json()
    root = bytes.fromhex(head["root_hash"])
    for index in range(8):
        proof = client.get("/api/v1/ledger/proof/inclusion", {"index": index, "size": 8}).json()
        path = [bytes.fromhex(p) for p in proof["audit_path"]]
        assert verify_inclusion(bytes.fromhex(proof["leaf_hash"]), index, 8, path, root)
    body = client.get("/api/v1/ledger/proof/consistency", {"first": 3, "second": 8}).json()
    path = [bytes.fromhex(p) for p in body["consistency"]]
    assert body["second_root"] == head["root_hash"]
    assert verify_consistency(3, 8, bytes.fromhex(body["first_root"]), root, path)


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/api/v1/ledger/proof/inclusion", {"index": 8, "size": 8}),
        ("/api/v1/ledger/proof/inclusion", {"index": 0, "size": 9}),
        ("/api/v1/ledger/proof/consistency", {"first": 5, "second": 4}),
        ("/api/v1/ledger/entries", {"start": -1, "end": 3}),
    ],
)
def test_api_rejects_impossible_ranges(client, log, url, params):
    assert client.get(url, params).status_code == 400


def test_receipt_proves_a_household_entry(log):
    receipt = ledger.ledger_receipt(kind="payment", ref="line-3")
    assert HOUSEHOLD in receipt["details"]
    assert ledger.commitment(receipt["salt"], receipt["details"]) == receipt["entry"]["commitment"]
    leaf = ledger.leaf_hash(ledger.leaf_bytes(receipt["entry"]))
    path = [bytes.fromhex(p) for p in receipt["inclusion"]["audit_path"]]
    root = bytes.fromhex(receipt["tree_head"]["root_hash"])
    assert verify_inclusion(leaf, 3, receipt["tree_head"]["tree_size"], path, root)
