"""Spending with the card at a merchant: authorise (hold), capture, void, expire, refund, balance.

Every function is scoped to the calling merchant: another merchant's authorisation is "not found".
"""

import datetime as dt
import uuid

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from refah.aidcard import errors
from refah.aidcard.enums import HoldStatus, LineKind, PurseKind
from refah.aidcard.errors import DeclinedError
from refah.aidcard.models import Card, Hold, LedgerLine, Merchant, Purse, Refund, Terminal
from refah.aidcard.services.guard import card_check, card_refused_if_locked
from refah.aidcard.services.ledger import purse_move
from refah.common.errors import ConflictError, NotFoundError, RefahError

HOLD_LIFETIME = dt.timedelta(days=7)


def _positive(amount, field: str = "amount") -> int:
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
        raise RefahError(errors.ERR_AMOUNT_POSITIVE, field=field)
    return amount


def hold_authorise(
    *,
    merchant: Merchant,
    terminal: Terminal | None = None,
    card_number: str,
    purse: str,
    amount: int,
    idempotency_key: str,
    pin: str | None = None,
) -> Hold:
    """Reserve `amount` of the card's purse for this merchant; replaying an idempotency key returns the first hold.

    A refused card (unknown, wrong PIN, PIN-locked) is DeclinedError ERR_CARD_NOT_ACCEPTED, recorded against the
    card and the terminal; a throttled terminal is ThrottledError.
    """
    _positive(amount)
    if purse not in PurseKind.values:
        raise RefahError(errors.ERR_PURSE_UNKNOWN, field="purse")
    card_id, purse_id = card_check(merchant=merchant, card_number=card_number, purse=purse, pin=pin, terminal=terminal)
    return hold_for_card(
        merchant=merchant,
        terminal=terminal,
        card_id=card_id,
        purse_id=purse_id,
        purse=purse,
        amount=amount,
        key=idempotency_key,
    )


def hold_for_card(
    *, merchant: Merchant, terminal: Terminal | None, card_id, purse_id, purse: str, amount: int, key: str
) -> Hold:
    """The hold of a card that card_check() accepted; inside a transaction (market checkout) or on its own."""
    if purse_id is None or not merchant.accepts(purse):
        raise DeclinedError(errors.ERR_CATEGORY, field="purse", code="category_not_allowed")
    args = {"merchant": merchant, "terminal": terminal, "card_id": card_id, "purse_id": purse_id, "amount": amount}
    try:
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            return _hold_new_one_statement(**args, key=key)
        return _hold_new(**args, key=key)
    except IntegrityError:
        return _hold_replay(merchant=merchant, card_id=card_id, purse_id=purse_id, amount=amount, key=key)


@transaction.atomic
def _hold_new(*, merchant, terminal, card_id, purse_id, amount: int, key: str) -> Hold:
    # The hold row goes first so that a replayed key fails on the unique constraint before any money moves.
    hold = Hold.objects.create(
        purse_id=purse_id,
        card_id=card_id,
        merchant=merchant,
        terminal=terminal,
        idempotency_key=key,
        amount=amount,
        expires_at=timezone.now() + HOLD_LIFETIME,
    )
    line = purse_move(
        purse_id=purse_id,
        kind=LineKind.HOLD,
        amount=amount,
        delta_available=-amount,
        delta_held=amount,
        hold_id=hold.pk,
        merchant_id=merchant.pk,
        card_id=card_id,
    )
    if line is None:
        card_refused_if_locked(card_id=card_id)
        raise DeclinedError(errors.ERR_INSUFFICIENT, field="amount", code="insufficient_funds")
    hold.available_after = line.available_after
    return hold


