"""The public ledger: every decision and payment appended to an RFC 6962 Merkle-tree log with signed tree heads.

Write with ledger_append() inside your service's transaction; the format and the auditor's side are in
docs/ledger.md. A leaf is the canonical JSON of public fields plus a salted commitment to the private details,
so the log can be published without personal data.
"""

import datetime as dt
import decimal
import hashlib
import json
import os
import re
import secrets
import struct
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.db import transaction
from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from refah.audit.merkle import MerkleTree, frontier_append, leaf_hash, root_from_frontier, verify_consistency
from refah.audit.models_ledger import LedgerEntry, LedgerPrivate, LedgerState, TreeHead
from refah.common.errors import NotFoundError, RefahError

FORMAT = "refah-ledger/1"
LEAF_FIELDS = ("seq", "kind", "program", "period", "amount_kurus", "office_code", "time", "commitment")
SIGN_EVERY_DEFAULT = 1000
SIGN_SECONDS_DEFAULT = 60
MAX_ENTRIES_PAGE = 1000
MIN_PUBLISHED_COUNT = 5

NOT_IN_TRANSACTION = "ledger_append() must be called inside the caller's transaction"
BAD_KIND = "Ledger kind must be 1–32 characters of a–z, 0–9, '_', '-', '.' starting with a letter: {!r}"
BAD_REF = "Ledger ref must be a non-empty string of at most 64 characters: {!r}"
BAD_AMOUNT = "amount_kurus must be an integer number of kuruş or None: {!r}"
BAD_FIELD = "Ledger field {} is longer than {} characters: {!r}"

REMOVED_OR_REORDERED = "entry at position {} has sequence number {}: an entry was removed or reordered"
MALFORMED = "entry at position {} is malformed"
ALTERED = "entry {} was altered: its fields do not hash to its leaf hash"
BAD_SIGNATURE = "tree head over {} entries: signature invalid or key unknown (forged or altered head)"
TRUNCATED = "a signed tree head covers {} entries but the log has {}: entries were removed"
ROOT_MISMATCH = "the first {} entries do not hash to the signed root: an entry from position {} on was altered"
INCONSISTENT_HEADS = "tree heads over {} and {} entries are not consistent"
COUNTER_MISMATCH = "the ledger counter says {} entries: entries were removed"
PRIVATE_MISMATCH = "entry {}: the private details do not open its commitment"

_KIND = re.compile(r"^[a-z][a-z0-9_.-]{0,31}$")
_MAX_LENGTHS = {"program": 64, "period": 16, "office_code": 32}


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
    return {**leaf, "leaf_hash": entry.leaf_hash}


def leaf_bytes(public: dict) -> bytes:
    """The leaf of the Merkle tree: canonical JSON of exactly LEAF_FIELDS."""
    return canonical_json({field: public[field] for field in LEAF_FIELDS})


def commitment(salt_hex: str, details: str) -> str:
    """SHA-256(salt || canonical JSON of the private details), hex."""
    return hashlib.sha256(bytes.fromhex(salt_hex) + details.encode()).hexdigest()


# --- appending ---------------------------------------------------------------------------------------------


def ledger_append(
    *,
    kind: str,
    ref: str,
    data: dict,
    program: str | None = None,
    period: str | None = None,
    amount_kurus: int | None = None,
    office_code: str | None = None,
) -> LedgerEntry:
    """Append one entry (idempotent per kind and ref); call inside the transaction of the change it records.

    `data` is private (household id, person, amounts…): only SHA-256(salt || canonical JSON) is published.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(NOT_IN_TRANSACTION)
    _validate(kind=kind, ref=ref, amount_kurus=amount_kurus, program=program, period=period, office_code=office_code)
    state = _locked_state()
    existing = LedgerEntry.objects.filter(kind=kind, ref=ref).first()
    if existing is not None:
        return existing
    salt = secrets.token_bytes(32).hex()
    details = canonical_json({"kind": kind, "ref": ref, "data": data}).decode()
    entry = LedgerEntry(
        seq=state.size,
        kind=kind,
        ref=ref,
        program=program or "",
        period=period or "",
        amount_kurus=amount_kurus,
        office_code=office_code or "",
        time=dt.datetime.now(dt.UTC),
        commitment=commitment(salt, details),
    )
    digest = leaf_hash(leaf_bytes(entry_public(entry)))
    entry.leaf_hash = digest.hex()
    entry.save(force_insert=True)
    LedgerPrivate.objects.create(entry=entry, salt=salt, details=details)
    state.frontier = [h.hex() for h in frontier_append(_frontier(state), state.size, digest)]
    state.size += 1
    if _head_due(state):
        _sign(state)
    state.save(update_fields=["size", "frontier", "last_head_size", "last_head_ms"])
    return entry


def _validate(*, kind, ref, amount_kurus, **fields) -> None:
    if not isinstance(kind, str) or not _KIND.match(kind):
        raise ValueError(BAD_KIND.format(kind))
    if not isinstance(ref, str) or not 0 < len(ref) <= 64:
        raise ValueError(BAD_REF.format(ref))
    if amount_kurus is not None and (isinstance(amount_kurus, bool) or not isinstance(amount_kurus, int)):
        raise ValueError(BAD_AMOUNT.format(amount_kurus))
    for name, value in fields.items():
        if value is not None and len(str(value)) > _MAX_LENGTHS[name]:
            raise ValueError(BAD_FIELD.format(name, _MAX_LENGTHS[name], value))


def _locked_state() -> LedgerState:
    """The single state row, locked until the caller's transaction ends: appends are serialised here."""
    try:
        return LedgerState.objects.select_for_update().get(pk=1)
    except LedgerState.DoesNotExist:
        LedgerState.objects.bulk_create([LedgerState(pk=1)], ignore_conflicts=True)
        return LedgerState.objects.select_for_update().get(pk=1)


