"""Veterans and martyrs' relatives, their entitlements, free travel cards and print batches under
/api/v1/entitlements/. One service or selector call per endpoint; an object outside the caller's jurisdiction is a
404, like a wrong id."""

from django.db.models import QuerySet
from ninja import Query, Router
from ninja.responses import Status

from refah.audit.enums import AccessChannel
from refah.common.errors import NotFoundError, RefahError
from refah.common.paging import page_query, page_size_query
from refah.entitlements import errors, selectors, services
from refah.entitlements.catalogue import RULES, source_text
from refah.entitlements.enums import EntitlementKind
from refah.entitlements.models import Entitlement, PrintBatch, TravelCard, VeteranRecord
from refah.entitlements.schemas import (
    CARD_STATUSES,
    VETERAN_STATUSES,
    BatchDetailOut,
    CardOut,
    CardPage,
    DeliverIn,
    EntitlementIn,
    EntitlementReasonIn,
    IssueIn,
    IssueRunOut,
    KindOut,
    PrintBatchIn,
    PrintBatchOut,
    PrintedIn,
    ReferIn,
    ReplaceIn,
    UseIn,
    VeteranDetailOut,
    VeteranEntitlementOut,
    VeteranIn,
    VeteranOut,
    VeteranPage,
)
from refah.geo.models import District
from refah.registry import selectors as registry_selectors

router = Router(tags=["entitlements"])


def veteran_out(r: VeteranRecord) -> dict:
    return {name: getattr(r, name) for name in VeteranOut.model_fields}


def entitlement_out(e: Entitlement) -> dict:
    fields = [name for name in VeteranEntitlementOut.model_fields if name != "source"]
    return {**{name: getattr(e, name) for name in fields}, "source": source_text(e.kind)}


def card_out(c: TravelCard) -> dict:
    return {name: getattr(c, name) for name in CardOut.model_fields}


def batch_out(b: PrintBatch) -> dict:
    fields = ("id", "reference", "status", "card_count", "created_at", "printed_on")
    return {**{f: getattr(b, f) for f in fields}, "district": b.district.pcode if b.district_id else None}


def _district(pcode: str | None) -> District | None:
    if not pcode:
        return None
    found = District.objects.filter(pcode=pcode).first()
    if found is None:
        raise NotFoundError(errors.ERR_DISTRICT)
    return found


def _known_query(request, *names: str) -> None:
    """A list refuses a query parameter it does not take (a misspelt filter would silently list everything)."""
    unknown = sorted(set(request.GET) - {*names, "page", "page_size"})
    if unknown:
        raise RefahError(errors.ERR_QUERY_UNKNOWN % {"name": unknown[0]}, field=unknown[0], code="unknown_parameter")


def _page(rows: QuerySet, page: int, page_size: int) -> tuple[int, list]:
    return rows.count(), list(rows[(page - 1) * page_size : page * page_size])


@router.get("/kinds", response=list[KindOut])
def entitlements_kinds(request):
    """The catalogue of entitlements: who may hold each (by status), one per martyr or veteran, the legal source."""
    return [
        {
            "code": code,
            "label": str(EntitlementKind(code).label),
            "statuses": sorted(rule.statuses),
            "one_per_subject": rule.one_per_subject,
            "source": source_text(code),
        }
        for code, rule in RULES.items()
    ]


@router.get("/veterans", response=VeteranPage)
def entitlements_veteran_list(
    request,
    status: VETERAN_STATUSES = "",
    q: str = Query("", max_length=100, description="A name or TC Kimlik No (the person's or the martyr's)"),
    page: int = page_query(),
    page_size: int = page_size_query(),
):
    """Veterans and martyrs' relatives of the caller's jurisdiction, newest first."""
    _known_query(request, "status", "q")
    count, items = _page(selectors.record_list(user=request.user, status=status, query=q), page, page_size)
    selectors.records_logged(user=request.user, rows=items, channel=AccessChannel.API)
    return {"count": count, "page": page, "page_size": page_size, "items": [veteran_out(r) for r in items]}


@router.post("/veterans", response={201: VeteranOut})
def entitlements_veteran_create(request, payload: VeteranIn):
    """Record a veteran (the subject is the person) or a martyr's relative (the subject is the martyr)."""
    data = payload.dict()
    person = registry_selectors.access_person_by_id(user=request.user, person_id=data.pop("person_id"))
    return Status(201, veteran_out(services.veteran_record_create(actor=request.user, person=person, **data)))


@router.get("/veterans/{record_id}", response=VeteranDetailOut)
def entitlements_veteran_read(request, record_id: str):
    """A record with its entitlements, the entitlements still grantable, the person's travel cards and the
    household's referrals to services."""
    page = selectors.record_read(user=request.user, record_id=record_id, channel=AccessChannel.API)
    return {
        **veteran_out(page.record),
        "entitlements": [entitlement_out(e) for e in page.entitlements],
        "entitlements_grantable": [str(kind.value) for kind in page.grantable],
        "travel_cards": [card_out(c) for c in page.cards],
        "referrals": [
            {"id": r.pk, "service": r.service.name, "status": r.status, "deadline": r.deadline} for r in page.referrals
        ],
    }


@router.post("/veterans/{record_id}/entitlements", response={201: VeteranEntitlementOut})
def entitlements_grant(request, record_id: str, payload: EntitlementIn):
    """Grant an entitlement the record's status allows (GET /kinds); 400 with the reason otherwise."""
    record = selectors.access_record_by_id(user=request.user, record_id=record_id)
    entitlement = services.entitlement_grant(actor=request.user, record=record, kind=payload.kind, note=payload.note)
    return Status(201, entitlement_out(entitlement))


