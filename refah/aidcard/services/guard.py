"""Defences against guessing card numbers and PINs: the PIN lock per card and the failure throttle per terminal.

A refused card (unknown or mistyped number, wrong PIN, PIN-locked card) gets one answer — the same
status, message and code — after the same work: one PIN hash comparison and one small transaction that
records the failure. So a terminal cannot tell an unknown number from a wrong PIN, nor a locked card
from a wrong PIN. Counters live in the database (row locks), so they hold across worker processes.
Only failures write: the happy path reads the counters with the rows it fetches anyway (the terminal
with its key, the card with its purse).
"""

import datetime as dt
import functools
import math
import secrets
from typing import NoReturn

from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from refah.aidcard import conf, errors
from refah.aidcard.enums import CardStatus
from refah.aidcard.errors import DeclinedError, ThrottledError
from refah.aidcard.luhn import luhn_valid
from refah.aidcard.models import Card, Merchant, Purse, Terminal
from refah.audit.actions import AuditAction
from refah.audit.services import audit_record


@functools.cache
def _dummy_hash() -> str:
    """A PIN hash nobody knows, made with the configured hasher: an unknown card costs the same comparison."""
    return make_password(secrets.token_hex(16))


def terminal_throttle_check(*, terminal: Terminal | None, now: dt.datetime | None = None) -> None:
    """Refuse a terminal that failed too often lately (429); it was read with its key, so this costs no query."""
    if terminal is None or terminal.throttled_until is None:
        return
    now = now or timezone.now()
    if terminal.throttled_until > now:
        seconds = math.ceil((terminal.throttled_until - now).total_seconds())
        raise ThrottledError(errors.ERR_TERMINAL_THROTTLED, retry_after=max(1, seconds))


def card_check(
    *, merchant: Merchant, card_number: str, purse: str, pin: str | None, terminal: Terminal | None = None, actor=None
):
    """(card id, purse id) of a card that may pay: known, right PIN, not PIN-locked, active; one query.

    Anything else but a blocked card with the right PIN is refused with the one answer
    ERR_CARD_NOT_ACCEPTED (402 `card_not_accepted`), and the failure is recorded.
    """
    terminal_throttle_check(terminal=terminal)
    row = _card_fetch(card_number=card_number, purse=purse)
    attempt = {"merchant": merchant, "terminal": terminal, "actor": actor}
    if row is None:
        check_password(pin or "", _dummy_hash())
        _refuse(**attempt, card_id=None, wrong_pin=False, last4=(card_number or "")[-4:])
    card_id, status, pin_hash, failures, locked_at, purse_id = row
    pin_right = check_password(pin or "", pin_hash) if pin_hash else True
    if not pin_right or locked_at is not None:
        _refuse(**attempt, card_id=card_id, wrong_pin=not pin_right)
    if status != CardStatus.ACTIVE:
        raise DeclinedError(errors.ERR_CARD_NOT_ACTIVE, code="card_blocked")
    if failures and not _failures_reset(card_id=card_id):
        raise DeclinedError(errors.ERR_CARD_NOT_ACCEPTED, code="card_not_accepted")  # locked meanwhile
    return card_id, purse_id


def _card_fetch(*, card_number: str, purse: str):
    if not luhn_valid(card_number or ""):
        return None
    purse_id = Purse.objects.filter(household_id=OuterRef("household_id"), kind=purse).values("id")[:1]
    rows = list(
        Card.objects.filter(number=card_number)
        .annotate(purse_id=Subquery(purse_id))
        .values_list("id", "status", "pin_hash", "pin_failures", "pin_locked_at", "purse_id")[:1]
    )
    return rows[0] if rows else None


def _failures_reset(*, card_id) -> bool:
    """A right PIN starts the count again, unless a concurrent wrong PIN locked the card first."""
    return bool(Card.objects.filter(pk=card_id, pin_locked_at__isnull=True).update(pin_failures=0))


