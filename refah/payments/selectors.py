"""Reads of payments, scoped by permission and jurisdiction (finance staff see their office's households)."""

import uuid

from django.db.models import Count, Q, QuerySet, Sum

from refah.accounts.selectors import jurisdiction_q, office_for_user
from refah.audit.enums import AccessChannel, AccessKind, AccessPurpose
from refah.audit.services_access import access_record
from refah.common.errors import NotFoundError, PermissionDeniedError
from refah.payments import errors
from refah.payments.enums import EntitlementStatus, LineStatus
from refah.payments.models import Entitlement, PaymentBatch, PaymentCycle, PaymentLine, Warehouse
from refah.registry.models import Household


def _require(user, perm: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDeniedError(errors.ERR_NO_PERMISSION)


def _key(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def cycle_list(*, user) -> QuerySet[PaymentCycle]:
    _require(user, "payments.view_paymentcycle")
    return PaymentCycle.objects.all()


def access_cycle_by_id(*, user, cycle_id) -> PaymentCycle:
    _require(user, "payments.view_paymentcycle")
    cycle = PaymentCycle.objects.filter(pk=_key(cycle_id)).first() if _key(cycle_id) else None
    if cycle is None:
        raise NotFoundError(errors.ERR_CYCLE_NOT_FOUND)
    return cycle


def _batches_visible(user) -> QuerySet[PaymentBatch]:
    """Batches of offices inside the user's jurisdiction: a district office sees its own office's batches."""
    office = office_for_user(user)
    if office is None or not user.is_active:
        return PaymentBatch.objects.none()
    if office.district_id:
        return PaymentBatch.objects.filter(office__district_id=office.district_id)
    if office.province_id:
        return PaymentBatch.objects.filter(office__province_id=office.province_id)
    return PaymentBatch.objects.all()


def batch_list(*, user, cycle: PaymentCycle | None = None) -> QuerySet[PaymentBatch]:
    _require(user, "payments.view_paymentbatch")
    qs = _batches_visible(user).select_related("cycle", "office", "created_by", "approved_by")
    return qs.filter(cycle=cycle) if cycle else qs


def access_batch_by_id(*, user, batch_id) -> PaymentBatch:
    """One batch the user may see; outside their jurisdiction, the same "not found" as a wrong id."""
    _require(user, "payments.view_paymentbatch")
    key = _key(batch_id)
    batch = batch_list(user=user).filter(pk=key).first() if key else None
    if batch is None:
        raise NotFoundError(errors.ERR_BATCH_NOT_FOUND)
    return batch


def batch_lines_read(*, user, batch: PaymentBatch, limit: int = 50) -> list[PaymentLine]:
    """The first lines of a batch the user may see (from access_batch_by_id()), as its screen shows them —
    recipients' names and IBANs: the read is logged, one access row with the lines' households and
    recipients as its subjects (none shown, nothing logged)."""
    lines = list(batch.lines.select_related("entitlement").order_by("id")[:limit])
    if lines:
        access_record(
            actor=user,
            purpose=AccessPurpose.PAYMENT,
            channel=AccessChannel.SCREEN,
            kind=AccessKind.HOUSEHOLD_LIST,
            obj=batch,
            households=[line.entitlement.household_id for line in lines],
            persons=[line.entitlement.recipient_id for line in lines],
        )
    return lines


def batch_summary(*, batch: PaymentBatch) -> dict[str, dict[str, int]]:
    """Lines and amounts per status, and the totals stored at creation."""
    rows = PaymentLine.objects.filter(batch=batch).values("status").annotate(n=Count("id"), kurus=Sum("amount_kurus"))
    by_status = {s.value: {"count": 0, "kurus": 0} for s in LineStatus}
    for row in rows:
        by_status[row["status"]] = {"count": row["n"], "kurus": row["kurus"] or 0}
    return by_status


def cycle_summary(*, user, cycle: PaymentCycle) -> dict[str, dict[str, int]]:
    """Entitlements and amounts per status within the user's jurisdiction: conserved money at a glance."""
    _require(user, "payments.view_entitlement")
    qs = Entitlement.objects.filter(cycle=cycle, household__in=Household.objects.filter(jurisdiction_q(user)))
    rows = qs.with_payment_status().values("payment_status").annotate(n=Count("id"), kurus=Sum("amount_kurus"))
    by_status = {s.value: {"count": 0, "kurus": 0} for s in EntitlementStatus}
    for row in rows.order_by():
        by_status[row["payment_status"]] = {"count": row["n"], "kurus": row["kurus"] or 0}
    return by_status


def household_entitlements(*, user, household_id) -> QuerySet[Entitlement]:
    """Entitlements of one household in the user's jurisdiction, newest period first, with `payment_status`."""
    _require(user, "payments.view_entitlement")
    key = _key(household_id)
    household = Household.objects.filter(jurisdiction_q(user), pk=key).first() if key else None
    if household is None:
        raise NotFoundError(errors.ERR_HOUSEHOLD_NOT_FOUND)
    return Entitlement.objects.filter(household=household).with_payment_status().order_by("-period_start", "program")


def warehouse_list(*, user) -> QuerySet[Warehouse]:
    _require(user, "payments.view_warehouse")
    office = office_for_user(user)
    if office is None:
        return Warehouse.objects.none()
    scope = Q()
    if office.district_id:
        scope = Q(office__district_id=office.district_id)
    elif office.province_id:
        scope = Q(office__province_id=office.province_id)
    return Warehouse.objects.filter(scope).prefetch_related("stock")


def access_warehouse_by_id(*, user, warehouse_id) -> Warehouse:
    key = _key(warehouse_id)
    warehouse = warehouse_list(user=user).filter(pk=key).first() if key else None
    if warehouse is None:
        raise NotFoundError(errors.ERR_WAREHOUSE_NOT_FOUND)
    return warehouse