@router.post("/entitlements/{entitlement_id}/use", response=VeteranEntitlementOut)
def entitlements_use(request, entitlement_id: str, payload: UseIn):
    """Record that the entitlement was used."""
    entitlement = selectors.access_entitlement_by_id(user=request.user, entitlement_id=entitlement_id)
    return entitlement_out(
        services.entitlement_use(actor=request.user, entitlement=entitlement, used_on=payload.used_on)
    )


@router.post("/entitlements/{entitlement_id}/revoke", response=VeteranEntitlementOut)
def entitlements_revoke(request, entitlement_id: str, payload: EntitlementReasonIn):
    """Revoke a granted entitlement, with the reason."""
    entitlement = selectors.access_entitlement_by_id(user=request.user, entitlement_id=entitlement_id)
    return entitlement_out(
        services.entitlement_revoke(actor=request.user, entitlement=entitlement, reason=payload.reason)
    )


@router.post("/entitlements/{entitlement_id}/refer", response=VeteranEntitlementOut)
def entitlements_refer(request, entitlement_id: str, payload: ReferIn):
    """Refer a granted right to public employment to the martyrs' relatives and veterans service of the area."""
    entitlement = selectors.access_entitlement_by_id(user=request.user, entitlement_id=entitlement_id)
    return entitlement_out(
        services.entitlement_refer(actor=request.user, entitlement=entitlement, reason=payload.reason)
    )


@router.get("/cards", response=CardPage)
def entitlements_card_list(
    request,
    status: CARD_STATUSES = "",
    q: str = Query("", max_length=30, description="A card number or the holder's TC Kimlik No"),
    page: int = page_query(),
    page_size: int = page_size_query(),
):
    """Free travel cards of the caller's jurisdiction, newest first."""
    _known_query(request, "status", "q")
    count, items = _page(selectors.card_list(user=request.user, status=status, query=q), page, page_size)
    selectors.records_logged(user=request.user, rows=items, channel=AccessChannel.API)
    return {"count": count, "page": page, "page_size": page_size, "items": [card_out(c) for c in items]}


@router.post("/cards/issue", response=IssueRunOut)
def entitlements_cards_issue(request, payload: IssueIn):
    """Request a card for every person the free-travel rule entitles (and every veteran or martyr's relative with
    free travel) in the caller's area, or one district or household of it, who holds no live card."""
    household = None
    if payload.household_id is not None:
        household = registry_selectors.access_household_by_id(user=request.user, household_id=payload.household_id)
    run = services.cards_issue(actor=request.user, district=_district(payload.district), household=household)
    return {name: getattr(run, name) for name in IssueRunOut.model_fields}


@router.get("/cards/{card_id}", response=CardOut)
def entitlements_card_read(request, card_id: str):
    return card_out(selectors.card_read(user=request.user, card_id=card_id, channel=AccessChannel.API))


@router.post("/cards/{card_id}/deliver", response=CardOut)
def entitlements_card_deliver(request, card_id: str, payload: DeliverIn):
    """Record a printed card's delivery: where, when and to whom (a proxy by name and TC Kimlik No)."""
    card = selectors.access_card_by_id(user=request.user, card_id=card_id)
    return card_out(services.card_deliver(actor=request.user, card=card, **payload.dict()))


@router.post("/cards/{card_id}/replace", response={201: CardOut})
def entitlements_card_replace(request, card_id: str, payload: ReplaceIn):
    """End a lost, damaged or changed card and request its replacement: the new card."""
    card = selectors.access_card_by_id(user=request.user, card_id=card_id)
    return Status(201, card_out(services.card_replace(actor=request.user, card=card, **payload.dict())))


@router.post("/cards/{card_id}/cancel", response=CardOut)
def entitlements_card_cancel(request, card_id: str, payload: EntitlementReasonIn):
    card = selectors.access_card_by_id(user=request.user, card_id=card_id)
    return card_out(services.card_cancel(actor=request.user, card=card, reason=payload.reason))


@router.get("/batches", response=list[PrintBatchOut])
def entitlements_batch_list(request):
    """Print batches of the caller's area, newest first (the last 200)."""
    return [batch_out(b) for b in selectors.batch_list(user=request.user)[:200]]


@router.post("/batches", response={201: PrintBatchOut})
def entitlements_batch_create(request, payload: PrintBatchIn):
    """Gather the requested cards of the caller's area (or one district of it) into a batch for the printer."""
    batch = services.print_batch_create(actor=request.user, district=_district(payload.district))
    return Status(201, batch_out(batch))


@router.get("/batches/{batch_id}", response=BatchDetailOut)
def entitlements_batch_read(request, batch_id: str):
    batch, cards = selectors.batch_read(user=request.user, batch_id=batch_id, channel=AccessChannel.API)
    return {**batch_out(batch), "card_ids": [c.pk for c in cards]}


@router.post("/batches/{batch_id}/printed", response=PrintBatchOut)
def entitlements_batch_printed(request, batch_id: str, payload: PrintedIn):
    """Mark the batch printed: its cards are dated and valid from that day."""
    batch = selectors.access_batch_by_id(user=request.user, batch_id=batch_id)
    return batch_out(services.print_batch_printed(actor=request.user, batch=batch, printed_on=payload.printed_on))
