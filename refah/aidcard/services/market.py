"""The social market: items priced in points, restocking, and checkout with the card's points purse."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from refah.aidcard import errors
from refah.aidcard.enums import MerchantKind, PurseKind
from refah.aidcard.models import MarketItem, Merchant, Receipt, ReceiptLine, StockMovement
from refah.aidcard.services.cards import require_perm
from refah.aidcard.services.guard import card_check
from refah.aidcard.services.spend import hold_capture, hold_for_card
from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.common.errors import ConflictError, NotFoundError, RefahError


def _require_market(merchant: Merchant) -> None:
    if merchant.kind != MerchantKind.SOCIAL_MARKET:
        raise RefahError(errors.ERR_NOT_SOCIAL_MARKET)


def _positive_quantity(quantity) -> int:
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity <= 0:
        raise RefahError(errors.ERR_QUANTITY_POSITIVE, field="quantity")
    return quantity


@transaction.atomic
def market_item_create(
    *, actor, merchant: Merchant, name: str, price_points: int, quantity: int = 0, unit: str = "adet"
) -> MarketItem:
    """Put a new item on the social market's shelves."""
    require_perm(actor, "aidcard.manage_market")
    _require_market(merchant)
    item = MarketItem(merchant=merchant, name=name, price_points=price_points, quantity=0, unit=unit)
    item.full_clean()
    item.save()
    audit_record(actor=actor, action=AuditAction.AIDCARD_ITEM_CREATE, obj=item, after=snapshot(item))
    if quantity:
        market_restock(actor=actor, item=item, quantity=quantity, note="opening stock")
    return item


@transaction.atomic
def market_restock(*, actor, item: MarketItem, quantity: int, note: str = "") -> MarketItem:
    """Add delivered stock to an item."""
    require_perm(actor, "aidcard.manage_market")
    _positive_quantity(quantity)
    MarketItem.objects.filter(pk=item.pk).update(quantity=F("quantity") + quantity, updated_at=timezone.now())
    item.refresh_from_db(fields=["quantity", "updated_at"])
    StockMovement.objects.create(item=item, delta=quantity, quantity_after=item.quantity, actor=actor, note=note)
    audit_record(
        actor=actor, action=AuditAction.AIDCARD_RESTOCK, obj=item, after={"delta": quantity, "quantity": item.quantity}
    )
    return item


def _basket_items(merchant: Merchant, basket: dict) -> list[tuple[MarketItem, int]]:
    lines = {str(k): _positive_quantity(v) for k, v in basket.items() if v}
    if not lines:
        raise RefahError(errors.ERR_EMPTY_BASKET)
    items = {str(i.pk): i for i in MarketItem.objects.filter(merchant=merchant, active=True, pk__in=list(lines))}
    if set(items) != set(lines):
        raise NotFoundError(errors.ERR_ITEM_NOT_FOUND)
    # A fixed order of row locks, so two checkouts of the same items cannot deadlock.
    return [(items[k], lines[k]) for k in sorted(lines)]


def _take_stock(*, item: MarketItem, quantity: int, receipt: Receipt, actor) -> None:
    taken = MarketItem.objects.filter(pk=item.pk, quantity__gte=quantity).update(
        quantity=F("quantity") - quantity, updated_at=timezone.now()
    )
    if not taken:
        raise ConflictError(errors.ERR_OUT_OF_STOCK % {"item": item.name}, code="out_of_stock")
    after = MarketItem.objects.values_list("quantity", flat=True).get(pk=item.pk)
    StockMovement.objects.create(item=item, delta=-quantity, quantity_after=after, receipt=receipt, actor=actor)
    ReceiptLine.objects.create(
        receipt=receipt, item=item, name=item.name, quantity=quantity, price_points=item.price_points
    )


def market_checkout(
    *, actor, merchant: Merchant, card_number: str, basket: dict, idempotency_key: str, pin: str | None = None
) -> Receipt:
    """Sell a basket ({item id: quantity}) for the card's points: stock and points move together or not at all.

    Submitting the same idempotency key again returns the first receipt. The card and PIN are checked
    before the sale's transaction, so a wrong PIN stays recorded (and counts towards the lock) though
    the sale is refused.
    """
    require_perm(actor, "aidcard.market_checkout")
    _require_market(merchant)
    done = Receipt.objects.filter(merchant=merchant, hold__idempotency_key=idempotency_key).first()
    if done is not None:
        return done
    lines = _basket_items(merchant, basket)
    card_id, purse_id = card_check(
        merchant=merchant, card_number=card_number, purse=PurseKind.MARKET, pin=pin, actor=actor
    )
    return _checkout(
        actor=actor, merchant=merchant, card_id=card_id, purse_id=purse_id, lines=lines, key=idempotency_key
    )


@transaction.atomic
def _checkout(*, actor, merchant: Merchant, card_id, purse_id, lines: list, key: str) -> Receipt:
    total = sum(item.price_points * quantity for item, quantity in lines)
    hold = hold_for_card(
        merchant=merchant,
        terminal=None,
        card_id=card_id,
        purse_id=purse_id,
        purse=PurseKind.MARKET,
        amount=total,
        key=key,
    )
    number = f"{timezone.localdate():%Y%m%d}-{hold.pk.hex[:6].upper()}"
    receipt = Receipt.objects.create(merchant=merchant, hold=hold, number=number, total_points=total, cashier=actor)
    for item, quantity in lines:
        _take_stock(item=item, quantity=quantity, receipt=receipt, actor=actor)
    hold_capture(merchant=merchant, hold_id=hold.pk)
    audit_record(
        actor=actor,
        action=AuditAction.AIDCARD_CHECKOUT,
        obj=receipt,
        after={"number": number, "total_points": total, "lines": [[str(i.pk), q] for i, q in lines]},
        household_id=hold.card.household_id,
    )
    return receipt
