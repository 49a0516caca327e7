"""Merges of persons registered twice, and a person's page (a merged record's says whom it was merged into).

A merge is in the jurisdiction of the district the kept person lived in when merged; a merged record is read
through the person it was merged into (it has no household of its own any more)."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from refah.accounts.selectors import jurisdiction_q
from refah.audit.enums import AccessChannel, AccessKind, AccessPurpose
from refah.audit.services_access import access_record
from refah.common.errors import NotFoundError
from refah.registry import errors
from refah.registry.models import Household, Membership, Person, PersonMerge
from refah.registry.selectors.members import current_memberships
from refah.registry.selectors.permissions import can_view_sensitive, require_view, uuid_or_404
from refah.registry.selectors.persons import person_in_jurisdiction

VIEW_MERGES = "registry.view_personmerge"


def merge_list(*, user, person: Person | None = None) -> QuerySet[PersonMerge]:
    """Merges of the user's jurisdiction (or those of one person, kept or merged), newest first, undone ones too."""
    require_view(user, VIEW_MERGES)
    merges = PersonMerge.objects.filter(jurisdiction_q(user)).select_related(
        "keep", "drop", "merged_by", "undone_by", "district"
    )
    return merges.filter(Q(keep=person) | Q(drop=person)) if person is not None else merges


def merges_shown(*, user, merges: list[PersonMerge], channel: str = AccessChannel.SCREEN) -> list[PersonMerge]:
    """The merges as shown (their persons' names): one access-log row naming the persons."""
    if merges:
        persons = list(dict.fromkeys(p for m in merges for p in (m.keep_id, m.drop_id)))
        access_record(
            actor=user,
            purpose=AccessPurpose.CASE_WORK,
            channel=channel,
            kind=AccessKind.SEARCH,
            persons=persons,
            count=len(merges),
        )
    return merges


def access_merge_by_id(*, user, merge_id) -> PersonMerge:
    """A merge of the user's jurisdiction."""
    require_view(user, VIEW_MERGES)
    key = uuid_or_404(merge_id, errors.ERR_MERGE_NOT_FOUND)
    merge = merge_list(user=user).filter(pk=key).first()
    if merge is None:
        raise NotFoundError(errors.ERR_MERGE_NOT_FOUND)
    return merge


def person_for_merge(*, user, person_id=None, identifier: str | None = None, field: str = "person") -> Person:
    """A person of the user's jurisdiction to merge, by id or by identity number / internal id; merged records
    too (the merge refuses them in words). Another district's, or none: not found, naming `field`."""
    require_view(user, "registry.view_person")
    if identifier is not None:
        person = Person.objects.filter(Q(national_id=identifier) | Q(internal_id=identifier)).first()
    else:
        key = uuid_or_404(person_id, errors.ERR_PERSON_NOT_FOUND)
        person = Person.objects.filter(pk=key).first()
    if person is None or not person_in_jurisdiction(user=user, person=person):
        raise NotFoundError(errors.ERR_PERSON_NOT_FOUND, field=field)
    return person


def merge_by_link(*, link_id) -> PersonMerge | None:
    """The live merge a record linkage link made, if any. Not scoped: linkage has checked the link's jurisdiction."""
    return PersonMerge.objects.filter(link_id=link_id, undone_at__isnull=True).first()


_COUNTED = {
    "registry.membership": "memberships",
    "registry.incomesource": "incomes",
    "registry.asset": "assets",
    "registry.schoolattendance": "attendance",
}


def merge_counts(merge: PersonMerge) -> dict[str, int]:
    """How many rows of each kind the merge changed, and how many details of the kept person ("details")."""
    rows: dict[str, set] = {name: set() for name in (*_COUNTED.values(), "details")}
    for change in merge.changes:
        if change["model"] in _COUNTED:
            rows[_COUNTED[change["model"]]].add(change["id"])
        elif change["id"] == str(merge.keep_id) and change["field"] != "name_folded":
            rows["details"].add(change["field"])
    return {name: len(ids) for name, ids in rows.items()}


def merge_details(merge: PersonMerge) -> list[str]:
    """The kept person's fields the merge changed (taken from the merged record)."""
    fields = [c["field"] for c in merge.changes if c["id"] == str(merge.keep_id) and c["field"] != "name_folded"]
    return list(dict.fromkeys(fields))


@dataclass(frozen=True)
class PersonPage:
    person: Person
    household: Household | None  # the current one
    merged_into: Person | None
    merges: list[PersonMerge]  # merges the person is part of, kept or merged, newest first


def _housed_in_jurisdiction(user, person: Person) -> bool:
    """A household (current or last; a merged record's: the kept person's) in the user's jurisdiction. A page
    shows personal data: a person never in a household is nobody's to read."""
    housed = Membership.objects.filter(person_id=person.merged_into_id or person.pk).exists()
    return housed and person_in_jurisdiction(user=user, person=person)


def person_page(*, user, person_id) -> PersonPage:
    """A person of the user's jurisdiction (current or last household; a merged record through the person it was
    merged into) for their page, with the merges they are part of. Logged as a read."""
    require_view(user, "registry.view_person")
    key = uuid_or_404(person_id, errors.ERR_PERSON_NOT_FOUND)
    person = Person.objects.filter(pk=key).select_related("merged_into").prefetch_related(current_memberships()).first()
    if person is None or not _housed_in_jurisdiction(user, person):
        raise NotFoundError(errors.ERR_PERSON_NOT_FOUND)
    household = person.current_memberships[0].household if person.current_memberships else None
    merges = list(merge_list(user=user, person=person)) if user.has_perm(VIEW_MERGES) else []
    access_record(
        actor=user,
        purpose=AccessPurpose.CASE_WORK,
        channel=AccessChannel.SCREEN,
        kind=AccessKind.PERSON,
        obj=person,
        person_id=person.pk,
        household_id=household.pk if household else None,
        district_id=household.district_id if household else None,
        sensitive=can_view_sensitive(user),
    )
    return PersonPage(person, household, person.merged_into, merges)
