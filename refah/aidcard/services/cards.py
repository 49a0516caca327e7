"""Cards and loads: issue, block, replace (balances kept), and purse_load for the programs."""

from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction
from django.utils import timezone

from refah.accounts.selectors import jurisdiction_q
from refah.aidcard import errors
from refah.aidcard.enums import BlockReason, CardStatus, LineKind, PurseKind
from refah.aidcard.luhn import card_number_new
from refah.aidcard.models import Card, Purse, PurseLoad
from refah.aidcard.services.ledger import purse_move
from refah.audit.actions import AuditAction
from refah.audit.services import audit_record
from refah.common.errors import ConflictError, NotFoundError, PermissionDeniedError, RefahError
from refah.registry.models import Household


def require_perm(actor, perm: str) -> None:
    if actor is None or not actor.has_perm(perm):
        raise PermissionDeniedError(errors.ERR_NO_PERMISSION)


def require_household_visible(actor, household: Household) -> None:
    """Outside the actor's jurisdiction a household does not exist for them."""
    if not Household.objects.filter(jurisdiction_q(actor), pk=household.pk).exists():
        raise NotFoundError(errors.ERR_CARD_NOT_FOUND)


def _pin_hash(pin: str | None) -> str:
    if not pin:
        return ""
    if not (pin.isdigit() and 4 <= len(pin) <= 6):
        raise RefahError(errors.ERR_PIN_FORMAT, field="pin")
    return make_password(pin)


def purses_ensure(*, household: Household) -> list[Purse]:
    """Create the missing purses of a household (one per kind); return them all."""
    for kind in PurseKind.values:
        Purse.objects.get_or_create(household=household, kind=kind)
    return list(Purse.objects.filter(household=household))


def _balances(household: Household) -> dict:
    return {p.kind: {"available": p.available, "held": p.held} for p in Purse.objects.filter(household=household)}


def _card_new(*, household: Household, pin: str | None, replaces: Card | None = None) -> tuple[Card, str]:
    number = card_number_new()
    card = Card(household=household, number=number, last4=number[-4:], pin_hash=_pin_hash(pin), replaces=replaces)
    card.full_clean(exclude=["replaces"])
    card.save()
    return card, number


@transaction.atomic
def card_issue(*, actor, household: Household, pin: str | None = None) -> tuple[Card, str]:
    """Issue the household's card and open its purses. Returns the card and its full number, shown once."""
    require_perm(actor, "aidcard.issue_card")
    require_household_visible(actor, household)
    if Card.objects.filter(household=household, status=CardStatus.ACTIVE).exists():
        raise ConflictError(errors.ERR_CARD_EXISTS)
    card, number = _card_new(household=household, pin=pin)
    purses_ensure(household=household)
    audit_record(
        actor=actor,
        action=AuditAction.AIDCARD_ISSUE,
        obj=card,
        after={"last4": card.last4, "pin": bool(card.pin_hash)},
        household_id=household.pk,
    )
    return card, number


@transaction.atomic
def card_block(*, actor, card: Card, reason: str) -> Card:
    """Block an active card (lost, stolen…); it can no longer authorise. The purses stay as they are."""
    require_perm(actor, "aidcard.block_card")
    require_household_visible(actor, card.household)
    if reason not in BlockReason.values:
        raise RefahError(errors.ERR_BLOCK_REASON, field="reason")
    updated = Card.objects.filter(pk=card.pk, status=CardStatus.ACTIVE).update(
        status=CardStatus.BLOCKED, blocked_at=timezone.now(), block_reason=reason, updated_at=timezone.now()
    )
    if not updated:
        raise ConflictError(errors.ERR_CARD_NOT_ACTIVE)
    card.refresh_from_db()
    audit_record(
        actor=actor,
        action=AuditAction.AIDCARD_BLOCK,
        obj=card,
        before={"status": CardStatus.ACTIVE},
        after={"status": card.status, "reason": reason},
        household_id=card.household_id,
    )
    return card


