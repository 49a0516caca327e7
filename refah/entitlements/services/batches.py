"""Print batches: the requested cards of an area gathered for the card printer (a PDF to check, a CSV for the
printer: printing.py), then marked printed, which gives each card its issue date and validity."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from refah.accounts.selectors import district_in_jurisdiction, jurisdiction_q, jurisdiction_scope
from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.common.errors import ConflictError, NotFoundError, PermissionDeniedError, RefahError
from refah.entitlements import errors
from refah.entitlements.enums import BatchStatus, CardStatus
from refah.entitlements.models import PrintBatch, TravelCard
from refah.entitlements.roles import PRINT
from refah.entitlements.services._common import require, today
from refah.geo.models import District

BATCH_LIMIT = 500  # cards a printer run takes
VALIDITY_YEARS = 5  # a card is valid five years from printing (the holder's basis is checked again on renewal)


def valid_until(issued_on: dt.date) -> dt.date:
    try:
        return issued_on.replace(year=issued_on.year + VALIDITY_YEARS)
    except ValueError:  # 29 February
        return issued_on.replace(year=issued_on.year + VALIDITY_YEARS, day=28)


def _reference(day: dt.date) -> str:
    prefix = f"SK-{day:%Y}-"
    count = PrintBatch.objects.filter(reference__startswith=prefix).count()
    return f"{prefix}{count + 1:05d}"


def print_batch_create(*, actor, district: District | None = None, limit: int = BATCH_LIMIT) -> PrintBatch:
    """Gather up to `limit` requested cards of the actor's jurisdiction (or of one district of it), oldest first,
    into a new batch."""
    require(actor, PRINT)
    scope = jurisdiction_scope(actor)
    if scope is None:
        raise PermissionDeniedError(errors.ERR_DISTRICT)
    if district is not None and not district_in_jurisdiction(actor, district):
        raise NotFoundError(errors.ERR_DISTRICT)
    if district is None and scope[0] == "district":
        district = District.objects.get(pk=scope[1][0])
    cards = TravelCard.objects.filter(jurisdiction_q(actor, prefix="household__"), status=CardStatus.REQUESTED)
    cards = cards.filter(batch__isnull=True)
    if district is not None:
        cards = cards.filter(household__district=district)
    with transaction.atomic():
        chosen = list(
            cards.select_for_update(of=("self",))
            .order_by("requested_on", "number")
            .values_list("pk", flat=True)[:limit]
        )
        if not chosen:
            raise RefahError(errors.ERR_NOTHING_TO_PRINT, field="district")
        province_id = district.province_id if district else _province_of(actor, chosen[0])
        batch = PrintBatch(
            reference=_reference(today()),
            province_id=province_id,
            district=district,
            created_by=actor,
            card_count=len(chosen),
        )
        batch.save()
        TravelCard.objects.filter(pk__in=chosen).update(batch=batch)
        audit_record(actor=actor, action=AuditAction.TRAVEL_CARD_BATCH_CREATE, obj=batch, after=snapshot(batch))
    return batch


def _province_of(actor, card_id) -> int:
    scope = jurisdiction_scope(actor)
    if scope and scope[0] == "province":
        return scope[1][0]
    return TravelCard.objects.values_list("household__province_id", flat=True).get(pk=card_id)


@transaction.atomic
def print_batch_printed(*, actor, batch: PrintBatch, printed_on: dt.date | None = None) -> PrintBatch:
    """Mark the batch printed: its cards are printed on that day and valid VALIDITY_YEARS from it."""
    require(actor, PRINT)
    printed_on = printed_on or today()
    if printed_on > today():
        raise RefahError(errors.ERR_DATE_FUTURE, field="printed_on")
    locked = PrintBatch.objects.select_for_update().get(pk=batch.pk)
    if locked.status != BatchStatus.PREPARED:
        raise ConflictError(errors.ERR_BATCH_PRINTED, code="batch_printed")
    before = snapshot(locked)
    locked.card_count = locked.cards.filter(status=CardStatus.REQUESTED).update(
        status=CardStatus.PRINTED, issued_on=printed_on, valid_until=valid_until(printed_on)
    )
    locked.status, locked.printed_on, locked.printed_by = BatchStatus.PRINTED, printed_on, actor
    locked.save(update_fields=["status", "printed_on", "printed_by", "card_count", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.TRAVEL_CARD_BATCH_PRINT,
        obj=locked,
        before=before,
        after=snapshot(locked),
    )
    return locked