# The same movement as _hold_new + purse_move in one statement, so one round trip instead of five on
# the hot path. The guarded UPDATE decides; the hold and its line are inserted only from its row;
# a replayed key violates the unique constraint and the whole statement (UPDATE included) fails. The card must
# still be active and not PIN-locked when the money moves (a wrong PIN may have locked it since it was read).
_AUTHORISE_SQL = """
WITH p AS (
    UPDATE aidcard_purse SET available = available - %(amount)s, held = held + %(amount)s, updated_at = %(now)s
    WHERE id = %(purse)s AND available >= %(amount)s
      AND EXISTS (SELECT 1 FROM aidcard_card WHERE id = %(card)s AND status = 'active' AND pin_locked_at IS NULL)
    RETURNING id, available, held
), h AS (
    INSERT INTO aidcard_hold (id, created_at, updated_at, purse_id, card_id, merchant_id, terminal_id,
                              idempotency_key, amount, captured, refunded, status, expires_at)
    SELECT %(hold)s, %(now)s, %(now)s, p.id, %(card)s, %(merchant)s, %(terminal)s, %(key)s, %(amount)s, 0, 0,
           'open', %(expires)s FROM p
    RETURNING id
)
INSERT INTO aidcard_ledgerline (at, purse_id, kind, amount, delta_available, delta_held, available_after,
                                held_after, hold_id, load_id, merchant_id)
SELECT %(now)s, p.id, 'hold', %(amount)s, -%(amount)s, %(amount)s, p.available, p.held, h.id, NULL, %(merchant)s
FROM p, h
RETURNING available_after
"""


def _hold_new_one_statement(*, merchant, terminal, card_id, purse_id, amount: int, key: str) -> Hold:
    now = timezone.now()
    hold = Hold(
        id=uuid.uuid4(),
        created_at=now,
        updated_at=now,
        purse_id=purse_id,
        card_id=card_id,
        merchant=merchant,
        terminal=terminal,
        idempotency_key=key,
        amount=amount,
        expires_at=now + HOLD_LIFETIME,
    )
    params = {
        "amount": amount,
        "now": now,
        "purse": purse_id,
        "hold": hold.pk,
        "card": card_id,
        "merchant": merchant.pk,
        "terminal": terminal.pk if terminal else None,
        "key": key,
        "expires": hold.expires_at,
    }
    with connection.cursor() as cursor:
        cursor.execute(_AUTHORISE_SQL, params)
        row = cursor.fetchone()
    if row is None:
        if Hold.objects.filter(merchant=merchant, idempotency_key=key).exists():
            raise IntegrityError("idempotency key already used")  # a retry: answered by _hold_replay
        card_refused_if_locked(card_id=card_id)
        raise DeclinedError(errors.ERR_INSUFFICIENT, field="amount", code="insufficient_funds")
    hold._state.adding = False
    hold.available_after = row[0]
    return hold


def _hold_replay(*, merchant, card_id, purse_id, amount: int, key: str) -> Hold:
    hold = Hold.objects.filter(merchant=merchant, idempotency_key=key).first()
    if hold is None:
        raise RuntimeError("hold insert failed without an existing hold")
    if (hold.card_id, hold.purse_id, hold.amount) != (card_id, purse_id, amount):
        raise ConflictError(errors.ERR_IDEMPOTENCY_CONFLICT, field="idempotency_key", code="idempotency_conflict")
    hold.available_after = Purse.objects.values_list("available", flat=True).get(pk=purse_id)
    return hold


def _hold_locked(*, merchant: Merchant, hold_id) -> Hold:
    try:
        key = uuid.UUID(str(hold_id))
    except ValueError:
        raise NotFoundError(errors.ERR_HOLD_NOT_FOUND) from None
    hold = Hold.objects.select_for_update().filter(pk=key, merchant=merchant).first()
    if hold is None:
        raise NotFoundError(errors.ERR_HOLD_NOT_FOUND)
    return hold


def _move(hold: Hold, kind: LineKind, amount: int, delta_available: int, delta_held: int) -> LedgerLine:
    line = purse_move(
        purse_id=hold.purse_id,
        kind=kind,
        amount=amount,
        delta_available=delta_available,
        delta_held=delta_held,
        hold_id=hold.pk,
        merchant_id=hold.merchant_id,
    )
    if line is None:  # the hold's money is in `held`; missing money here is a broken invariant
        raise RuntimeError(f"purse {hold.purse_id} cannot cover hold {hold.pk}")
    return line


