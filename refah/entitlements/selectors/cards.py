"""Reads of travel cards, issue runs and print batches: one by id in the user's jurisdiction (a card by the
household it was requested for, a batch by its own area), the lists with their filters."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from refah.accounts.selectors import jurisdiction_q
from refah.audit.enums import AccessChannel, AccessKind
from refah.entitlements import errors
from refah.entitlements.enums import CardStatus
from refah.entitlements.models import IssueRun, PrintBatch, TravelCard
from refah.entitlements.printing import batch_cards, batch_csv, batch_pdf
from refah.entitlements.roles import PRINT, VIEW_CARD
from refah.entitlements.selectors._common import logged_list, logged_one, one, require


def card_list(*, user, status: str = "", query: str = "") -> QuerySet[TravelCard]:
    """Cards of the user's jurisdiction, newest first; by status, and by card number or the holder's TC Kimlik No."""
    require(user, VIEW_CARD)
    rows = TravelCard.objects.filter(jurisdiction_q(user, prefix="household__")).select_related(
        "person", "household", "batch"
    )
    if status:
        rows = rows.filter(status=status)
    query = (query or "").replace(" ", "")
    if query:
        rows = rows.filter(Q(number=query) | Q(person__national_id=query))
    return rows


def card_counts(*, user) -> dict[str, int]:
    """{status: cards} of the user's jurisdiction."""
    rows = card_list(user=user).order_by().values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}


def access_card_by_id(*, user, card_id) -> TravelCard:
    require(user, VIEW_CARD)
    rows = TravelCard.objects.select_related("person", "household", "batch", "delivered_by", "replaces")
    return one(rows, user=user, object_id=card_id, message=errors.ERR_CARD_NOT_FOUND)


def card_read(*, user, card_id, channel: str = AccessChannel.SCREEN) -> TravelCard:
    """access_card_by_id() for showing the card and its holder: the read is logged."""
    card = access_card_by_id(user=user, card_id=card_id)
    logged_one(
        user=user,
        channel=channel,
        obj=card,
        household_id=card.household_id,
        person_id=card.person_id,
        district_id=card.household.district_id,
    )
    return card


def run_list(*, user) -> QuerySet[IssueRun]:
    """Issue runs over the user's area (a run's area is its district or province; a national run is the ministry's)."""
    require(user, VIEW_CARD)
    return IssueRun.objects.filter(_area_q(user)).select_related("run_by", "district", "province")


def _area_q(user) -> Q:
    """A batch's or run's own area (its district, or its province when it has none) in the user's jurisdiction:
    jurisdiction_q on the batch's own district and province columns. A district user sees their district's, a
    province user every one of the province, a national user all."""
    return jurisdiction_q(user)


def batch_list(*, user) -> QuerySet[PrintBatch]:
    require(user, VIEW_CARD)
    return PrintBatch.objects.filter(_area_q(user)).select_related("district", "province", "created_by", "printed_by")


def access_batch_by_id(*, user, batch_id) -> PrintBatch:
    require(user, VIEW_CARD)
    rows = PrintBatch.objects.select_related("district", "province", "created_by", "printed_by")
    return one(rows, user=user, object_id=batch_id, message=errors.ERR_BATCH_NOT_FOUND, prefix="")


def batch_read(*, user, batch_id, channel: str = AccessChannel.SCREEN) -> tuple[PrintBatch, list[TravelCard]]:
    """A batch with its cards (their holders shown): the list is logged."""
    batch = access_batch_by_id(user=user, batch_id=batch_id)
    cards = batch_cards(batch)
    logged_list(
        user=user,
        channel=channel,
        persons=[c.person_id for c in cards],
        households=[c.household_id for c in cards],
    )
    return batch, cards


def batch_file(*, user, batch_id, kind: str) -> tuple[PrintBatch, bytes | str]:
    """The batch's PDF or CSV for the printer (the print permission); the export is logged."""
    require(user, PRINT)
    batch = access_batch_by_id(user=user, batch_id=batch_id)
    cards = batch_cards(batch)
    logged_list(
        user=user,
        channel=AccessChannel.EXPORT,
        persons=[c.person_id for c in cards],
        households=[c.household_id for c in cards],
        kind=AccessKind.EXPORT,
    )
    return batch, batch_pdf(batch=batch) if kind == "pdf" else batch_csv(batch=batch)


def cards_awaiting_print(*, user) -> int:
    return card_list(user=user, status=CardStatus.REQUESTED).filter(batch__isnull=True).count()
