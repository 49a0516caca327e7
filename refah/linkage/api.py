"""Linkage endpoints under /api/v1/linkage/: the review queue, decisions on it, links and their undoing.

Every object is found through a jurisdiction-scoped selector (another office's item is "not found"); each
write is one service call; errors are rendered by the handlers in config/api.py.
"""

from ninja import Query, Router

from refah.audit.enums import AccessChannel, AccessKind, AccessPurpose
from refah.audit.services_access import access_record
from refah.common.paging import page_query, page_size_query
from refah.linkage import selectors, services
from refah.linkage.enums import ReviewStatus
from refah.linkage.schemas import AcceptIn, LinkOut, ReasonIn, ReviewOut
from refah.registry.schemas import ERRORS, WRITE_ERRORS

router = Router(tags=["linkage"])


def _review(review) -> dict:
    fields = ("id", "kind", "record_id", "status", "record", "candidates", "created_at", "decided_at", "reason")
    return {**{name: getattr(review, name) for name in fields}, "district": review.district.pcode}


def _link(link) -> dict:
    fields = ("id", "kind", "record_id", "person_id", "method", "probability", "evidence", "created_at")
    out = {name: getattr(link, name) for name in (*fields, "undone_at", "undone_reason")}
    return {**out, "district": link.district.pcode}


@router.get("/reviews", response={200: list[ReviewOut], **ERRORS}, summary="List link review items")
def review_list(
    request,
    status: ReviewStatus = Query(ReviewStatus.OPEN),  # noqa: B008
    page: int = page_query(),
    page_size: int = page_size_query(),
):
    """Uncertain links of your jurisdiction waiting for a clerk (or decided ones, by status), oldest first."""
    start = (page - 1) * page_size
    reviews = list(selectors.review_list(user=request.user, status=status)[start : start + page_size])
    persons = [c["person_id"] for r in reviews for c in r.candidates]
    if reviews:
        access_record(
            actor=request.user,
            purpose=AccessPurpose.CASE_WORK,
            channel=AccessChannel.API,
            kind=AccessKind.SEARCH,
            persons=persons,
            count=len(reviews),
        )
    return [_review(r) for r in reviews]


@router.post("/reviews/{review_id}/accept", response={200: LinkOut, **WRITE_ERRORS}, summary="Accept a candidate")
def review_accept(request, review_id: str, payload: AcceptIn):
    """The record is this candidate: a clerical link is made and the record's owner is told. Two registry persons
    are merged (the registry's merge, undone with the link)."""
    link = services.review_accept(
        actor=request.user,
        review_id=review_id,
        person_id=payload.person_id,
        keep_id=payload.keep_id,
        reason=payload.reason,
    )
    return _link(selectors.access_link_by_id(user=request.user, link_id=link.pk))


@router.post("/reviews/{review_id}/reject", response={200: ReviewOut, **WRITE_ERRORS}, summary="Reject every candidate")
def review_reject(request, review_id: str, payload: ReasonIn):
    """None of the candidates is the record's person; the record stays unlinked."""
    services.review_reject(actor=request.user, review_id=review_id, reason=payload.reason)
    return _review(selectors.access_review_by_id(user=request.user, review_id=review_id))


@router.get("/links", response={200: list[LinkOut], **ERRORS}, summary="List links")
def link_list(
    request,
    kind: str | None = Query(None, max_length=40),  # noqa: B008
    record_id: str | None = Query(None, max_length=64),  # noqa: B008
    page: int = page_query(),
    page_size: int = page_size_query(),
):
    """Links of your jurisdiction, newest first, undone ones included."""
    start = (page - 1) * page_size
    links = selectors.link_list(user=request.user, kind=kind, record_id=record_id)[start : start + page_size]
    return [_link(link) for link in links]


@router.post("/links/{link_id}/undo", response={200: LinkOut, **WRITE_ERRORS}, summary="Undo a link")
def link_undo(request, link_id: str, payload: ReasonIn):
    """The link was wrong: it stays on file as undone, with who and why, and the record's owner is told."""
    link = services.link_undo(actor=request.user, link_id=link_id, reason=payload.reason)
    return _link(link)