def _frontier(state: LedgerState) -> list[bytes]:
    return [bytes.fromhex(h) for h in state.frontier]


def _head_due(state: LedgerState) -> bool:
    every = getattr(settings, "REFAH_LEDGER_SIGN_EVERY", SIGN_EVERY_DEFAULT)
    seconds = getattr(settings, "REFAH_LEDGER_SIGN_SECONDS", SIGN_SECONDS_DEFAULT)
    return state.size - state.last_head_size >= every or _now_ms() - state.last_head_ms >= seconds * 1000


def _now_ms() -> int:
    return time.time_ns() // 1_000_000


# --- signed tree heads -------------------------------------------------------------------------------------


def tree_head_message(tree_size: int, root_hash: bytes, timestamp_ms: int) -> bytes:
    """What is signed: RFC 6962 §3.5 TreeHeadSignature (version 0, type tree_hash 1, timestamp, size, root)."""
    return struct.pack(">BBQQ", 0, 1, timestamp_ms, tree_size) + root_hash


def ledger_sign(*, force: bool = False) -> TreeHead | None:
    """Sign a tree head over the whole log now; None if the last head already covers every entry (unless force)."""
    with transaction.atomic():
        state = _locked_state()
        if state.last_head_size == state.size and state.last_head_ms and not force:
            return None
        head = _sign(state)
        state.save(update_fields=["last_head_size", "last_head_ms"])
        return head


def _sign(state: LedgerState) -> TreeHead:
    root = root_from_frontier(_frontier(state))
    timestamp_ms = max(_now_ms(), state.last_head_ms)
    signature = signing_key().sign(tree_head_message(state.size, root, timestamp_ms))
    state.last_head_size, state.last_head_ms = state.size, timestamp_ms
    return TreeHead.objects.create(
        tree_size=state.size,
        root_hash=root.hex(),
        timestamp_ms=timestamp_ms,
        key_id=key_id(signing_key().public_key()),
        signature=signature.hex(),
    )


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


# --- keys --------------------------------------------------------------------------------------------------

_key_cache: dict[tuple, Ed25519PrivateKey] = {}


