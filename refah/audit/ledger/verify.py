"""Verification: recompute every leaf and root, check signed heads and their consistency, open commitments.

verify_log() needs only public data (an auditor runs it on an export); ledger_verify() adds the server-only checks.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from refah.audit.ledger.encoding import commitment, entry_public, head_public, leaf_bytes, verify_head_signature
from refah.audit.ledger.errors import (
    ALTERED,
    BAD_SIGNATURE,
    COUNTER_MISMATCH,
    INCONSISTENT_HEADS,
    MALFORMED,
    PRIVATE_MISMATCH,
    REMOVED_OR_REORDERED,
    ROOT_MISMATCH,
    TRUNCATED,
)
from refah.audit.ledger.keys import key_id, signing_key
from refah.audit.ledger.merkle import MerkleTree, leaf_hash, verify_consistency
from refah.audit.ledger.models import LedgerEntry, LedgerPrivate, TreeHead
from refah.audit.ledger.reads import ledger_size


@dataclass
class Problem:
    position: int | None  # the entry concerned, or where the damaged span starts; None for a head's own fault
    message: str
    exact: bool = True  # False when only a span [position, head size) is known to hold the change


@dataclass
class VerifyReport:
    size: int = 0
    heads: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def first_bad_position(self) -> int | None:
        """The first entry that was altered, removed or reordered (None if no entry-level problem)."""
        located = [p for p in self.problems if p.position is not None]
        exact = [p.position for p in located if p.exact]
        return min(exact or [p.position for p in located], default=None)


def verify_log(
    *, entries: Iterable[dict], heads: Iterable[dict], public_keys: Iterable[Ed25519PublicKey]
) -> VerifyReport:
    """Recompute every leaf and root from public entries; check each signed head and heads' mutual consistency."""
    report, tree = VerifyReport(), MerkleTree()
    for position, entry in enumerate(entries):
        tree.append(_check_entry(report, position, entry))
    report.size = len(tree)
    keys = {key_id(k): k for k in public_keys}
    good: list[dict] = []
    for head in sorted(heads, key=lambda h: (int(h.get("tree_size", -1)), int(h.get("timestamp_ms", -1)))):
        report.heads += 1
        if _check_head(report, tree, head, keys, good[-1]["tree_size"] if good else 0):
            good.append(head)
    for earlier, later in zip(good, good[1:], strict=False):
        _check_consistency(report, tree, earlier, later)
    return report


def _check_entry(report: VerifyReport, position: int, entry: dict) -> bytes:
    if entry.get("seq") != position:
        report.problems.append(Problem(position, REMOVED_OR_REORDERED.format(position, entry.get("seq"))))
    try:
        digest = leaf_hash(leaf_bytes(entry))
    except (KeyError, TypeError):
        report.problems.append(Problem(position, MALFORMED.format(position)))
        return leaf_hash(b"")
    if digest.hex() != entry.get("leaf_hash"):
        report.problems.append(Problem(position, ALTERED.format(position)))
    return digest


def _check_head(report: VerifyReport, tree: MerkleTree, head: dict, keys: dict, last_good_size: int) -> bool:
    size = int(head.get("tree_size", -1))
    key = keys.get(head.get("key_id"))
    if key is None or not verify_head_signature(head, key):
        report.problems.append(Problem(None, BAD_SIGNATURE.format(size)))
        return False
    if size > len(tree):
        report.problems.append(Problem(len(tree), TRUNCATED.format(size, len(tree))))
        return False
    if tree.root(size).hex() != head["root_hash"]:
        report.problems.append(Problem(last_good_size, ROOT_MISMATCH.format(size, last_good_size), exact=False))
        return False
    return True


def _check_consistency(report: VerifyReport, tree: MerkleTree, earlier: dict, later: dict) -> None:
    first, second = earlier["tree_size"], later["tree_size"]
    proof = tree.consistency_proof(first, second)
    roots = bytes.fromhex(earlier["root_hash"]), bytes.fromhex(later["root_hash"])
    if later["timestamp_ms"] < earlier["timestamp_ms"] or not verify_consistency(first, second, *roots, proof):
        report.problems.append(Problem(None, INCONSISTENT_HEADS.format(first, second)))


def ledger_verify(*, extra_public_keys: Iterable[Ed25519PublicKey] = ()) -> VerifyReport:
    """verify_log() over the stored log, plus the server-only checks: counter and private commitments."""
    entries = (entry_public(e) for e in LedgerEntry.objects.order_by("seq").iterator(chunk_size=5000))
    heads = [head_public(h) for h in TreeHead.objects.all()]
    report = verify_log(entries=entries, heads=heads, public_keys=[signing_key().public_key(), *extra_public_keys])
    if report.size != ledger_size():
        report.problems.append(Problem(min(report.size, ledger_size()), COUNTER_MISMATCH.format(ledger_size())))
    privates = LedgerPrivate.objects.select_related("entry").order_by("entry_id").iterator(chunk_size=5000)
    for private in privates:
        if commitment(private.salt, private.details) != private.entry.commitment:
            report.problems.append(Problem(private.entry_id, PRIVATE_MISMATCH.format(private.entry_id)))
    return report
