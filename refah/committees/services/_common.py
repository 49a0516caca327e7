"""What the committee services check first: the office in the actor's jurisdiction, the locked meeting or item."""

from refah.committees import errors
from refah.committees.enums import MeetingStatus
from refah.committees.models import AgendaItem, Meeting
from refah.committees.selectors import office_in_jurisdiction
from refah.common.errors import ConflictError, PermissionDeniedError


def require_office(actor, office) -> None:
    if not office_in_jurisdiction(actor, office):
        raise PermissionDeniedError(errors.ERR_OUTSIDE_JURISDICTION)


def lock_meeting(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().select_related("committee__office").get(pk=meeting.pk)


def lock_item(item: AgendaItem) -> AgendaItem:
    item = (
        AgendaItem.objects.select_for_update()
        .select_related("meeting__committee__office", "application")
        .get(pk=item.pk)
    )
    if item.meeting.status == MeetingStatus.CLOSED:
        raise ConflictError(errors.ERR_ALREADY_CLOSED)
    if item.decided_at:
        raise ConflictError(errors.ERR_ITEM_DECIDED)
    return item