def signing_key() -> Ed25519PrivateKey:
    """The Ed25519 key from settings.REFAH_LEDGER_SIGNING_KEY (PEM or a path), else VAR_DIR/ledger/, made once."""
    configured = getattr(settings, "REFAH_LEDGER_SIGNING_KEY", None)
    cache_key = (configured, str(settings.VAR_DIR))
    if cache_key not in _key_cache:
        if configured and configured.lstrip().startswith("-----BEGIN"):
            pem = configured.encode()
        elif configured:
            pem = Path(configured).read_bytes()
        else:
            pem = _generated_key_pem(Path(settings.VAR_DIR) / "ledger" / "signing_key.pem")
        key = serialization.load_pem_private_key(pem, password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError("REFAH_LEDGER_SIGNING_KEY is not an Ed25519 private key")
        _key_cache[cache_key] = key
    return _key_cache[cache_key]


def _generated_key_pem(path: Path) -> bytes:
    """Read the key at path, or create it (mode 0600) atomically so two processes never make two keys."""
    if path.exists():
        return path.read_bytes()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(pem)
    try:
        os.link(tmp, path)
    except FileExistsError:
        pass
    finally:
        tmp.unlink()
    return path.read_bytes()


def public_key_pem(key: Ed25519PublicKey | None = None) -> str:
    """The ledger's public key (SubjectPublicKeyInfo PEM), as published."""
    key = key or signing_key().public_key()
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def key_id(key: Ed25519PublicKey) -> str:
    """SHA-256 of the raw 32-byte public key, hex: names the key that signed a head."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def load_public_key(pem: str | bytes) -> Ed25519PublicKey:
    """An Ed25519 public key from PEM."""
    key = serialization.load_pem_public_key(pem.encode() if isinstance(pem, str) else pem)
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("not an Ed25519 public key")
    return key


# --- reads -------------------------------------------------------------------------------------------------


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


def ledger_heads(*, limit: int = 20) -> list[TreeHead]:
    """The latest signed tree heads, largest first."""
    return list(TreeHead.objects.order_by("-tree_size", "-id")[:limit])


def ledger_head(*, size: int | None = None) -> TreeHead:
    """The latest signed tree head, or the latest one over exactly `size` entries."""
    heads = TreeHead.objects.order_by("-tree_size", "-id")
    head = (heads.filter(tree_size=size) if size is not None else heads).first()
    if head is None:
        raise NotFoundError(_("No signed tree head of that size."), field="size", code="not_found")
    return head


def ledger_entries(*, start: int, end: int) -> list[dict]:
    """Published entries with start ≤ seq < end (at most MAX_ENTRIES_PAGE)."""
    if start < 0 or end < start:
        raise RefahError(_("Ask for 0 ≤ start ≤ end."), field="start")
    end = min(end, start + MAX_ENTRIES_PAGE)
    return [entry_public(e) for e in LedgerEntry.objects.filter(seq__gte=start, seq__lt=end).order_by("seq")]


def ledger_inclusion(*, index: int, size: int) -> dict:
    """The audit path of entry `index` in the tree of the first `size` entries, with that tree's root."""
    if not 0 <= index < size <= ledger_size():
        raise RefahError(_("Ask for 0 ≤ index < size ≤ the log's size."), field="index")
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
        raise RefahError(_("Ask for 0 ≤ first ≤ second ≤ the log's size."), field="first")
    tree = ledger_tree(size=second)
    return {
        "first": first,
        "second": second,
        "first_root": tree.root(first).hex(),
        "second_root": tree.root(second).hex(),
        "consistency": [p.hex() for p in tree.consistency_proof(first, second)],
    }


def ledger_totals(*, min_count: int = MIN_PUBLISHED_COUNT) -> list[dict]:
    """Count and sum of amounts per kind, program and period; cells under min_count entries are suppressed."""
    rows = (
        LedgerEntry.objects.values("kind", "program", "period")
        .annotate(count=Count("seq"), amount_kurus=Sum("amount_kurus"))
        .order_by("program", "-period", "kind")
    )
    return [_suppressed(row) if row["count"] < min_count else {**row, "suppressed": False} for row in rows]


def _suppressed(row: dict) -> dict:
    return {**row, "count": None, "amount_kurus": None, "suppressed": True}


def ledger_receipt(*, kind: str, ref: str) -> dict:
    """What a citizen or auditor needs to prove one entry: its leaf, salt and details, and its audit path.

    Private: hand it only to the household concerned or to an auditor, never publish it.
    """
    entry = LedgerEntry.objects.select_related("private").filter(kind=kind, ref=ref).first()
    if entry is None:
        raise NotFoundError(_("No ledger entry for that reference."), field="ref", code="not_found")
    head = TreeHead.objects.filter(tree_size__gt=entry.seq).order_by("-tree_size", "-id").first()
    proof = ledger_inclusion(index=entry.seq, size=head.tree_size) if head else None
    return {
        "entry": entry_public(entry),
        "salt": entry.private.salt,
        "details": entry.private.details,
        "tree_head": head_public(head) if head else None,
        "inclusion": proof,
    }


# --- export and verification -------------------------------------------------------------------------------


def ledger_export(stream: TextIO) -> dict:
    """Write the public log as JSONL: a header with the public key, the signed heads, then every entry."""
    with transaction.atomic():
        size = ledger_size()
        heads = [head_public(h) for h in TreeHead.objects.filter(tree_size__lte=size).order_by("tree_size", "id")]
        header = {"type": "ledger", "format": FORMAT, "size": size, "public_key": public_key_pem()}
        stream.write(json.dumps(header, ensure_ascii=False) + "\n")
        for head in heads:
            stream.write(json.dumps({"type": "head", **head}) + "\n")
        entries = LedgerEntry.objects.filter(seq__lt=size).order_by("seq").iterator(chunk_size=5000)
        for entry in entries:
            stream.write(json.dumps({"type": "entry", **entry_public(entry)}, ensure_ascii=False) + "\n")
    return {"size": size, "heads": len(heads)}


def read_export(path: Path) -> tuple[dict, list[dict], Iterator[dict]]:
    """(header, heads, entries in file order) of an exported log; entries are read lazily, in a second pass."""
    header, heads = {}, []
    with path.open(encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            if record.get("type") == "ledger":
                header = record
            elif record.get("type") == "head":
                heads.append(record)

    def entries() -> Iterator[dict]:
        with path.open(encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                if record.get("type") == "entry":
                    yield record

    return header, heads, entries()


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
