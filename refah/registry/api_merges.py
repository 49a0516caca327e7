"""Merges of persons registered twice, under /api/v1/registry/ (docs/registry-merges.md): merge a second record
into a person's, undo a merge, list merges. Persons and merges are found through jurisdiction-scoped selectors;
each write is one service call."""

import uuid

from ninja import Query, Router
from ninja.responses import Status

from refah.audit.enums import AccessChannel
from refah.common.paging import page_query, page_size_query
from refah.registry import selectors, services
from refah.registry.schemas import ERRORS, WRITE_ERRORS, MergeIn, MergeUndoIn, PersonMergeOut, PersonMergePage

router = Router(tags=["registry"])


def _merge(merge) -> dict:
    return {
        "id": merge.pk,
        "keep_id": merge.keep_id,
        "drop_id": merge.drop_id,
        "district": merge.district.pcode if merge.district_id else None,
        "merged_at": merge.created_at,
        "merged_by": merge.merged_by.get_username(),
        "reason": merge.reason,
        "review_id": merge.review_id,
        "link_id": merge.link_id,
        "changed": selectors.merge_counts(merge),
        "details": selectors.merge_details(merge),
        "undone_at": merge.undone_at,
        "undone_by": merge.undone_by.get_username() if merge.undone_by_id else None,
        "undone_reason": merge.undone_reason,
        "kept": len(merge.kept),
    }


@router.post(
    "/persons/{person_id}/merge", response={201: PersonMergeOut, **WRITE_ERRORS}, summary="Merge a second record"
)
def person_merge(request, person_id: str, payload: MergeIn):
    """Merge `drop_id`, a second record of the same person, into this person's (kept). The merged record counts
    nowhere after it; two records with their own identity numbers are never merged (docs/registry-merges.md)."""
    keep = selectors.person_for_merge(user=request.user, person_id=person_id)
    drop = selectors.person_for_merge(user=request.user, person_id=payload.drop_id, field="drop_id")
    merge = services.person_merge(
        actor=request.user, keep=keep, drop=drop, reason=payload.reason, take=list(payload.take)
    )
    return Status(201, _merge(selectors.access_merge_by_id(user=request.user, merge_id=merge.pk)))


@router.post("/merges/{merge_id}/undo", response={200: PersonMergeOut, **WRITE_ERRORS}, summary="Undo a merge")
def merge_undo(request, merge_id: str, payload: MergeUndoIn):
    """Undo a merge: what it changed is restored, except values changed since by a later write (kept as they are)."""
    merge = services.person_merge_undo(actor=request.user, merge_id=merge_id, reason=payload.reason)
    return _merge(selectors.access_merge_by_id(user=request.user, merge_id=merge.pk))


@router.get("/merges", response={200: PersonMergePage, **ERRORS}, summary="List merges")
def merge_list(
    request,
    person_id: uuid.UUID | None = Query(None, description="Only the merges of this person, kept or merged."),  # noqa: B008
    page: int = page_query(),
    page_size: int = page_size_query(),
):
    """Merges of your jurisdiction, newest first, undone ones included."""
    person = None
    if person_id is not None:
        person = selectors.person_for_merge(user=request.user, person_id=person_id, field="person_id")
    merges = selectors.merge_list(user=request.user, person=person)
    start = (page - 1) * page_size
    shown = selectors.merges_shown(
        user=request.user, merges=list(merges[start : start + page_size]), channel=AccessChannel.API
    )
    return {"count": merges.count(), "items": [_merge(m) for m in shown]}
