"""Public reads of the ledger: size, signed heads, entries, inclusion and consistency proofs, totals, receipts."""

from django.db.models import Count, Sum

from refah.audit.ledger.append import head_due_ms
from refah.audit.ledger.encoding import entry_public, head_public
from refah.audit.ledger.errors import (
    BAD_CONSISTENCY_RANGE,
    BAD_ENTRIES_RANGE,
    BAD_INCLUSION_RANGE,
    NO_ENTRY,
    NO_HEAD,
)
from refah.audit.ledger.merkle import MerkleTree
from refah.audit.ledger.models import LedgerEntry, LedgerState, TreeHead
from refah.common.errors import NotFoundError, RefahError
from refah.common.suppression import suppress_cube

MAX_ENTRIES_PAGE = 1000
MIN_PUBLISHED_COUNT = 5


def ledger_tree(*, size: int | None = None) -> MerkleTree:
    """The Merkle tree over the stored leaf hashes of the first `size` entries (all by default)."""
    entries = LedgerEntry.objects.order_by("seq")
    if size is not None:
        entries = entries.filter(seq__lt=size)
    return MerkleTree(bytes.fromhex(h) for h in entries.values_list("leaf_hash", flat=True).iterator(chunk_size=10_000))


def ledger_size() -> int:
    """How many entries the log holds."""
    state = LedgerState.objects.filter(pk=1).first()
    return state.size if state else 0


def ledger_coverage() -> dict:
    """How much of the log the latest signed head covers, and when the next head is due (ms) if it lags."""
    state = LedgerState.objects.filter(pk=1).first()
    size, covered = (state.size, state.last_head_size) if state else (0, 0)
    due_ms = head_due_ms(last_head_ms=state.last_head_ms) if state and covered < size else None
    return {"size": size, "covered": covered, "all_covered": covered == size, "next_head_due_ms": due_ms}


def ledger_heads(*, limit: int = 20) -> list[TreeHead]:
    """The latest signed tree heads, largest first."""
    return list(TreeHead.objects.order_by("-tree_size", "-id")[:limit])


def ledger_head(*, size: int | None = None) -> TreeHead:
    """The latest signed tree head, or the latest one over exactly `size` entries."""
    heads = TreeHead.objects.order_by("-tree_size", "-id")
    head = (heads.filter(tree_size=size) if size is not None else heads).first()
    if head is None:
        raise NotFoundError(NO_HEAD, field="size", code="not_found")
    return head


def ledger_entries(*, start: int, end: int) -> list[dict]:
    """Published entries with start ≤ seq < end (at most MAX_ENTRIES_PAGE)."""
    if start < 0 or end < start:
        raise RefahError(BAD_ENTRIES_RANGE, field="start")
    end = min(end, start + MAX_ENTRIES_PAGE)
    return [entry_public(e) for e in LedgerEntry.objects.filter(seq__gte=start, seq__lt=end).order_by("seq")]


def ledger_inclusion(*, index: int, size: int) -> dict:
    """The audit path of entry `index` in the tree of the first `size` entries, with that tree's root."""
    if not 0 <= index < size <= ledger_size():
        raise RefahError(BAD_INCLUSION_RANGE, field="index")
    tree = ledger_tree(size=size)
    proof = tree.inclusion_proof(index, size)
    return {
        "leaf_index": index,
        "tree_size": size,
        "leaf_hash": tree.levels[0][index].hex(),
        "root_hash": tree.root(size).hex(),
        "audit_path": [p.hex() for p in proof],
    }


def ledger_consistency(*, first: int, second: int) -> dict:
    """The consistency proof between the trees of the first `first` and `second` entries, with both roots."""
    if not 0 <= first <= second <= ledger_size():
        raise RefahError(BAD_CONSISTENCY_RANGE, field="first")
    tree = ledger_tree(size=second)
    return {
        "first": first,
        "second": second,
        "first_root": tree.root(first).hex(),
        "second_root": tree.root(second).hex(),
        "consistency": [p.hex() for p in tree.consistency_proof(first, second)],
    }


def ledger_totals(*, min_count: int = MIN_PUBLISHED_COUNT) -> list[dict]:
    """Count and sum of amounts per kind, program and period, small cells suppressed — with the complementary cells
    that keep them from being derived from the others and the ledger's size, which the heads publish
    (refah/common/suppression.py)."""
    rows = list(
        LedgerEntry.objects.values("kind", "program", "period")
        .annotate(count=Count("seq"), amount_kurus=Sum("amount_kurus"))
        .order_by("program", "-period", "kind")
    )
    if min_count <= 1:  # every cell, for a caller that suppresses them itself (the open data's page)
        return [{**row, "suppressed": False} for row in rows]
    dims = ["kind", "program", "period"]
    table = suppress_cube(rows, dims, count="count", measures=["amount_kurus"], threshold=min_count)
    hidden = {tuple(cell[d] for d in dims) for cell in table if cell["suppressed"]}
    return [_suppressed(row) if tuple(row[d] for d in dims) in hidden else {**row, "suppressed": False} for row in rows]


def _suppressed(row: dict) -> dict:
    return {**row, "count": None, "amount_kurus": None, "suppressed": True}


def ledger_receipt(*, kind: str, ref: str) -> dict:
    """What a citizen or auditor needs to prove one entry: its leaf, salt and details, and its audit path.

    Private: hand it only to the household concerned or to an auditor, never publish it.
    """
    entry = LedgerEntry.objects.select_related("private").filter(kind=kind, ref=ref).first()
    if entry is None:
        raise NotFoundError(NO_ENTRY, field="ref", code="not_found")
    head = TreeHead.objects.filter(tree_size__gt=entry.seq).order_by("-tree_size", "-id").first()
    proof = ledger_inclusion(index=entry.seq, size=head.tree_size) if head else None
    return {
        "entry": entry_public(entry),
        "salt": entry.private.salt,
        "details": entry.private.details,
        "tree_head": head_public(head) if head else None,
        "inclusion": proof,
    }
