"""The ledger's timer: sign a tree head when the latest one does not cover every entry (refah.common.timers)."""

from refah.audit import ledger
from refah.common.timers import timer


@timer("ledger_sign")
def ledger_sign_timer() -> int | None:
    """Sign a head over entries the latest head does not cover; the size it covers, or None if none was due."""
    head = ledger.ledger_sign()
    return head.tree_size if head else None
