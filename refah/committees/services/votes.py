"""Writes of the members' hands on an agenda item: a declared recusal, a vote per program."""

from django.core.exceptions import ValidationError
from django.db import transaction

from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.committees import errors
from refah.committees.enums import MeetingStatus, RecusalReason
from refah.committees.models import AgendaItem, CommitteeMember, Recusal, Vote
from refah.committees.selectors import require_perm
from refah.committees.services._common import lock_item, require_office
from refah.common.errors import ConflictError, NotFoundError, PermissionDeniedError


@transaction.atomic
def recusal_declare(*, actor, item: AgendaItem, member: CommitteeMember, reason: str) -> Recusal:
    """A member declares a conflict of interest on an item; they then cannot vote on it."""
    require_perm(actor, "committees.cast_vote")
    item = lock_item(item)
    require_office(actor, item.meeting.committee.office)
    _require_own_or_manager(actor, member)
    if member.committee_id != item.meeting.committee_id:
        raise NotFoundError(errors.ERR_MEMBER_NOT_FOUND)
    if not reason.strip():
        raise ValidationError({"reason": errors.ERR_REASON_REQUIRED})
    if item.recusals.filter(member=member).exists():
        raise ConflictError(errors.ERR_ALREADY_RECUSED)
    recusal = Recusal.objects.create(item=item, member=member, reason=RecusalReason.DECLARED, detail=reason.strip())
    item.votes.filter(member=member).delete()
    audit_record(
        actor=actor,
        action=AuditAction.RECUSAL_DECLARE,
        obj=recusal,
        after=snapshot(recusal),
        household_id=item.application.household_id,
    )
    return recusal


def _require_own_or_manager(actor, member: CommitteeMember) -> None:
    """Members with an account act for themselves; the secretary (manage_meeting) records external members' hands."""
    if member.user_id == actor.pk:
        return
    if member.is_external and actor.has_perm("committees.manage_meeting"):
        return
    raise PermissionDeniedError(errors.ERR_NOT_OWN_VOTE)


@transaction.atomic
def vote_cast(*, actor, item: AgendaItem, member: CommitteeMember, program: str, choice: str) -> Vote:
    """Record a member's vote on one program of an item (a second vote replaces the first until the item is decided)."""
    require_perm(actor, "committees.cast_vote")
    item = lock_item(item)
    meeting = item.meeting
    require_office(actor, meeting.committee.office)
    _require_own_or_manager(actor, member)
    if meeting.status != MeetingStatus.OPEN:
        raise ConflictError(errors.ERR_NOT_OPEN)
    if not meeting.attendance.filter(member=member).exists():
        raise ConflictError(errors.ERR_ABSENT, code="absent")
    if item.recusals.filter(member=member).exists():
        raise PermissionDeniedError(errors.ERR_RECUSED, code="recused")
    if not item.application.programs.filter(program=program).exists():
        raise ValidationError({"program": errors.ERR_PROGRAM_NOT_ON_CASE})
    vote, _created = Vote.objects.update_or_create(
        item=item, member=member, program=program, defaults={"choice": choice, "recorded_by": actor}
    )
    vote.full_clean()
    audit_record(
        actor=actor,
        action=AuditAction.VOTE_CAST,
        obj=vote,
        after=snapshot(vote),
        household_id=item.application.household_id,
    )
    return vote
