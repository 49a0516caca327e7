"""Appending to the ledger inside the caller's transaction, and signing tree heads as the log grows."""

import datetime as dt
import functools
import re
import secrets
import time

from django.conf import settings
from django.db import transaction
from django.tasks import task

from refah.audit.ledger.encoding import canonical_json, commitment, entry_public, leaf_bytes, tree_head_message
from refah.audit.ledger.errors import BAD_AMOUNT, BAD_FIELD, BAD_KIND, BAD_REF, NOT_IN_TRANSACTION
from refah.audit.ledger.keys import key_id, signing_key
from refah.audit.ledger.merkle import frontier_append, leaf_hash, root_from_frontier
from refah.audit.ledger.models import LedgerEntry, LedgerPrivate, LedgerState, TreeHead
from refah.common.timers import enqueue_unless_pending

SIGN_EVERY_DEFAULT = 1000
SIGN_SECONDS_DEFAULT = 60

_KIND = re.compile(r"^[a-z][a-z0-9_.-]{0,31}$")
_MAX_LENGTHS = {"program": 64, "period": 16, "office_code": 32, "model": 160}


def ledger_append(
    *,
    kind: str,
    ref: str,
    data: dict,
    program: str | None = None,
    period: str | None = None,
    amount_kurus: int | None = None,
    office_code: str | None = None,
    model: str | None = None,
) -> LedgerEntry:
    """Append one entry (idempotent per kind and ref); call inside the transaction of the change it records.

    `data` is private (household id, person, amounts…): only SHA-256(salt || canonical JSON) is published.
    `model` (public, optional): the advisory model whose proposal was shown, "<version> <hash prefix>"; in the
    leaf only when given (encoding.OPTIONAL_LEAF_FIELDS).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(NOT_IN_TRANSACTION)
    _validate(
        kind=kind,
        ref=ref,
        amount_kurus=amount_kurus,
        program=program,
        period=period,
        office_code=office_code,
        model=model,
    )
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
        model=model or "",
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
    _sign_after_commit(state)
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


def head_due_ms(*, last_head_ms: int) -> int:
    """When the next head is due (ms since the epoch) for entries appended after a head signed at `last_head_ms`."""
    return last_head_ms + getattr(settings, "REFAH_LEDGER_SIGN_SECONDS", SIGN_SECONDS_DEFAULT) * 1000


def _sign_after_commit(state: LedgerState) -> None:
    """Once per transaction that appended: on commit, schedule a head for what the last head left uncovered.

    The hook is registered once per list of commit hooks (Django starts a new list after each commit or rollback), so a
    transaction of a million appends costs one check here per append and one enqueue after commit, not one per entry."""
    connection = transaction.get_connection()
    connection.refah_ledger_state = (state.size, state.last_head_size, state.last_head_ms)
    if getattr(connection, "refah_ledger_hooks", None) is not connection.run_on_commit:
        transaction.on_commit(functools.partial(_sign_schedule, connection), robust=True)
        connection.refah_ledger_hooks = connection.run_on_commit


def _sign_schedule(connection) -> None:
    size, last_head_size, last_head_ms = connection.refah_ledger_state
    if size > last_head_size:
        due = dt.datetime.fromtimestamp(head_due_ms(last_head_ms=last_head_ms) / 1000, tz=dt.UTC)
        enqueue_unless_pending(ledger_sign_task, run_after=max(due, dt.datetime.now(dt.UTC)))


def _now_ms() -> int:
    return time.time_ns() // 1_000_000


def ledger_sign(*, force: bool = False) -> TreeHead | None:
    """Sign a tree head over the whole log now; None if the last head already covers every entry (unless force)."""
    with transaction.atomic():
        state = _locked_state()
        if state.last_head_size == state.size and state.last_head_ms and not force:
            return None
        head = _sign(state)
        state.save(update_fields=["last_head_size", "last_head_ms"])
        return head


@task
def ledger_sign_task() -> int | None:
    """Sign a head over the entries appended since the last one (enqueued after appends); the size it covers."""
    head = ledger_sign()
    return head.tree_size if head else None


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
