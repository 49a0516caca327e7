import pytest
from django.core.exceptions import ValidationError

from refah.committees import errors, selectors, services
from refah.committees.enums import MeetingStatus
from refah.common.errors import ConflictError


def test_quorum_refused_below_absolute_majority(meeting, members, secretary):
    # 5 members: more than 5 × 1/2 = 2.5 → 3 needed; 2 present is not enough
    with pytest.raises(ConflictError) as exc:
        services.meeting_open(actor=secretary, meeting=meeting, present=members[:2])
    assert exc.value.code == "no_quorum"
    assert str(exc.value.message) == errors.ERR_NO_QUORUM % {"present": 2, "members": 5, "required": 3}
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED
    assert not meeting.attendance.exists()


def test_quorum_met_opens_and_records_attendance(meeting, members, secretary):
    services.meeting_open(actor=secretary, meeting=meeting, present=members[:3])
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.OPEN
    assert selectors.present_member_ids(meeting=meeting) == {m.pk for m in members[:3]}


def test_quorum_rule_is_data_on_the_committee(meeting, members, secretary, board):
    # two thirds, at least: 5 × 2/3 = 3.33 → 4 needed
    board.quorum_num, board.quorum_den, board.quorum_strict = 2, 3, False
    board.save()
    with pytest.raises(ConflictError):
        services.meeting_open(actor=secretary, meeting=meeting, present=members[:3])
    services.meeting_open(actor=secretary, meeting=meeting, present=members[:4])


def test_item_quorum_excludes_recused_members(meeting, members, secretary, make_case):
    make_case()
    (item,) = services.agenda_build(actor=secretary, meeting=meeting)
    services.meeting_open(actor=secretary, meeting=meeting, present=members[:3])
    services.recusal_declare(actor=members[1].user, item=item, member=members[1], reason="Neighbour and friend")
    # 3 present, 1 recused → 2 of 5, 3 needed
    with pytest.raises(ConflictError) as exc:
        services.item_decide(actor=secretary, item=item)
    assert str(exc.value.message) == errors.ERR_NO_QUORUM_ITEM % {"present": 2, "required": 3}


def test_member_outside_seat_dates_does_not_count(meeting, members, secretary):
    members[0].until = members[0].since
    members[0].save()
    # 4 sitting members now: more than 2 → 3 needed; the former chair is not a sitting member
    with pytest.raises(ValidationError):
        services.meeting_open(actor=secretary, meeting=meeting, present=members[:3])
    services.meeting_open(actor=secretary, meeting=meeting, present=members[1:4])