@transaction.atomic
def card_pin_unblock(*, actor, card: Card, pin: str | None = None) -> Card:
    """Unlock a card that wrong PINs locked (after staff checked the holder); with `pin`, the PIN changes too."""
    require_perm(actor, "aidcard.unblock_card_pin")
    require_household_visible(actor, card.household)
    locked = Card.objects.select_for_update(no_key=True).get(pk=card.pk)
    if locked.pin_locked_at is None:
        raise ConflictError(errors.ERR_CARD_NOT_PIN_LOCKED, code="card_not_pin_locked")
    new_hash = _pin_hash(pin)
    before = {
        "pin_failures": locked.pin_failures,
        "pin_locked_at": locked.pin_locked_at.isoformat(),
        "merchant": str(locked.pin_locked_merchant_id),
    }
    locked.pin_failures, locked.pin_locked_at, locked.pin_locked_merchant = 0, None, None
    fields = ["pin_failures", "pin_locked_at", "pin_locked_merchant", "updated_at"]
    if new_hash:
        locked.pin_hash = new_hash
        fields.append("pin_hash")
    locked.save(update_fields=fields)
    after = {"pin_failures": 0, "pin_locked": False, "pin_changed": bool(new_hash)}
    audit_record(
        actor=actor,
        action=AuditAction.AIDCARD_PIN_UNBLOCK,
        obj=locked,
        before=before,
        after=after,
        household_id=locked.household_id,
    )
    return locked


@transaction.atomic
def card_replace(*, actor, card: Card, pin: str | None = None, reason: str = BlockReason.LOST) -> tuple[Card, str]:
    """A new card number for the household; the old card is retired and the purses carry over untouched."""
    require_perm(actor, "aidcard.issue_card")
    require_household_visible(actor, card.household)
    now = timezone.now()
    old = Card.objects.select_for_update().get(pk=card.pk)
    if old.status == CardStatus.REPLACED:
        raise ConflictError(errors.ERR_CARD_NOT_ACTIVE)
    Card.objects.filter(pk=old.pk).update(
        status=CardStatus.REPLACED,
        blocked_at=old.blocked_at or now,
        block_reason=old.block_reason or reason,
        updated_at=now,
    )
    new, number = _card_new(household=old.household, pin=pin, replaces=old)
    audit_record(
        actor=actor,
        action=AuditAction.AIDCARD_REPLACE,
        obj=new,
        before={"card": str(old.pk), "last4": old.last4, "status": old.status},
        after={"last4": new.last4, "balances": _balances(old.household)},
        household_id=old.household_id,
    )
    return new, number


def purse_load(*, actor, household: Household, purse: str, amount_kurus: int, source_ref: str) -> PurseLoad:
    """Credit a household's purse (kuruş; points for the market purse). Idempotent by source_ref.

    Loading the same source_ref again returns the first load and credits nothing; the same
    source_ref with a different household, purse or amount is refused (ConflictError).
    """
    if purse not in PurseKind.values:
        raise RefahError(errors.ERR_PURSE_UNKNOWN, field="purse")
    if not isinstance(amount_kurus, int) or isinstance(amount_kurus, bool) or amount_kurus <= 0:
        raise RefahError(errors.ERR_AMOUNT_POSITIVE, field="amount_kurus")
    existing = _load_existing(source_ref=source_ref, household=household, purse=purse, amount=amount_kurus)
    if existing is not None:
        return existing
    try:
        return _load_new(actor=actor, household=household, purse=purse, amount=amount_kurus, source_ref=source_ref)
    except IntegrityError:
        # Another process loaded the same source_ref between our check and our insert.
        existing = _load_existing(source_ref=source_ref, household=household, purse=purse, amount=amount_kurus)
        if existing is None:
            raise
        return existing


def _load_existing(*, source_ref: str, household: Household, purse: str, amount: int) -> PurseLoad | None:
    load = PurseLoad.objects.select_related("purse").filter(source_ref=source_ref).first()
    if load is None:
        return None
    if load.purse.household_id != household.pk or load.purse.kind != purse or load.amount != amount:
        raise ConflictError(errors.ERR_LOAD_CONFLICT, field="source_ref")
    return load


@transaction.atomic
def _load_new(*, actor, household: Household, purse: str, amount: int, source_ref: str) -> PurseLoad:
    target, _ = Purse.objects.get_or_create(household=household, kind=purse)
    user = actor if getattr(actor, "is_authenticated", False) else None
    load = PurseLoad.objects.create(purse=target, source_ref=source_ref, amount=amount, loaded_by=user)
    purse_move(
        purse_id=target.pk, kind=LineKind.LOAD, amount=amount, delta_available=amount, delta_held=0, load_id=load.pk
    )
    audit_record(
        actor=actor,
        action=AuditAction.AIDCARD_LOAD,
        obj=load,
        after={"purse": purse, "amount": amount, "source_ref": source_ref},
        household_id=household.pk,
    )
    return load
