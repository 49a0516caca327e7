"""How entries and tree heads are written down: canonical JSON, leaves, commitments, the signed head message.

Everything here is what an outside auditor recomputes; see docs/ledger.md.
"""

import datetime as dt
import decimal
import hashlib
import json
import struct
import uuid

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from refah.audit.ledger.models import LedgerEntry, TreeHead

FORMAT = "refah-ledger/1"
LEAF_FIELDS = ("seq", "kind", "program", "period", "amount_kurus", "office_code", "time", "commitment")
# Public fields in a leaf only when set: an entry without them has exactly the leaf it always had, so every earlier
# leaf, tree head and proof stays byte-identical. `model`: the advisory model whose proposal the decision was shown
# ("<version> <SHA-256 of the weights, 64 hex digits>", refah.eligibility.proposals.Proposal.model_ref).
OPTIONAL_LEAF_FIELDS = ("model",)


def canonical_json(value) -> bytes:
    """UTF-8 JSON with sorted keys and no whitespace; dates, UUIDs and Decimals as strings."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_json_default).encode()


def _json_default(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (uuid.UUID, decimal.Decimal)):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable in a ledger entry")


def format_time(value: dt.datetime) -> str:
    """An entry's time as it appears in its leaf: UTC, microseconds, 'Z'."""
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def entry_public(entry: LedgerEntry) -> dict:
    """The published fields of an entry (its leaf) plus its leaf hash; never ref or private details."""
    leaf = {
        "seq": entry.seq,
        "kind": entry.kind,
        "program": entry.program or None,
        "period": entry.period or None,
        "amount_kurus": entry.amount_kurus,
        "office_code": entry.office_code or None,
        "time": format_time(entry.time),
        "commitment": entry.commitment,
    }
    leaf.update({field: getattr(entry, field) for field in OPTIONAL_LEAF_FIELDS if getattr(entry, field, "")})
    return {**leaf, "leaf_hash": entry.leaf_hash}


def leaf_bytes(public: dict) -> bytes:
    """The leaf of the Merkle tree: canonical JSON of exactly LEAF_FIELDS, plus each of OPTIONAL_LEAF_FIELDS that is
    set (present and not null or empty)."""
    leaf = {field: public[field] for field in LEAF_FIELDS}
    leaf.update({field: public[field] for field in OPTIONAL_LEAF_FIELDS if public.get(field)})
    return canonical_json(leaf)


def commitment(salt_hex: str, details: str) -> str:
    """SHA-256(salt || canonical JSON of the private details), hex."""
    return hashlib.sha256(bytes.fromhex(salt_hex) + details.encode()).hexdigest()


def tree_head_message(tree_size: int, root_hash: bytes, timestamp_ms: int) -> bytes:
    """What is signed: RFC 6962 §3.5 TreeHeadSignature (version 0, type tree_hash 1, timestamp, size, root)."""
    return struct.pack(">BBQQ", 0, 1, timestamp_ms, tree_size) + root_hash


def verify_head_signature(head: dict, public_key: Ed25519PublicKey) -> bool:
    """Is head's Ed25519 signature over (tree_size, root_hash, timestamp) valid under public_key?"""
    try:
        message = tree_head_message(int(head["tree_size"]), bytes.fromhex(head["root_hash"]), int(head["timestamp_ms"]))
        public_key.verify(bytes.fromhex(head["signature"]), message)
    except (InvalidSignature, ValueError, KeyError, TypeError, struct.error):
        return False
    return True


def head_public(head: TreeHead) -> dict:
    """A tree head as published."""
    return {
        "tree_size": head.tree_size,
        "root_hash": head.root_hash,
        "timestamp_ms": head.timestamp_ms,
        "key_id": head.key_id,
        "signature": head.signature,
    }
