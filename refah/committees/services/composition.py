"""Writes of a committee's composition: the committee with its quorum and majority rules, and its members' seats."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.committees import errors
from refah.committees.enums import MemberRole
from refah.committees.models import Committee, CommitteeMember
from refah.committees.selectors import require_perm
from refah.committees.services._common import require_office


@transaction.atomic
def committee_create(*, actor, office, name: str, kind: str, **rules) -> Committee:
    """A committee of an office; `rules` sets quorum_*, majority_*, chair_breaks_tie, need_score_cutoff."""
    require_perm(actor, "committees.add_committee")
    require_office(actor, office)
    committee = Committee(office=office, name=name, kind=kind, **rules)
    committee.full_clean()
    if committee.quorum_num > committee.quorum_den or committee.majority_num > committee.majority_den:
        raise ValidationError(errors.ERR_MAJORITY_FRACTION)
    committee.save()
    audit_record(actor=actor, action=AuditAction.COMMITTEE_CREATE, obj=committee, after=snapshot(committee))
    return committee


@transaction.atomic
def member_add(
    *,
    actor,
    committee: Committee,
    full_name: str,
    since: dt.date,
    role: str = MemberRole.MEMBER,
    user=None,
    national_id: str = "",
    person=None,
    title: str = "",
    until: dt.date | None = None,
) -> CommitteeMember:
    """Seat a staff user or an external person (a muhtar) on the committee; at most one sitting chair."""
    require_perm(actor, "committees.add_committeemember")
    require_office(actor, committee.office)
    if not full_name and user is None:
        raise ValidationError(errors.ERR_MEMBER_IDENTITY)
    member = CommitteeMember(
        committee=committee,
        user=user,
        full_name=full_name or user.get_full_name() or user.get_username(),
        national_id=national_id,
        person=person,
        title=title,
        role=role,
        since=since,
        until=until,
    )
    if until and until < since:
        raise ValidationError({"until": errors.ERR_UNTIL_BEFORE_SINCE})
    member.full_clean()
    if role == MemberRole.CHAIR and _overlapping_chair(member).exists():
        raise ValidationError({"role": errors.ERR_ONE_CHAIR})
    member.save()
    audit_record(actor=actor, action=AuditAction.COMMITTEE_MEMBER_ADD, obj=member, after=snapshot(member))
    return member


@transaction.atomic
def member_end(*, actor, member: CommitteeMember, until: dt.date) -> CommitteeMember:
    """End a seat on a date (the member sits until and including it); audited."""
    require_perm(actor, "committees.change_committeemember")
    require_office(actor, member.committee.office)
    member = CommitteeMember.objects.select_for_update().get(pk=member.pk)
    if until < member.since:
        raise ValidationError({"until": errors.ERR_UNTIL_BEFORE_SINCE})
    before = snapshot(member)
    member.until = until
    member.save(update_fields=["until", "updated_at"])
    audit_record(
        actor=actor, action=AuditAction.COMMITTEE_MEMBER_END, obj=member, before=before, after=snapshot(member)
    )
    return member


def _overlapping_chair(member: CommitteeMember):
    qs = CommitteeMember.objects.filter(committee=member.committee, role=MemberRole.CHAIR)
    qs = qs.exclude(until__lt=member.since)
    return qs.filter(since__lte=member.until) if member.until else qs