def card_refused_if_locked(*, card_id) -> None:
    """After a guarded movement matched nothing: refuse a card that was PIN-locked or blocked meanwhile."""
    status, locked_at = Card.objects.values_list("status", "pin_locked_at").get(pk=card_id)
    if locked_at is not None:
        raise DeclinedError(errors.ERR_CARD_NOT_ACCEPTED, code="card_not_accepted")
    if status != CardStatus.ACTIVE:
        raise DeclinedError(errors.ERR_CARD_NOT_ACTIVE, code="card_blocked")


def _refuse(
    *, merchant: Merchant, terminal: Terminal | None, actor, card_id, wrong_pin: bool, last4: str = ""
) -> NoReturn:
    """Record the failure (its own transaction, committed before the answer) and give the one answer."""
    now = timezone.now()
    with transaction.atomic():
        if terminal is not None:
            _terminal_failure(terminal=terminal, now=now)
        who = terminal if terminal is not None else actor
        if card_id is None:
            audit_record(
                actor=who,
                action=AuditAction.AIDCARD_CARD_UNKNOWN,
                obj=terminal if terminal is not None else merchant,
                after={"merchant": str(merchant.pk), "last4": last4},
            )
        else:
            _card_failure(card_id=card_id, wrong_pin=wrong_pin, merchant=merchant, who=who, now=now)
    raise DeclinedError(errors.ERR_CARD_NOT_ACCEPTED, code="card_not_accepted")


def _card_failure(*, card_id, wrong_pin: bool, merchant: Merchant, who, now: dt.datetime) -> None:
    # FOR NO KEY UPDATE: serialises the wrong PINs of one card without blocking its holds' foreign-key checks.
    card = Card.objects.select_for_update(no_key=True).get(pk=card_id)
    where = {"merchant": str(merchant.pk), "terminal": str(who.pk) if isinstance(who, Terminal) else None}
    if not wrong_pin:  # the right PIN on a PIN-locked card: refused all the same, and recorded
        audit_record(
            actor=who, action=AuditAction.AIDCARD_PIN_LOCKED_USE, obj=card, after=where, household_id=card.household_id
        )
        return
    before = {"pin_failures": card.pin_failures, "pin_locked": card.pin_locked}
    card.pin_failures += 1
    fields = ["pin_failures", "updated_at"]
    locks = card.pin_locked_at is None and card.pin_failures >= conf.pin_attempts()
    if locks:
        card.pin_locked_at, card.pin_locked_merchant = now, merchant
        fields += ["pin_locked_at", "pin_locked_merchant"]
    card.save(update_fields=fields)
    after = {"pin_failures": card.pin_failures, **where}
    audit_record(
        actor=who,
        action=AuditAction.AIDCARD_PIN_WRONG,
        obj=card,
        before=before,
        after=after,
        household_id=card.household_id,
    )
    if locks:
        audit_record(
            actor=who,
            action=AuditAction.AIDCARD_PIN_LOCK,
            obj=card,
            before={"pin_locked": False},
            after={"pin_locked": True, **after},
            household_id=card.household_id,
        )


def _terminal_failure(*, terminal: Terminal, now: dt.datetime) -> None:
    row = Terminal.objects.select_for_update(no_key=True).get(pk=terminal.pk)
    if row.failures_since is None or row.failures_since <= now - conf.terminal_window():
        row.failures, row.failures_since = 1, now
    else:
        row.failures += 1
    throttles = row.failures >= conf.terminal_failures()
    if throttles:
        # Paused for the cool-down, after which the terminal starts counting afresh.
        row.throttled_until = now + conf.terminal_cooldown()
        count, row.failures, row.failures_since = row.failures, 0, None
    row.save(update_fields=["failures", "failures_since", "throttled_until", "updated_at"])
    if throttles:
        audit_record(
            actor=row,
            action=AuditAction.AIDCARD_TERMINAL_THROTTLE,
            obj=row,
            after={"failures": count, "until": row.throttled_until.isoformat(), "merchant": str(row.merchant_id)},
        )
