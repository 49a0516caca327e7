"""Writes of a meeting's life: planned, opened with the present members' quorum, closed.

Between opening and closing: agenda_build (refah.committees.services.agenda), recusals and votes (votes),
item_decide (decisions). Minutes are rendered from what is stored (refah.committees.minutes).
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.committees import errors
from refah.committees.enums import MeetingStatus
from refah.committees.models import Attendance, Committee, CommitteeMember, Meeting
from refah.committees.selectors import meeting_members, meeting_quorum, require_perm
from refah.committees.services._common import lock_meeting, require_office
from refah.common.errors import ConflictError


@transaction.atomic
def meeting_create(*, actor, committee: Committee, reference: str, scheduled_at: dt.datetime, location: str = ""):
    """Plan a meeting of the committee."""
    require_perm(actor, "committees.manage_meeting")
    require_office(actor, committee.office)
    meeting = Meeting(
        committee=committee, reference=reference, scheduled_at=scheduled_at, location=location, created_by=actor
    )
    meeting.full_clean()
    meeting.save()
    audit_record(actor=actor, action=AuditAction.MEETING_CREATE, obj=meeting, after=snapshot(meeting))
    return meeting


@transaction.atomic
def meeting_open(*, actor, meeting: Meeting, present: list[CommitteeMember]) -> Meeting:
    """Record who is present and open the meeting; refused without quorum of the sitting members."""
    require_perm(actor, "committees.manage_meeting")
    meeting = lock_meeting(meeting)
    require_office(actor, meeting.committee.office)
    if meeting.status != MeetingStatus.PLANNED:
        raise ConflictError(errors.ERR_NOT_PLANNED)
    sitting = {m.pk for m in meeting_members(meeting=meeting)}
    present_ids = {m.pk for m in present}
    if not present_ids <= sitting:
        raise ValidationError({"present": errors.ERR_MEMBER_NOT_FOUND})
    quorum = meeting_quorum(meeting=meeting, present_ids=present_ids)
    if not quorum.met:
        raise ConflictError(
            errors.ERR_NO_QUORUM % {"present": quorum.present, "members": quorum.members, "required": quorum.required},
            code="no_quorum",
        )
    Attendance.objects.bulk_create(Attendance(meeting=meeting, member_id=pk) for pk in present_ids)
    meeting.status = MeetingStatus.OPEN
    meeting.opened_at = timezone.now()
    meeting.save(update_fields=["status", "opened_at", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.MEETING_OPEN,
        obj=meeting,
        after={"present": sorted(str(pk) for pk in present_ids), "members": quorum.members},
    )
    return meeting


@transaction.atomic
def meeting_close(*, actor, meeting: Meeting) -> Meeting:
    """Close an open meeting; undecided items stay with their cases, which return to the next agenda."""
    require_perm(actor, "committees.manage_meeting")
    meeting = lock_meeting(meeting)
    require_office(actor, meeting.committee.office)
    if meeting.status != MeetingStatus.OPEN:
        raise ConflictError(errors.ERR_NOT_OPEN)
    meeting.status = MeetingStatus.CLOSED
    meeting.closed_at = timezone.now()
    meeting.save(update_fields=["status", "closed_at", "updated_at"])
    undecided = list(meeting.items.filter(decided_at__isnull=True).values_list("application__reference", flat=True))
    audit_record(actor=actor, action=AuditAction.MEETING_CLOSE, obj=meeting, after={"undecided": undecided})
    return meeting
