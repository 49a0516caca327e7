"""Reads of record linkage: review items and links in the user's jurisdiction; one of each by id; a review
item with its candidates' registry details (a read of personal data: logged)."""

from dataclasses import dataclass

from django.db.models import QuerySet

from refah.accounts.selectors import jurisdiction_q
from refah.audit.enums import AccessChannel, AccessKind, AccessPurpose
from refah.audit.services_access import access_record
from refah.common.errors import NotFoundError, PermissionDeniedError
from refah.linkage import errors
from refah.linkage.enums import ReviewStatus
from refah.linkage.models import Link, LinkReview
from refah.registry.models import Membership, Person
from refah.registry.selectors import uuid_or_404

VIEW_REVIEW = "linkage.view_linkreview"
VIEW_LINK = "linkage.view_link"


def _require(user, permission: str) -> None:
    if not user.has_perm(permission):
        raise PermissionDeniedError(errors.ERR_NO_PERMISSION)


def review_list(*, user, status: str | None = ReviewStatus.OPEN) -> QuerySet[LinkReview]:
    """Review items of the user's jurisdiction, oldest first (open ones by default)."""
    _require(user, VIEW_REVIEW)
    reviews = LinkReview.objects.filter(jurisdiction_q(user)).select_related("district")
    return reviews.filter(status=status) if status else reviews


def access_review_by_id(*, user, review_id) -> LinkReview:
    _require(user, VIEW_REVIEW)
    key = uuid_or_404(review_id, errors.ERR_REVIEW_NOT_FOUND)
    review = LinkReview.objects.filter(jurisdiction_q(user), pk=key).select_related("district").first()
    if review is None:
        raise NotFoundError(errors.ERR_REVIEW_NOT_FOUND)
    return review


@dataclass(frozen=True)
class Candidate:
    person: Person | None  # None: no longer in the registry or the user's jurisdiction
    person_id: str
    probability: float
    evidence: dict


def review_read(*, user, review_id, channel: str = AccessChannel.SCREEN) -> tuple[LinkReview, list[Candidate]]:
    """A review item and its candidates as registry persons; the candidates' details shown are logged."""
    review = access_review_by_id(user=user, review_id=review_id)
    ids = [c["person_id"] for c in review.candidates]
    visible = Person.objects.filter(pk__in=ids, memberships__in=_current_in_jurisdiction(user)).distinct()
    persons = {str(p.pk): p for p in visible}
    candidates = [
        Candidate(persons.get(c["person_id"]), c["person_id"], c["probability"], c["evidence"])
        for c in review.candidates
    ]
    if persons:
        access_record(
            actor=user,
            purpose=AccessPurpose.CASE_WORK,
            channel=channel,
            kind=AccessKind.SEARCH,
            persons=list(persons),
            district_id=review.district_id,
        )
    return review, candidates


def _current_in_jurisdiction(user):
    return Membership.objects.current().filter(jurisdiction_q(user, prefix="household__"))


def link_list(*, user, kind: str | None = None, record_id: str | None = None) -> QuerySet[Link]:
    """Links of the user's jurisdiction, newest first, undone ones included."""
    _require(user, VIEW_LINK)
    links = Link.objects.filter(jurisdiction_q(user)).select_related("person", "district", "created_by", "undone_by")
    if kind:
        links = links.filter(kind=kind)
    if record_id:
        links = links.filter(record_id=record_id)
    return links


def access_link_by_id(*, user, link_id) -> Link:
    _require(user, VIEW_LINK)
    key = uuid_or_404(link_id, errors.ERR_LINK_NOT_FOUND)
    link = Link.objects.filter(jurisdiction_q(user), pk=key).select_related("person", "district").first()
    if link is None:
        raise NotFoundError(errors.ERR_LINK_NOT_FOUND)
    return link
