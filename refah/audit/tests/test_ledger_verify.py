"""refah ledger verify: altering, removing or reordering any stored entry, or forging a head, is detected."""

import io
import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from refah.audit import ledger
from refah.audit.ledger.models import LedgerEntry, TreeHead

pytestmark = pytest.mark.django_db

SIZE = 9
POSITIONS = {"first": 0, "middle": 4, "last": SIZE - 1}
COLUMNS = ["kind", "ref", "program", "period", "amount_kurus", "office_code", "time", "commitment", "leaf_hash"]


@pytest.fixture
def log(settings):
    """Nine entries; heads signed automatically at sizes 1 and 5 (every 4 entries), then over all nine."""
    settings.REFAH_LEDGER_SIGN_EVERY = 4
    settings.REFAH_LEDGER_SIGN_SECONDS = 3600
    for i in range(SIZE):
        with transaction.atomic():
            ledger.ledger_append(
                kind="payment",
                ref=f"line-{i}",
                data={"household_id": f"hh-{i}"},
                program="family_support",
                period="2025-07",
                amount_kurus=100_000 + i,
                office_code="SYDV-34-01",
            )
    assert [h.tree_size for h in TreeHead.objects.order_by("tree_size")] == [1, 5, 9]


def _sql(query: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(query, params)


def _verify_fails_at(position: int | None) -> None:
    report = ledger.ledger_verify()
    assert not report.ok
    assert report.first_bad_position == position, [p.message for p in report.problems]
    with pytest.raises(CommandError, match="does NOT verify") as exc:
        call_command("ledger", "verify", stdout=io.StringIO(), stderr=io.StringIO())
    assert exc.value.returncode == 1


def test_an_untouched_log_verifies(log):
    assert ledger.ledger_verify().ok
    out = io.StringIO()
    call_command("ledger", "verify", stdout=out)
    assert "9 entries, 3 signed tree heads" in out.getvalue()


@pytest.mark.parametrize("where", POSITIONS)
def test_altered_amount_is_detected(log, where):
    _sql("UPDATE audit_ledgerentry SET amount_kurus = amount_kurus + 1 WHERE seq = %s", [POSITIONS[where]])
    _verify_fails_at(POSITIONS[where])


@pytest.mark.parametrize("where", POSITIONS)
def test_altered_entry_with_recomputed_leaf_hash_breaks_the_signed_root(log, where):
    position = POSITIONS[where]
    entry = LedgerEntry.objects.get(seq=position)
    entry.amount_kurus = 1
    forged = ledger.leaf_hash(ledger.leaf_bytes(ledger.entry_public(entry))).hex()
    _sql("UPDATE audit_ledgerentry SET amount_kurus = 1, leaf_hash = %s WHERE seq = %s", [forged, position])
    report = ledger.ledger_verify()
    assert not report.ok
    # Located to the span since the last head that still checks: heads at 1, 5, 9.
    assert report.first_bad_position == max(s for s in (0, 1, 5) if s <= position)


@pytest.mark.parametrize("where", POSITIONS)
def test_removed_entry_is_detected(log, where):
    _sql("DELETE FROM audit_ledgerprivate WHERE entry_id = %s", [POSITIONS[where]])
    _sql("DELETE FROM audit_ledgerentry WHERE seq = %s", [POSITIONS[where]])
    _verify_fails_at(POSITIONS[where])


@pytest.mark.parametrize("where", POSITIONS)
def test_reordered_entries_are_detected(log, where):
    a = min(POSITIONS[where], SIZE - 2)
    b = a + 1
    rows = {seq: row for seq, *row in LedgerEntry.objects.filter(seq__in=[a, b]).values_list("seq", *COLUMNS)}
    _sql("UPDATE audit_ledgerentry SET ref = 'tmp' WHERE seq = %s", [b])  # (kind, ref) is unique
    for seq, other in ((a, b), (b, a)):
        assignments = ", ".join(f"{c} = %s" for c in COLUMNS)
        _sql(f"UPDATE audit_ledgerentry SET {assignments} WHERE seq = %s", [*rows[other], seq])  # noqa: S608
    _verify_fails_at(a)


def test_altered_private_details_are_detected(log):
    _sql("UPDATE audit_ledgerprivate SET details = REPLACE(details, 'hh-3', 'hh-X') WHERE entry_id = 3")
    _verify_fails_at(3)


def test_forged_head_signature_is_detected(log):
    head = TreeHead.objects.get(tree_size=5)
    message = ledger.tree_head_message(5, bytes.fromhex(head.root_hash), head.timestamp_ms + 1)
    forged = Ed25519PrivateKey.generate().sign(message).hex()
    _sql("UPDATE audit_treehead SET signature = %s WHERE id = %s", [forged, head.id])
    report = ledger.ledger_verify()
    assert [p.message for p in report.problems] == [ledger.BAD_SIGNATURE.format(5)]
    assert report.first_bad_position is None


def test_head_signed_by_another_key_is_rejected(log):
    other = Ed25519PrivateKey.generate()
    root = ledger.ledger_tree().root()
    TreeHead.objects.create(
        tree_size=SIZE,
        root_hash=root.hex(),
        timestamp_ms=ledger._now_ms(),
        key_id=ledger.key_id(other.public_key()),
        signature=other.sign(ledger.tree_head_message(SIZE, root, 0)).hex(),
    )
    assert not ledger.ledger_verify().ok


def _export(tmp_path) -> tuple:
    path = tmp_path / "ledger.jsonl"
    call_command("ledger", "export", str(path), stdout=io.StringIO())
    lines = path.read_text().splitlines()
    return path, lines


def test_export_round_trip_verifies_with_the_pinned_key(log, tmp_path):
    path, lines = _export(tmp_path)
    header = json.loads(lines[0])
    assert header["format"] == ledger.FORMAT and header["size"] == SIZE
    assert sum(json.loads(line)["type"] == "entry" for line in lines) == SIZE
    key = tmp_path / "ledger.pub"
    key.write_text(ledger.public_key_pem())
    out = io.StringIO()
    call_command("ledger", "verify", "--from-file", str(path), "--public-key", str(key), stdout=out)
    assert "The ledger verifies." in out.getvalue()


def test_export_holds_no_private_details(log, tmp_path):
    _, lines = _export(tmp_path)
    text = "\n".join(lines)
    assert "hh-" not in text and "line-" not in text and "salt" not in text


@pytest.mark.parametrize("where", POSITIONS)
def test_tampered_export_is_detected(log, tmp_path, where):
    path, lines = _export(tmp_path)
    first_entry = next(i for i, line in enumerate(lines) if json.loads(line)["type"] == "entry")
    i = first_entry + POSITIONS[where]
    j = i - 1 if where == "last" else i + 1
    lines[i], lines[j] = lines[j], lines[i]
    path.write_text("\n".join(lines) + "\n")
    header, heads, entries = ledger.read_export(path)
    report = ledger.verify_log(entries=entries, heads=heads, public_keys=[ledger.load_public_key(header["public_key"])])
    assert report.first_bad_position == min(i, j) - first_entry
    with pytest.raises(CommandError):
        call_command("ledger", "verify", "--from-file", str(path), stdout=io.StringIO(), stderr=io.StringIO())


def test_export_with_a_substituted_key_fails_against_the_pinned_key(log, tmp_path):
    path, _ = _export(tmp_path)
    key = tmp_path / "other.pub"
    key.write_text(ledger.public_key_pem(Ed25519PrivateKey.generate().public_key()))
    with pytest.raises(CommandError):
        call_command(
            "ledger", "verify", "--from-file", str(path), "--public-key", str(key), stdout=io.StringIO(),
            stderr=io.StringIO(),
        )  # fmt: skip


def test_sign_command(log):
    out = io.StringIO()
    call_command("ledger", "sign", stdout=out)
    assert "already covers" in out.getvalue()
    call_command("ledger", "sign", "--force", stdout=out)
    assert TreeHead.objects.filter(tree_size=SIZE).count() == 2
    assert ledger.ledger_verify().ok
