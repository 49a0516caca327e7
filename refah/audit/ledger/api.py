"""Public ledger JSON API (no authentication): tree heads, entries, inclusion and consistency proofs."""

from ninja import Router, Schema

from refah.audit import ledger

router = Router(tags=["ledger"], auth=None)

# The operation ids this API had when it lived in refah/audit/api_ledger.py (ninja derives them from the
# module): clients and the schema keep them.
_OPERATION = "refah_audit_api_ledger_{}".format


class HeadOut(Schema):
    tree_size: int
    root_hash: str
    timestamp_ms: int
    key_id: str
    signature: str


class HeadsOut(Schema):
    public_key: str
    format: str
    heads: list[HeadOut]


class EntryOut(Schema):
    seq: int
    kind: str
    program: str | None
    period: str | None
    amount_kurus: int | None
    office_code: str | None
    model: str | None = None  # in the leaf only when set (docs/ledger.md)
    time: str
    commitment: str
    leaf_hash: str


class InclusionOut(Schema):
    leaf_index: int
    tree_size: int
    leaf_hash: str
    root_hash: str
    audit_path: list[str]


class ConsistencyOut(Schema):
    first: int
    second: int
    first_root: str
    second_root: str
    consistency: list[str]


@router.get("/heads", response=HeadsOut, auth=None, operation_id=_OPERATION("heads"))
def heads(request, limit: int = 20):
    """The public key and the latest signed tree heads, largest first."""
    found = ledger.ledger_heads(limit=max(1, min(limit, 100)))
    return {"public_key": ledger.public_key_pem(), "format": ledger.FORMAT, "heads": found}


@router.get("/heads/latest", response=HeadOut, auth=None, operation_id=_OPERATION("head_latest"))
def head_latest(request):
    """The latest signed tree head."""
    return ledger.ledger_head()


@router.get("/heads/{size}", response=HeadOut, auth=None, operation_id=_OPERATION("head_by_size"))
def head_by_size(request, size: int):
    """The latest signed tree head over exactly `size` entries."""
    return ledger.ledger_head(size=size)


@router.get("/entries", response=list[EntryOut], auth=None, operation_id=_OPERATION("entries"), exclude_unset=True)
def entries(request, start: int = 0, end: int = ledger.MAX_ENTRIES_PAGE):
    """Published entries with start ≤ seq < end, at most 1,000 at a time."""
    return ledger.ledger_entries(start=start, end=end)


@router.get("/proof/inclusion", response=InclusionOut, auth=None, operation_id=_OPERATION("proof_inclusion"))
def proof_inclusion(request, index: int, size: int):
    """Audit path of entry `index` in the tree of the first `size` entries (RFC 6962 §2.1.1)."""
    return ledger.ledger_inclusion(index=index, size=size)


@router.get("/proof/consistency", response=ConsistencyOut, auth=None, operation_id=_OPERATION("proof_consistency"))
def proof_consistency(request, first: int, second: int):
    """Consistency proof between the trees of `first` and `second` entries (RFC 6962 §2.1.2)."""
    return ledger.ledger_consistency(first=first, second=second)
