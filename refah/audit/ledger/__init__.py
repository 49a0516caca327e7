"""The public ledger: every decision and payment appended to an RFC 6962 Merkle-tree log with signed tree heads.

Write with ledger_append() inside your service's transaction; the format and the auditor's side are in
docs/ledger.md. A leaf is the canonical JSON of public fields plus a salted commitment to the private details,
so the log can be published without personal data.

append: ledger_append and signing heads; encoding: leaves, commitments, the signed message; keys: the signing
key; reads: proofs, receipts, public totals; export: the JSONL file; verify: checking the log or an export;
merkle: the RFC 6962 tree maths; models: the tables (app label audit: refah/audit/models.py imports them so
Django finds them); api, urls, views: the public JSON API and page, mounted by config/api.py and config/urls.py.
"""

from refah.audit.ledger.append import SIGN_EVERY_DEFAULT, SIGN_SECONDS_DEFAULT, _now_ms, ledger_append, ledger_sign
from refah.audit.ledger.encoding import (
    FORMAT,
    LEAF_FIELDS,
    canonical_json,
    commitment,
    entry_public,
    format_time,
    head_public,
    leaf_bytes,
    tree_head_message,
    verify_head_signature,
)
from refah.audit.ledger.errors import (
    ALTERED,
    BAD_AMOUNT,
    BAD_FIELD,
    BAD_KIND,
    BAD_REF,
    BAD_SIGNATURE,
    COUNTER_MISMATCH,
    INCONSISTENT_HEADS,
    MALFORMED,
    NOT_IN_TRANSACTION,
    PRIVATE_MISMATCH,
    REMOVED_OR_REORDERED,
    ROOT_MISMATCH,
    TRUNCATED,
)
from refah.audit.ledger.export import ledger_export, read_export
from refah.audit.ledger.keys import key_id, load_public_key, public_key_pem, signing_key
from refah.audit.ledger.merkle import leaf_hash
from refah.audit.ledger.reads import (
    MAX_ENTRIES_PAGE,
    MIN_PUBLISHED_COUNT,
    ledger_consistency,
    ledger_coverage,
    ledger_entries,
    ledger_head,
    ledger_heads,
    ledger_inclusion,
    ledger_receipt,
    ledger_size,
    ledger_totals,
    ledger_tree,
)
from refah.audit.ledger.verify import Problem, VerifyReport, ledger_verify, verify_log

# _now_ms: tests stamp forged heads with the ledger clock; leaf_hash: callers hash leaves as the ledger does.
__all__ = [
    "ALTERED",
    "BAD_AMOUNT",
    "BAD_FIELD",
    "BAD_KIND",
    "BAD_REF",
    "BAD_SIGNATURE",
    "COUNTER_MISMATCH",
    "FORMAT",
    "INCONSISTENT_HEADS",
    "LEAF_FIELDS",
    "MALFORMED",
    "MAX_ENTRIES_PAGE",
    "MIN_PUBLISHED_COUNT",
    "NOT_IN_TRANSACTION",
    "PRIVATE_MISMATCH",
    "Problem",
    "REMOVED_OR_REORDERED",
    "ROOT_MISMATCH",
    "SIGN_EVERY_DEFAULT",
    "SIGN_SECONDS_DEFAULT",
    "TRUNCATED",
    "VerifyReport",
    "_now_ms",
    "canonical_json",
    "commitment",
    "entry_public",
    "format_time",
    "head_public",
    "key_id",
    "leaf_bytes",
    "leaf_hash",
    "ledger_append",
    "ledger_consistency",
    "ledger_coverage",
    "ledger_entries",
    "ledger_export",
    "ledger_head",
    "ledger_heads",
    "ledger_inclusion",
    "ledger_receipt",
    "ledger_sign",
    "ledger_size",
    "ledger_totals",
    "ledger_tree",
    "ledger_verify",
    "load_public_key",
    "public_key_pem",
    "read_export",
    "signing_key",
    "tree_head_message",
    "verify_head_signature",
    "verify_log",
]
