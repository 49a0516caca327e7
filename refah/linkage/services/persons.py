"""Registry persons found to be one (review items of kind "registry_person", opened by `refah linkage duplicates`).

Accepting an item merges the two records (registry.services.person_merge) under the link it makes; undoing that
link undoes the merge; undoing the merge in the registry (its screen or API) undoes the link, through the
registry's person_unmerged signal. Which record is kept is the clerk's choice, by default the one with a valid TC
Kimlik No, else the older record."""

from uuid import UUID

from django.db import transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext

from refah.audit.actions import AuditAction
from refah.audit.services import audit_record
from refah.common.errors import NotFoundError, RefahError
from refah.linkage import errors
from refah.linkage.enums import ReviewStatus
from refah.linkage.models import Link, LinkReview
from refah.linkage.services.kinds import Decision
from refah.registry import enums as registry_enums
from refah.registry import errors as registry_errors
from refah.registry import selectors as registry_selectors
from refah.registry import services as registry_services
from refah.registry.identity import is_valid_identity_number
from refah.registry.models import Person


def registry_person_decided(record_id: str, person_id, actor, decision: Decision) -> None:
    """on_decide of kind "registry_person": merge on accept; undo the link's merge, if it made one, on undo."""
    if person_id is not None:
        _merge(record_id, person_id, actor, decision)
    elif decision.link_id is not None:
        merge = registry_selectors.merge_by_link(link_id=decision.link_id)
        if merge is not None:
            registry_services.person_merge_undo(actor=actor, merge_id=merge.pk, reason=decision.reason)


def _merge(record_id: str, person_id, actor, decision: Decision) -> None:
    pair = _pair(record_id, person_id)
    if decision.keep_id is None:
        keep = keep_by_default(*pair)
    else:
        keep = next((p for p in pair if p.pk == UUID(str(decision.keep_id))), None)
        if keep is None:
            raise RefahError(errors.ERR_KEEP_NOT_IN_PAIR, field="keep_id")
    registry_services.person_merge(
        actor=actor,
        keep=keep,
        drop=pair[1] if keep is pair[0] else pair[0],
        reason=decision.reason or gettext("Found to be the same person on link review."),
        review_id=decision.review_id,
        link_id=decision.link_id,
    )


def _pair(record_id: str, person_id) -> tuple[Person, Person]:
    try:
        ids = (UUID(str(record_id)), UUID(str(person_id)))
    except ValueError:
        raise NotFoundError(registry_errors.ERR_PERSON_NOT_FOUND, field="person_id") from None
    found = Person.objects.in_bulk(ids)
    if len(found) != 2:
        raise NotFoundError(registry_errors.ERR_PERSON_NOT_FOUND, field="person_id")
    return found[ids[0]], found[ids[1]]


def keep_by_default(first: Person, second: Person) -> Person:
    """The record with a valid TC Kimlik No, else the older record."""
    numbered = [p for p in (first, second) if _valid_tc(p)]
    if len(numbered) == 1:
        return numbered[0]
    return min((first, second), key=lambda p: (p.created_at, str(p.pk)))


def _valid_tc(person: Person) -> bool:
    number = person.national_id or ""
    return person.id_kind == registry_enums.IdKind.TC and is_valid_identity_number(number)


def keep_by_default_id(record_id: str, candidate: Person | None) -> str | None:
    """The id of the record kept by default for a review item's record and one of its candidates (screens)."""
    if candidate is None:
        return None
    try:
        first, second = _pair(record_id, candidate.pk)
    except NotFoundError:
        return str(candidate.pk)
    return str(keep_by_default(first, second).pk)


def merge_undone(sender, merge, actor, **kwargs) -> None:
    """The registry undid a merge a link made: the link is undone with the same reason (person_unmerged)."""
    if merge.link_id is None:
        return
    with transaction.atomic():
        link = Link.objects.select_for_update().filter(pk=merge.link_id, undone_at__isnull=True).first()
        if link is None:
            return
        link.undone_at, link.undone_by, link.undone_reason = timezone.now(), actor, merge.undone_reason
        link.save(update_fields=["undone_at", "undone_by", "undone_reason", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.LINK_UNDONE,
            obj=link,
            before={"person_id": str(link.person_id)},
            after={"record_id": link.record_id, "reason": merge.undone_reason, "merge_id": str(merge.pk)},
        )


def merge_made(sender, merge, actor, **kwargs) -> None:
    """The registry merged two persons (person_merged): open review items of kind "registry_person" naming the
    merged record, as their record or a candidate, are closed — accepted where they paired these very two records,
    rejected as moot otherwise (the record no longer stands alone) — each with its reason and audited. The item the
    merge came from, if any, is decided by its own acceptance."""
    from refah.linkage.apps import REGISTRY_PERSON

    drop, keep = str(merge.drop_id), str(merge.keep_id)
    items = (
        LinkReview.objects.select_for_update()
        .filter(kind=REGISTRY_PERSON, status=ReviewStatus.OPEN)
        .annotate(named=Cast("candidates", TextField()))
        .filter(Q(record_id=drop) | Q(named__contains=drop))
    )
    if merge.review_id:
        items = items.exclude(pk=merge.review_id)
    for review in items:
        pair = {review.record_id, *(c.get("person_id") for c in review.candidates)}
        same = {drop, keep} <= pair
        if same:
            status = ReviewStatus.ACCEPTED
            action = AuditAction.LINK_REVIEW_ACCEPTED
            reason = gettext("The two records were merged on the registry's person page.")
        else:
            status = ReviewStatus.REJECTED
            action = AuditAction.LINK_REVIEW_REJECTED
            reason = gettext("One of its records was merged into another person's record.")
        review.status, review.decided_by, review.decided_at, review.reason = status, actor, timezone.now(), reason
        review.save(update_fields=["status", "decided_by", "decided_at", "reason", "updated_at"])
        audit_record(
            actor=actor,
            action=action,
            obj=review,
            after={"record_id": review.record_id, "reason": reason, "merge_id": str(merge.pk)},
        )
