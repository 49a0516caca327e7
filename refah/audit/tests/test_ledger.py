"""ledger_append(): idempotent, gapless, inside the caller's transaction; leaves carry no personal data."""

import hashlib
import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, transaction

from refah.audit import ledger
from refah.audit.ledger.merkle import MerkleTree, leaf_hash
from refah.audit.ledger.models import LedgerEntry, LedgerPrivate, TreeHead

pytestmark = pytest.mark.django_db

HOUSEHOLD = "0b7c2a5e-6f1d-4c1e-9d7e-2a1f4b3c5d6e"


def _append(ref: str, **kwargs) -> LedgerEntry:
    fields = {"kind": "payment", "program": "family_support", "period": "2025-07", "amount_kurus": 160_000}
    fields |= kwargs
    with transaction.atomic():
        return ledger.ledger_append(ref=ref, data={"household_id": HOUSEHOLD, "tc": "12345678950"}, **fields)


@pytest.mark.django_db(transaction=True)
def test_append_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError, match="inside the caller's transaction"):
        ledger.ledger_append(kind="payment", ref="x", data={})


def test_sequence_is_gapless_and_from_zero():
    entries = [_append(f"line-{i}") for i in range(7)]
    assert [e.seq for e in entries] == list(range(7))
    assert list(LedgerEntry.objects.values_list("seq", flat=True)) == list(range(7))


def test_same_kind_and_ref_twice_returns_the_existing_entry():
    first = _append("line-1")
    again = _append("line-1", amount_kurus=999)
    assert again.seq == first.seq
    assert LedgerEntry.objects.count() == 1
    assert _append("line-1", kind="decision").seq == 1  # same ref, other kind: a new entry


def test_leaf_hash_is_rfc6962_hash_of_canonical_public_fields():
    entry = _append("line-1")
    public = ledger.entry_public(entry)
    leaf = json.dumps({k: public[k] for k in ledger.LEAF_FIELDS}, sort_keys=True, separators=(",", ":")).encode()
    assert entry.leaf_hash == hashlib.sha256(b"\x00" + leaf).hexdigest()
    assert HOUSEHOLD not in leaf.decode() and "12345678950" not in leaf.decode()


def test_commitment_opens_with_the_private_salt_and_details():
    entry = _append("line-1")
    private = LedgerPrivate.objects.get(entry=entry)
    assert json.loads(private.details) == {
        "kind": "payment",
        "ref": "line-1",
        "data": {"household_id": HOUSEHOLD, "tc": "12345678950"},
    }
    opened = hashlib.sha256(bytes.fromhex(private.salt) + private.details.encode()).hexdigest()
    assert entry.commitment == opened


def test_equal_details_get_different_commitments():
    # Salts stop anyone from confirming a guess (household id, TC number) by hashing it.
    a = _append("line-1", kind="decision")
    b = _append("line-1", kind="decision-copy")
    assert a.commitment != b.commitment


def test_first_append_signs_a_head_and_sign_covers_the_rest(settings):
    settings.REFAH_LEDGER_SIGN_SECONDS = 3600
    for i in range(3):
        _append(f"line-{i}")
    assert list(TreeHead.objects.values_list("tree_size", flat=True)) == [1]
    head = ledger.ledger_sign()
    assert head.tree_size == 3
    assert head.root_hash == ledger.ledger_tree().root().hex()
    assert ledger.ledger_sign() is None


def test_a_head_every_n_entries(settings):
    settings.REFAH_LEDGER_SIGN_SECONDS = 3600
    settings.REFAH_LEDGER_SIGN_EVERY = 4
    for i in range(9):
        _append(f"line-{i}")
    assert sorted(TreeHead.objects.values_list("tree_size", flat=True)) == [1, 5, 9]


def test_heads_sign_the_root_of_the_stored_leaves():
    for i in range(5):
        _append(f"line-{i}")
    head = ledger.ledger_sign()
    tree = MerkleTree(leaf_hash(ledger.leaf_bytes(ledger.entry_public(e))) for e in LedgerEntry.objects.all())
    assert head.root_hash == tree.root().hex()
    assert ledger.verify_head_signature(ledger.head_public(head), ledger.signing_key().public_key())


@pytest.mark.parametrize("bad", [{"kind": "Payment!"}, {"ref": ""}, {"amount_kurus": 1.5}, {"period": "x" * 17}])
def test_invalid_arguments_are_refused(bad):
    with pytest.raises(ValueError):
        _append(bad.pop("ref", "line-1"), **bad)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_appends_on_postgresql_stay_gapless_and_verifiable():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers anyway; row locks are a PostgreSQL matter")
    threads, per_thread = 8, 15

    def writer(t: int) -> None:
        try:
            for i in range(per_thread):
                _append(f"t{t}-{i}")
                _append(f"t{t}-{i}")  # a replay in between must not take a number
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(writer, range(threads)))
    seqs = list(LedgerEntry.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(threads * per_thread))
    ledger.ledger_sign()
    assert ledger.ledger_verify().ok
