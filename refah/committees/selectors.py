"""Reads of committees and meetings, always scoped to the committees of the user's jurisdiction.

A committee belongs to an office; a user sees the committees of offices in their own district,
province, or (national office) all. Outside it, a meeting is "not found", like a wrong id.
"""

import datetime as dt
import uuid
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from refah.accounts.selectors import NOTHING, office_for_user
from refah.audit.enums import AccessChannel, AccessKind, AccessPurpose
from refah.audit.services_access import access_record
from refah.committees import casefile, errors, rules
from refah.committees.models import AgendaItem, Committee, CommitteeMember, ItemDecision, Meeting, Recusal, Vote
from refah.common.errors import NotFoundError, PermissionDeniedError


def require_perm(user, perm: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDeniedError(errors.ERR_NO_PERMISSION)


def committee_scope_q(user, *, prefix: str = "") -> Q:
    """Filter for committees (prefix "") or objects pointing to one ("committee__") in the user's jurisdiction."""
    office = office_for_user(user)
    if office is None or not user.is_active:
        return NOTHING
    if office.district_id:
        return Q(**{f"{prefix}office__district_id": office.district_id})
    if office.province_id:
        return Q(**{f"{prefix}office__province_id": office.province_id})
    return Q()


def office_in_jurisdiction(user, office) -> bool:
    mine = office_for_user(user)
    if mine is None or not user.is_active:
        return False
    if mine.district_id:
        return mine.district_id == office.district_id
    if mine.province_id:
        return mine.province_id == office.province_id
    return True


def _uuid(value, message):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise NotFoundError(message) from None


def committee_list(*, user) -> QuerySet[Committee]:
    require_perm(user, "committees.view_meeting")
    return Committee.objects.filter(committee_scope_q(user)).select_related("office")


def access_committee_by_id(*, user, committee_id) -> Committee:
    key = _uuid(committee_id, errors.ERR_COMMITTEE_NOT_FOUND)
    committee = committee_list(user=user).filter(pk=key).first()
    if committee is None:
        raise NotFoundError(errors.ERR_COMMITTEE_NOT_FOUND)
    return committee


def meeting_list(*, user, status: str | None = None) -> QuerySet[Meeting]:
    """Meetings the user may see, newest first."""
    require_perm(user, "committees.view_meeting")
    qs = Meeting.objects.filter(committee_scope_q(user, prefix="committee__")).select_related("committee__office")
    return qs.filter(status=status) if status else qs


def access_meeting_by_id(*, user, meeting_id) -> Meeting:
    """One meeting in the user's jurisdiction; outside it, the same "not found" as a wrong id."""
    key = _uuid(meeting_id, errors.ERR_MEETING_NOT_FOUND)
    meeting = meeting_list(user=user).filter(pk=key).first()
    if meeting is None:
        raise NotFoundError(errors.ERR_MEETING_NOT_FOUND)
    return meeting


def meeting_read(*, user, meeting_id) -> Meeting:
    """access_meeting_by_id() for the meeting screen, whose agenda shows each household's case file: the read is logged
    (one access row, the agenda's households its subjects; an empty agenda shows nobody and logs nothing).
    Writes about the meeting use access_meeting_by_id()."""
    meeting = access_meeting_by_id(user=user, meeting_id=meeting_id)
    households = list(meeting.items.order_by("position").values_list("application__household_id", flat=True))
    if households:
        access_record(
            actor=user,
            purpose=AccessPurpose.COMMITTEE,
            channel=AccessChannel.SCREEN,
            kind=AccessKind.HOUSEHOLD_LIST,
            obj=meeting,
            households=households,
        )
    return meeting


def meeting_minutes_read(*, user, meeting_id) -> Meeting:
    """access_meeting_by_id() for the minutes PDF, which names every household on the agenda: the export is logged
    (one access row, the agenda's households its subjects)."""
    meeting = access_meeting_by_id(user=user, meeting_id=meeting_id)
    access_record(
        actor=user,
        purpose=AccessPurpose.COMMITTEE,
        channel=AccessChannel.EXPORT,
        kind=AccessKind.EXPORT,
        obj=meeting,
        households=meeting.items.values_list("application__household_id", flat=True),
    )
    return meeting


def access_item_by_id(*, user, item_id) -> AgendaItem:
    require_perm(user, "committees.view_meeting")
    key = _uuid(item_id, errors.ERR_ITEM_NOT_FOUND)
    item = (
        AgendaItem.objects.filter(committee_scope_q(user, prefix="meeting__committee__"), pk=key)
        .select_related("meeting__committee__office")
        .first()
    )
    if item is None:
        raise NotFoundError(errors.ERR_ITEM_NOT_FOUND)
    return item


def member_get(*, committee: Committee, member_id) -> CommitteeMember:
    """A member (seat) of this committee; any other id is "not found"."""
    key = _uuid(member_id, errors.ERR_MEMBER_NOT_FOUND)
    member = committee.members.filter(pk=key).first()
    if member is None:
        raise NotFoundError(errors.ERR_MEMBER_NOT_FOUND)
    return member


def sitting_members(*, committee: Committee, on: dt.date) -> list[CommitteeMember]:
    """Members whose seat covers the date, chair first."""
    return list(
        committee.members.filter(since__lte=on)
        .filter(Q(until__isnull=True) | Q(until__gte=on))
        .select_related("user", "person")
        .order_by("role", "full_name")
    )


def meeting_date(meeting: Meeting) -> dt.date:
    return timezone.localtime(meeting.scheduled_at).date()


def meeting_members(*, meeting: Meeting) -> list[CommitteeMember]:
    return sitting_members(committee=meeting.committee, on=meeting_date(meeting))


def present_member_ids(*, meeting: Meeting) -> set:
    return set(meeting.attendance.values_list("member_id", flat=True))


def recused_member_ids(*, item: AgendaItem) -> set:
    return set(item.recusals.values_list("member_id", flat=True))


@dataclass
class Quorum:
    present: int
    members: int
    required: int

    @property
    def met(self) -> bool:
        return self.members > 0 and self.present >= self.required


def meeting_quorum(
    *, meeting: Meeting, present_ids: set | None = None, recused_ids: set | None = None, members: list | None = None
) -> Quorum:
    """Quorum of the meeting (or of one item, when recused_ids are excluded from those present)."""
    members = meeting_members(meeting=meeting) if members is None else members
    member_ids = {m.pk for m in members}
    present_ids = present_member_ids(meeting=meeting) if present_ids is None else present_ids
    present = len((present_ids & member_ids) - (recused_ids or set()))
    required = rules.quorum_required(committee=meeting.committee, members=len(members))
    return Quorum(present=present, members=len(members), required=required)


def item_quorum(*, item: AgendaItem) -> Quorum:
    return meeting_quorum(meeting=item.meeting, recused_ids=recused_member_ids(item=item))


@dataclass
class ItemView:
    """One agenda item as the meeting screen and the minutes show it."""

    item: AgendaItem
    case: casefile.CaseFile
    recusals: list[Recusal]
    votes: dict = field(default_factory=dict)  # (member_id, program) -> Vote
    decisions: list[ItemDecision] = field(default_factory=list)
    quorum: Quorum | None = None

    def vote_of(self, member_id, program) -> Vote | None:
        return self.votes.get((member_id, program))


def meeting_agenda(*, meeting: Meeting) -> list[ItemView]:
    """The agenda in its stored (randomly drawn) order, with each case's frozen score and the votes."""
    items = meeting.items.select_related("application").prefetch_related(
        Prefetch("recusals", Recusal.objects.select_related("member")),
        Prefetch("votes", Vote.objects.select_related("member")),
        "decisions",
    )
    present_ids = present_member_ids(meeting=meeting)
    members = meeting_members(meeting=meeting)
    views = []
    for item in items.order_by("position"):
        recusals = list(item.recusals.all())
        views.append(
            ItemView(
                item=item,
                case=casefile.case_file(item.application),
                recusals=recusals,
                votes={(v.member_id, v.program): v for v in item.votes.all()},
                decisions=list(item.decisions.all()),
                quorum=meeting_quorum(
                    meeting=meeting,
                    present_ids=present_ids,
                    recused_ids={r.member_id for r in recusals},
                    members=members,
                ),
            )
        )
    return views
