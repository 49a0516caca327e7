"""Reads of the aid card, scoped by the user's jurisdiction and permissions."""

import uuid
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from refah.accounts.selectors import NOTHING, office_for_user
from refah.aidcard import errors
from refah.aidcard.enums import CardStatus, LineKind
from refah.aidcard.models import Card, LedgerLine, MarketItem, Merchant, Purse, Receipt
from refah.audit.enums import AccessChannel, AccessKind, AccessPurpose
from refah.audit.services_access import access_record
from refah.common.errors import NotFoundError, PermissionDeniedError
from refah.registry import selectors as registry_selectors
from refah.registry.models import Household


def _require(user, perm: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDeniedError(errors.ERR_NO_PERMISSION)


def access_household_by_id(*, user, household_id) -> Household:
    """A household in the user's jurisdiction whose card the user may see (404 outside it)."""
    _require(user, "aidcard.view_card")
    return registry_selectors.access_household_by_id(user=user, household_id=household_id)


def household_card_read(*, user, household_id) -> Household:
    """access_household_by_id() for the household's card page (its members' names, cards, purses and
    statement): the read is logged (purpose payment). Writes about the card use access_household_by_id()."""
    household = access_household_by_id(user=user, household_id=household_id)
    access_record(
        actor=user,
        purpose=AccessPurpose.PAYMENT,
        channel=AccessChannel.SCREEN,
        kind=AccessKind.HOUSEHOLD,
        obj=household,
        household_id=household.pk,
        district_id=household.district_id,
    )
    return household


def card_active(*, household: Household) -> Card | None:
    return Card.objects.filter(household=household, status=CardStatus.ACTIVE).first()


def card_history(*, household: Household) -> list[Card]:
    """Every card the household has had, newest first."""
    return list(Card.objects.filter(household=household).order_by("-created_at"))


def purses(*, household: Household) -> list[Purse]:
    return list(Purse.objects.filter(household=household).order_by("kind"))


@dataclass
class Statement:
    """The household's ledger lines, oldest first, with totals per kind of movement."""

    lines: list[LedgerLine]
    totals: dict[str, int] = field(default_factory=dict)

    @property
    def spent(self) -> int:
        return self.totals.get(LineKind.CAPTURE, 0) - self.totals.get(LineKind.REFUND, 0)


def household_statement(*, household: Household, purse: str | None = None) -> Statement:
    """Loads, authorisations, captures, releases and refunds of the household's purses, balance after each."""
    qs = LedgerLine.objects.filter(purse__household=household).select_related("purse", "merchant").order_by("id")
    if purse:
        qs = qs.filter(purse__kind=purse)
    lines = list(qs)
    totals: dict[str, int] = {}
    for line in lines:
        totals[line.kind] = totals.get(line.kind, 0) + line.amount
    return Statement(lines=lines, totals=totals)


def _merchant_q(user) -> Q:
    office = office_for_user(user)
    if office is None or not user.is_active:
        return NOTHING
    if office.district_id:
        return Q(district_id=office.district_id)
    if office.province_id:
        return Q(district__province_id=office.province_id)
    return Q()


def merchant_list(*, user) -> QuerySet:
    """Merchants in the user's jurisdiction."""
    _require(user, "aidcard.view_merchant")
    return Merchant.objects.filter(_merchant_q(user)).select_related("district").prefetch_related("categories")


def access_merchant_by_id(*, user, merchant_id) -> Merchant:
    """One merchant in the user's jurisdiction; outside it, not found."""
    _require(user, "aidcard.view_merchant")
    try:
        key = uuid.UUID(str(merchant_id))
    except ValueError:
        raise NotFoundError(errors.ERR_MERCHANT_NOT_FOUND) from None
    merchant = Merchant.objects.filter(_merchant_q(user), pk=key).select_related("district").first()
    if merchant is None:
        raise NotFoundError(errors.ERR_MERCHANT_NOT_FOUND)
    return merchant


def market_items(*, merchant: Merchant, active_only: bool = False) -> list[MarketItem]:
    qs = MarketItem.objects.filter(merchant=merchant)
    if active_only:
        qs = qs.filter(active=True)
    return list(qs.order_by("name"))


def receipt_get(*, merchant: Merchant, receipt_id) -> Receipt:
    try:
        key = uuid.UUID(str(receipt_id))
    except ValueError:
        raise NotFoundError(errors.ERR_RECEIPT_NOT_FOUND) from None
    receipt = Receipt.objects.filter(merchant=merchant, pk=key).prefetch_related("lines").first()
    if receipt is None:
        raise NotFoundError(errors.ERR_RECEIPT_NOT_FOUND)
    return receipt


def receipts_recent(*, merchant: Merchant, limit: int = 20) -> list[Receipt]:
    return list(Receipt.objects.filter(merchant=merchant).order_by("-created_at")[:limit])
