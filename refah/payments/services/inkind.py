"""Writes of in-kind aid: stock receipts and issues per warehouse, deliveries with a signed receipt.

Stock leaves a warehouse through one conditional UPDATE (quantity >= wanted), so two clerks delivering
the last sacks at once cannot take the stock below zero; the check constraint backs it up.
"""

from django.db import transaction
from django.db.models import F

from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.common.errors import ConflictError, RefahError
from refah.payments import errors
from refah.payments.enums import Channel, EntitlementStatus, StockMoveKind
from refah.payments.models import Delivery, Entitlement, StockLevel, StockMove, Warehouse
from refah.payments.schedule import plan_for
from refah.payments.services._common import require
from refah.registry.identity import is_valid_identity_number
from refah.registry.models import Household


def warehouse_create(*, actor, office, name: str) -> Warehouse:
    """A warehouse of in-kind aid for an office."""
    require(actor, "payments.manage_stock")
    warehouse = Warehouse(office=office, name=name)
    warehouse.full_clean()
    with transaction.atomic():
        warehouse.save()
        audit_record(actor=actor, action=AuditAction.WAREHOUSE_CREATE, obj=warehouse, after=snapshot(warehouse))
    return warehouse


def stock_receive(*, actor, warehouse: Warehouse, item: str, quantity: int, note: str = "") -> StockMove:
    """Stock arrives (a delivery from the supplier, a transfer in)."""
    require(actor, "payments.manage_stock")
    if quantity <= 0:
        raise RefahError(errors.ERR_QUANTITY, field="quantity")
    with transaction.atomic():
        level, _ = StockLevel.objects.get_or_create(warehouse=warehouse, item=item)
        StockLevel.objects.filter(pk=level.pk).update(quantity=F("quantity") + quantity)
        return _move(actor, warehouse, item, StockMoveKind.RECEIPT, quantity, note)


def stock_issue(*, actor, warehouse: Warehouse, item: str, quantity: int, note: str) -> StockMove:
    """Stock leaves other than to a household (transfer out, spoilage); never below zero."""
    require(actor, "payments.manage_stock")
    with transaction.atomic():
        _take(warehouse, item, quantity)
        return _move(actor, warehouse, item, StockMoveKind.ISSUE, -quantity, note)


def delivery_record(
    *,
    actor,
    warehouse: Warehouse,
    household: Household,
    item: str,
    quantity: int,
    receiver_name: str = "",
    receiver_identifier: str = "",
    signature=None,
    entitlement: Entitlement | None = None,
) -> Delivery:
    """Hand aid to a household: stock down, a receipt signed (image) or named with the receiver's TC No."""
    require(actor, "payments.manage_stock")
    named = bool(receiver_name.strip()) and is_valid_identity_number(receiver_identifier)
    if signature is None and not named:
        raise RefahError(errors.ERR_RECEIPT, field="receiver_identifier")
    delivery = Delivery(
        household=household,
        warehouse=warehouse,
        item=item,
        quantity=quantity,
        entitlement=entitlement,
        receiver_name=receiver_name.strip(),
        receiver_identifier=receiver_identifier,
        delivered_by=actor,
    )
    if signature is not None:
        delivery.signature = signature
    with transaction.atomic():
        _take(warehouse, item, quantity)
        delivery.full_clean(exclude=["signature"])
        delivery.save()
        if entitlement is not None:
            Entitlement.objects.filter(pk=entitlement.pk).update(status=EntitlementStatus.DELIVERED)
        _move(actor, warehouse, item, StockMoveKind.DELIVERY, -quantity, f"delivery {delivery.pk}")
        audit_record(
            actor=actor,
            action=AuditAction.DELIVERY_RECORD,
            obj=delivery,
            after=snapshot(delivery, ["item", "quantity", "warehouse", "entitlement"]),
            household_id=household.pk,
        )
    return delivery


def entitlement_deliver(
    *,
    actor,
    entitlement: Entitlement,
    warehouse: Warehouse,
    receiver_name: str = "",
    receiver_identifier: str = "",
    signature=None,
) -> Delivery:
    """Deliver a pending in-kind entitlement: the program's item (its plan, or a custom program's
    `payment.item`), the entitled quantity, out of the warehouse, against a signed receipt."""
    if entitlement.channel != Channel.IN_KIND or entitlement.status != EntitlementStatus.PENDING:
        raise ConflictError(errors.ERR_NOT_DELIVERABLE)
    plan = plan_for(entitlement.program)
    if plan is None or plan.item is None:
        raise ConflictError(errors.ERR_NO_ITEM)
    return delivery_record(
        actor=actor,
        warehouse=warehouse,
        household=entitlement.household,
        item=plan.item,
        quantity=entitlement.amount_kurus,
        receiver_name=receiver_name,
        receiver_identifier=receiver_identifier,
        signature=signature,
        entitlement=entitlement,
    )


def _take(warehouse: Warehouse, item: str, quantity: int) -> None:
    if quantity <= 0:
        raise RefahError(errors.ERR_QUANTITY, field="quantity")
    taken = StockLevel.objects.filter(warehouse=warehouse, item=item, quantity__gte=quantity).update(
        quantity=F("quantity") - quantity
    )
    if not taken:
        available = StockLevel.objects.filter(warehouse=warehouse, item=item).values_list("quantity", flat=True)
        raise ConflictError(errors.ERR_STOCK_NEGATIVE % {"available": next(iter(available), 0)}, field="quantity")


# The audit action of each kind of stock move.
STOCK_ACTIONS = {
    StockMoveKind.RECEIPT: AuditAction.STOCK_RECEIPT,
    StockMoveKind.ISSUE: AuditAction.STOCK_ISSUE,
    StockMoveKind.DELIVERY: AuditAction.STOCK_DELIVERY,
}


def _move(actor, warehouse, item, kind, quantity, note) -> StockMove:
    move = StockMove.objects.create(
        warehouse=warehouse, item=item, kind=kind, quantity=quantity, note=note, actor=actor
    )
    audit_record(actor=actor, action=STOCK_ACTIONS[kind], obj=move, after=snapshot(move, ["item", "quantity"]))
    return move
