"""A clerk's decisions: accept or reject an uncertain link, undo a link. Each in one transaction, checked for
permission and jurisdiction, audited, and passed on to the record's owner (its kind's on_decide)."""

from uuid import UUID

from django.db import transaction
from django.utils import timezone

from refah.audit.actions import AuditAction
from refah.audit.services import audit_record
from refah.common.errors import ConflictError, PermissionDeniedError, RefahError
from refah.linkage import errors
from refah.linkage.enums import LinkMethod, ReviewStatus
from refah.linkage.models import Link, LinkReview
from refah.linkage.selectors import access_link_by_id, access_review_by_id
from refah.linkage.services.kinds import Decision, link_kind
from refah.registry.selectors import access_person_by_id


def review_accept(*, actor, review_id, person_id, reason: str = "", keep_id=None) -> Link:
    """The record is this candidate: a clerical link. For two registry persons the link merges them: `keep_id`
    is the one kept (by default the one with a valid TC Kimlik No, else the older record), `reason` the clerk's."""
    _require(actor, "linkage.decide_linkreview")
    with transaction.atomic():
        review = _open_review(actor, review_id)
        candidate = _candidate(review, person_id)
        access_person_by_id(user=actor, person_id=candidate["person_id"])  # still in the clerk's jurisdiction
        if Link.objects.filter(kind=review.kind, record_id=review.record_id, undone_at__isnull=True).exists():
            raise ConflictError(errors.ERR_ALREADY_LINKED)
        link = Link.objects.create(
            kind=review.kind,
            record_id=review.record_id,
            person_id=candidate["person_id"],
            district_id=review.district_id,
            province_id=review.province_id,
            method=LinkMethod.CLERICAL,
            probability=candidate["probability"],
            evidence=candidate["evidence"],
            created_by=actor,
        )
        _decide(review, actor, ReviewStatus.ACCEPTED, link=link, reason=(reason or "").strip()[:500])
        audit_record(
            actor=actor,
            action=AuditAction.LINK_REVIEW_ACCEPTED,
            obj=review,
            after={"record_id": review.record_id, "person_id": candidate["person_id"], "link_id": str(link.pk)},
        )
        decision = Decision(link_id=link.pk, review_id=review.pk, reason=(reason or "").strip()[:500], keep_id=keep_id)
        link_kind(review.kind).on_decide(review.record_id, UUID(candidate["person_id"]), actor, decision)
    return link


def review_reject(*, actor, review_id, reason: str) -> LinkReview:
    """None of the candidates is the record's person."""
    _require(actor, "linkage.decide_linkreview")
    reason = _reason(reason)
    with transaction.atomic():
        review = _open_review(actor, review_id)
        _decide(review, actor, ReviewStatus.REJECTED, reason=reason)
        audit_record(
            actor=actor,
            action=AuditAction.LINK_REVIEW_REJECTED,
            obj=review,
            after={"record_id": review.record_id, "reason": reason},
        )
        link_kind(review.kind).on_decide(review.record_id, None, actor, Decision(review_id=review.pk, reason=reason))
    return review


def link_undo(*, actor, link_id, reason: str) -> Link:
    """The link was wrong: it stays on file as undone, and the record is unlinked."""
    _require(actor, "linkage.undo_link")
    reason = _reason(reason)
    with transaction.atomic():
        link = access_link_by_id(user=actor, link_id=link_id)
        link = Link.objects.select_for_update().get(pk=link.pk)
        if link.undone_at is not None:
            raise ConflictError(errors.ERR_ALREADY_UNDONE)
        link.undone_at, link.undone_by, link.undone_reason = timezone.now(), actor, reason
        link.save(update_fields=["undone_at", "undone_by", "undone_reason", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.LINK_UNDONE,
            obj=link,
            before={"person_id": str(link.person_id)},
            after={"record_id": link.record_id, "reason": reason},
        )
        link_kind(link.kind).on_decide(link.record_id, None, actor, Decision(link_id=link.pk, reason=reason))
    return link


def _require(actor, permission: str) -> None:
    if not actor.has_perm(permission):
        raise PermissionDeniedError(errors.ERR_NO_PERMISSION)


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise RefahError(errors.ERR_REASON_REQUIRED, field="reason")
    return reason[:500]


def _open_review(actor, review_id) -> LinkReview:
    review = access_review_by_id(user=actor, review_id=review_id)
    review = LinkReview.objects.select_for_update().get(pk=review.pk)
    if review.status != ReviewStatus.OPEN:
        raise ConflictError(errors.ERR_REVIEW_DECIDED)
    return review


def _candidate(review: LinkReview, person_id) -> dict:
    wanted = str(person_id)
    for candidate in review.candidates:
        if candidate["person_id"] == wanted:
            return candidate
    raise RefahError(errors.ERR_NOT_A_CANDIDATE, field="person_id")


def _decide(review: LinkReview, actor, status: str, *, link=None, reason: str = "") -> None:
    review.status, review.decided_by, review.decided_at = status, actor, timezone.now()
    review.link, review.reason = link, reason
    review.save(update_fields=["status", "decided_by", "decided_at", "link", "reason", "updated_at"])
