"""Committee endpoints under /api/v1/committees/: meetings, agenda, recusals, votes, decisions, deviation.

Every object is found through a jurisdiction-scoped selector (another office's meeting is "not
found"); each write is one service call; errors are rendered by the handlers in config/api.py.
"""

from ninja import Router
from ninja.responses import Status

from refah.committees import deviation, selectors, services
from refah.committees.schemas import (
    DecideIn,
    DecisionOut,
    DeviationOut,
    ItemOut,
    MeetingDetail,
    MeetingIn,
    MeetingOut,
    OpenIn,
    RecusalIn,
    RecusalOut,
    VoteIn,
    VoteOut,
)
from refah.registry.schemas import ERRORS, WRITE_ERRORS

router = Router(tags=["committees"])


def _meeting(meeting) -> dict:
    fields = ("id", "committee_id", "reference", "scheduled_at", "location", "status", "opened_at", "closed_at")
    out = {name: getattr(meeting, name) for name in (*fields, "agenda_built_at")}
    return {**out, "committee": meeting.committee.name, "office_id": meeting.committee.office_id}


def _detail(meeting) -> dict:
    present = selectors.present_member_ids(meeting=meeting)
    quorum = selectors.meeting_quorum(meeting=meeting, present_ids=present)
    members = [
        {
            "id": m.pk,
            "full_name": m.full_name,
            "role": m.role,
            "title": m.title,
            "external": m.is_external,
            "present": m.pk in present,
        }
        for m in selectors.meeting_members(meeting=meeting)
    ]
    quorum_out = {"present": quorum.present, "members": quorum.members, "required": quorum.required, "met": quorum.met}
    return {**_meeting(meeting), "members": members, "quorum": quorum_out}


def _item(view) -> dict:
    q = view.quorum
    return {
        "id": view.item.pk,
        "position": view.item.position,
        "application_id": view.case.application_id,
        "application": view.case.reference,
        "household": view.case.household_code,
        "need_score": view.case.need_score,
        "programs": [vars(p) for p in view.case.programs],
        "quorum": {"present": q.present, "members": q.members, "required": q.required, "met": q.met},
        "recusals": view.recusals,
        "votes": list(view.votes.values()),
        "decisions": view.decisions,
        "decided_at": view.item.decided_at,
    }


@router.get("/meetings", response={200: list[MeetingOut], **ERRORS}, summary="List meetings")
def meeting_list(request, status: str | None = None):
    """Meetings of the committees in your jurisdiction, newest first."""
    return [_meeting(m) for m in selectors.meeting_list(user=request.user, status=status)[:200]]


@router.post("/meetings", response={201: MeetingDetail, **WRITE_ERRORS}, summary="Plan a meeting")
def meeting_create(request, payload: MeetingIn):
    committee = selectors.access_committee_by_id(user=request.user, committee_id=payload.committee_id)
    meeting = services.meeting_create(
        actor=request.user,
        committee=committee,
        reference=payload.reference,
        scheduled_at=payload.scheduled_at,
        location=payload.location,
    )
    return Status(201, _detail(meeting))


@router.get("/meetings/{meeting_id}", response={200: MeetingDetail, **ERRORS}, summary="Get a meeting")
def meeting_get(request, meeting_id: str):
    """The meeting with its sitting members, who is present, and the quorum."""
    return _detail(selectors.access_meeting_by_id(user=request.user, meeting_id=meeting_id))


@router.post("/meetings/{meeting_id}/open", response={200: MeetingDetail, **WRITE_ERRORS}, summary="Open a meeting")
def meeting_open(request, meeting_id: str, payload: OpenIn):
    """Record the members present and open the meeting; 409 without quorum."""
    meeting = selectors.access_meeting_by_id(user=request.user, meeting_id=meeting_id)
    present = [selectors.member_get(committee=meeting.committee, member_id=pk) for pk in payload.present]
    return _detail(services.meeting_open(actor=request.user, meeting=meeting, present=present))


@router.post("/meetings/{meeting_id}/close", response={200: MeetingDetail, **WRITE_ERRORS}, summary="Close a meeting")
def meeting_close(request, meeting_id: str):
    meeting = selectors.access_meeting_by_id(user=request.user, meeting_id=meeting_id)
    return _detail(services.meeting_close(actor=request.user, meeting=meeting))


@router.post("/meetings/{meeting_id}/agenda", response={201: list[ItemOut], **WRITE_ERRORS}, summary="Build the agenda")
def agenda_build(request, meeting_id: str):
    """Put the cases waiting for the committee on the agenda in random order; members' conflicts are detected."""
    meeting = selectors.access_meeting_by_id(user=request.user, meeting_id=meeting_id)
    services.agenda_build(actor=request.user, meeting=meeting)
    return Status(201, [_item(v) for v in selectors.meeting_agenda(meeting=meeting)])


@router.get("/meetings/{meeting_id}/agenda", response={200: list[ItemOut], **ERRORS}, summary="Get the agenda")
def agenda_get(request, meeting_id: str):
    """The agenda in its drawn order with frozen scores, recusals, votes and decisions."""
    meeting = selectors.access_meeting_by_id(user=request.user, meeting_id=meeting_id)
    return [_item(v) for v in selectors.meeting_agenda(meeting=meeting)]


def _item_member(request, item_id, member_id):
    item = selectors.access_item_by_id(user=request.user, item_id=item_id)
    return item, selectors.member_get(committee=item.meeting.committee, member_id=member_id)


@router.post("/items/{item_id}/recusals", response={201: RecusalOut, **WRITE_ERRORS}, summary="Declare a conflict")
def recusal_declare(request, item_id: str, payload: RecusalIn):
    item, member = _item_member(request, item_id, payload.member_id)
    return Status(201, services.recusal_declare(actor=request.user, item=item, member=member, reason=payload.reason))


@router.post("/items/{item_id}/votes", response={201: VoteOut, **WRITE_ERRORS}, summary="Cast a vote")
def vote_cast(request, item_id: str, payload: VoteIn):
    """A member's vote on one program; 403 for a recused member, 409 for an absent one."""
    item, member = _item_member(request, item_id, payload.member_id)
    vote = services.vote_cast(
        actor=request.user, item=item, member=member, program=payload.program, choice=payload.choice
    )
    return Status(201, vote)


@router.post("/items/{item_id}/decision", response={201: list[DecisionOut], **WRITE_ERRORS}, summary="Decide an item")
def item_decide(request, item_id: str, payload: DecideIn):
    """Tally the votes per program and record the decisions on the case; 422 without a needed justification."""
    item = selectors.access_item_by_id(user=request.user, item_id=item_id)
    decisions = services.item_decide(
        actor=request.user,
        item=item,
        reason_codes=payload.reason_codes,
        justifications=payload.justifications,
        justification=payload.justification,
    )
    return Status(201, decisions)


@router.get("/deviation", response={200: list[DeviationOut], **ERRORS}, summary="Deviation report")
def deviation_report(request):
    """Committees of your jurisdiction with their rate of decisions against the objective score, flagged first."""
    return [
        {
            "committee_id": r.committee.pk,
            "committee": r.committee.name,
            "decisions": r.decisions,
            "approved_against": r.approved_against,
            "rejected_against": r.rejected_against,
            "rate": r.rate,
            "peer_median": r.peer_median,
            "flagged": r.flagged,
        }
        for r in deviation.committee_deviation(user=request.user)
    ]