@transaction.atomic
def hold_capture(*, merchant: Merchant, hold_id, amount: int | None = None) -> Hold:
    """Take all or part of an open hold; the rest goes back to the purse. A retried identical capture is a no-op."""
    hold = _hold_locked(merchant=merchant, hold_id=hold_id)
    amount = hold.amount if amount is None else _positive(amount)
    if hold.status == HoldStatus.CAPTURED and hold.captured == amount:
        return hold
    if hold.status != HoldStatus.OPEN:
        raise ConflictError(errors.ERR_HOLD_NOT_OPEN, code="hold_not_open")
    if amount > hold.amount:
        raise ConflictError(errors.ERR_OVER_CAPTURE, field="amount", code="over_capture")
    _move(hold, LineKind.CAPTURE, amount, 0, -amount)
    rest = hold.amount - amount
    if rest:
        _move(hold, LineKind.RELEASE, rest, rest, -rest)
    hold.status, hold.captured = HoldStatus.CAPTURED, amount
    hold.save(update_fields=["status", "captured", "updated_at"])
    return hold


def _release(hold: Hold, status: HoldStatus) -> Hold:
    _move(hold, LineKind.RELEASE, hold.amount, hold.amount, -hold.amount)
    hold.status = status
    hold.save(update_fields=["status", "updated_at"])
    return hold


@transaction.atomic
def hold_void(*, merchant: Merchant, hold_id) -> Hold:
    """Cancel an open hold: its whole amount goes back to the purse. Voiding twice is a no-op."""
    hold = _hold_locked(merchant=merchant, hold_id=hold_id)
    if hold.status == HoldStatus.VOIDED:
        return hold
    if hold.status != HoldStatus.OPEN:
        raise ConflictError(errors.ERR_HOLD_NOT_OPEN, code="hold_not_open")
    return _release(hold, HoldStatus.VOIDED)


def holds_expire(*, now: dt.datetime | None = None) -> int:
    """Release every open hold past its expiry (run from a scheduler); returns how many expired."""
    now = now or timezone.now()
    count = 0
    for hold_id in Hold.objects.filter(status=HoldStatus.OPEN, expires_at__lte=now).values_list("pk", flat=True):
        with transaction.atomic():
            hold = Hold.objects.select_for_update().get(pk=hold_id)
            if hold.status == HoldStatus.OPEN:
                _release(hold, HoldStatus.EXPIRED)
                count += 1
    return count


@transaction.atomic
def hold_refund(*, merchant: Merchant, hold_id, amount: int, reference: str) -> Refund:
    """Give back part or all of what was captured, never more; the same reference refunds once."""
    _positive(amount)
    hold = _hold_locked(merchant=merchant, hold_id=hold_id)
    existing = Refund.objects.filter(hold=hold, reference=reference).first()
    if existing is not None:
        if existing.amount != amount:
            raise ConflictError(errors.ERR_IDEMPOTENCY_CONFLICT, field="reference", code="idempotency_conflict")
        return existing
    if hold.status != HoldStatus.CAPTURED or amount > hold.captured - hold.refunded:
        raise ConflictError(errors.ERR_OVER_REFUND, field="amount", code="over_refund")
    refund = Refund.objects.create(hold=hold, reference=reference, amount=amount)
    _move(hold, LineKind.REFUND, amount, amount, 0)
    hold.refunded += amount
    hold.save(update_fields=["refunded", "updated_at"])
    return refund


def card_balance(
    *, merchant: Merchant, card_number: str, pin: str | None = None, terminal: Terminal | None = None
) -> list[Purse]:
    """The purses of an active card that this merchant accepts, with what is available; refused as hold_authorise."""
    card_id, _ = card_check(
        merchant=merchant, card_number=card_number, purse=PurseKind.GENERAL, pin=pin, terminal=terminal
    )
    household_id = Card.objects.values_list("household_id", flat=True).get(pk=card_id)
    return [p for p in Purse.objects.filter(household_id=household_id) if merchant.accepts(p.kind)]
