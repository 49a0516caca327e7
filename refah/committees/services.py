"""Writes of the committees app: one audited transaction per action, permission and jurisdiction checked first.

Meeting life: meeting_create → agenda_build (random order, automatic recusals) → meeting_open
(attendance, quorum) → recusal_declare / vote_cast → item_decide (per program, through the case's
case_record_decision) → meeting_close. Minutes are rendered from what is stored (refah.committees.minutes).
"""

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from refah.audit.actions import AuditAction
from refah.audit.ledger import ledger_append
from refah.audit.services import audit_record, snapshot
from refah.cases.selectors import cases_ready_for_committee
from refah.cases.services import case_record_decision
from refah.committees import casefile, errors, recusals, rules
from refah.committees.enums import MeetingStatus, MemberRole, Outcome, RecusalReason
from refah.committees.models import (
    AgendaItem,
    Attendance,
    Committee,
    CommitteeMember,
    ItemDecision,
    Meeting,
    Recusal,
    Vote,
)
from refah.committees.selectors import (
    item_quorum,
    meeting_members,
    meeting_quorum,
    office_in_jurisdiction,
    require_perm,
)
from refah.common.errors import ConflictError, NotFoundError, PermissionDeniedError, RefahError

_random = secrets.SystemRandom()


def _require_office(actor, office) -> None:
    if not office_in_jurisdiction(actor, office):
        raise PermissionDeniedError(errors.ERR_OUTSIDE_JURISDICTION)


@transaction.atomic
def committee_create(*, actor, office, name: str, kind: str, **rules) -> Committee:
    """A committee of an office; `rules` sets quorum_*, majority_*, chair_breaks_tie, need_score_cutoff."""
    require_perm(actor, "committees.add_committee")
    _require_office(actor, office)
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
    _require_office(actor, committee.office)
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
    _require_office(actor, member.committee.office)
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


@transaction.atomic
def meeting_create(*, actor, committee: Committee, reference: str, scheduled_at: dt.datetime, location: str = ""):
    """Plan a meeting of the committee."""
    require_perm(actor, "committees.manage_meeting")
    _require_office(actor, committee.office)
    meeting = Meeting(
        committee=committee, reference=reference, scheduled_at=scheduled_at, location=location, created_by=actor
    )
    meeting.full_clean()
    meeting.save()
    audit_record(actor=actor, action=AuditAction.MEETING_CREATE, obj=meeting, after=snapshot(meeting))
    return meeting


def _lock(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().select_related("committee__office").get(pk=meeting.pk)


@transaction.atomic
def agenda_build(*, actor, meeting: Meeting) -> list[AgendaItem]:
    """Put every case waiting for this committee's office on the agenda, in an order drawn at random.

    The order comes from the operating system's random source (secrets.SystemRandom): nobody can
    choose or predict where a case lands. The drawn order is stored and audited; the minutes show it.
    """
    require_perm(actor, "committees.manage_meeting")
    meeting = _lock(meeting)
    _require_office(actor, meeting.committee.office)
    if meeting.status == MeetingStatus.CLOSED:
        raise ConflictError(errors.ERR_ALREADY_CLOSED)
    if meeting.items.exists():
        raise ConflictError(errors.ERR_AGENDA_EXISTS)
    applications = list(_applications_waiting(meeting))
    if not applications:
        raise RefahError(errors.ERR_NO_CASES)
    _random.shuffle(applications)
    items = AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, application=app, position=i) for i, app in enumerate(applications, start=1)
    )
    meeting.agenda_built_at = timezone.now()
    meeting.save(update_fields=["agenda_built_at", "updated_at"])
    order = [app.reference for app in applications]
    audit_record(actor=actor, action=AuditAction.AGENDA_BUILD, obj=meeting, after={"order": order})
    members = meeting_members(meeting=meeting)
    for item in items:
        _detect_recusals(actor=actor, item=item, members=members)
    return items


def _applications_waiting(meeting: Meeting):
    """Cases ready for the committee's office that are not already on another unclosed meeting's agenda."""
    pending = AgendaItem.objects.filter(decided_at__isnull=True).exclude(meeting__status=MeetingStatus.CLOSED)
    return (
        cases_ready_for_committee(office=meeting.committee.office)
        .exclude(pk__in=pending.values("application_id"))
        .select_related("household")
        .order_by("pk")
    )


def _detect_recusals(*, actor, item: AgendaItem, members: list[CommitteeMember]) -> list[Recusal]:
    household = item.application.household
    found = []
    already = set(item.recusals.values_list("member_id", flat=True))
    for member in members:
        person = recusals.member_person(member)
        if member.pk in already or person is None:
            continue
        conflict = recusals.conflict_of(person=person, household=household)
        if conflict:
            recusal = Recusal.objects.create(
                item=item, member=member, reason=conflict.reason, detail=conflict.detail, automatic=True
            )
            audit_record(
                actor=actor,
                action=AuditAction.RECUSAL_DETECT,
                obj=recusal,
                after=snapshot(recusal),
                household_id=household.pk,
            )
            found.append(recusal)
    return found


@transaction.atomic
def meeting_open(*, actor, meeting: Meeting, present: list[CommitteeMember]) -> Meeting:
    """Record who is present and open the meeting; refused without quorum of the sitting members."""
    require_perm(actor, "committees.manage_meeting")
    meeting = _lock(meeting)
    _require_office(actor, meeting.committee.office)
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


def _lock_item(item: AgendaItem) -> AgendaItem:
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


@transaction.atomic
def recusal_declare(*, actor, item: AgendaItem, member: CommitteeMember, reason: str) -> Recusal:
    """A member declares a conflict of interest on an item; they then cannot vote on it."""
    require_perm(actor, "committees.cast_vote")
    item = _lock_item(item)
    _require_office(actor, item.meeting.committee.office)
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
    item = _lock_item(item)
    meeting = item.meeting
    _require_office(actor, meeting.committee.office)
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


@transaction.atomic
def item_decide(
    *,
    actor,
    item: AgendaItem,
    reason_codes: dict[str, list[str]] | None = None,
    justifications: dict[str, str] | None = None,
    justification: str = "",
) -> list[ItemDecision]:
    """Tally the votes on each program of the item and record the decisions on the case.

    Refused without quorum of present, non-recused members. A program whose outcome goes against the
    frozen objective result needs a written justification (its own, or the item's `justification`).
    """
    require_perm(actor, "committees.manage_meeting")
    item = _lock_item(item)
    meeting = item.meeting
    _require_office(actor, meeting.committee.office)
    if meeting.status != MeetingStatus.OPEN:
        raise ConflictError(errors.ERR_NOT_OPEN)
    quorum = item_quorum(item=item)
    if not quorum.met:
        raise ConflictError(
            errors.ERR_NO_QUORUM_ITEM % {"present": quorum.present, "required": quorum.required}, code="no_quorum"
        )
    planned = _planned_decisions(item, quorum, reason_codes or {}, justifications or {}, justification)
    recorded = case_record_decision(
        actor=actor,
        application=item.application,
        decisions=[d.as_case_decision() for d in planned],
        meeting_ref=f"{meeting.committee.name} {meeting.reference}",
        justification=justification,
    )
    ItemDecision.objects.bulk_create(planned)
    by_program = {d.program: d for d in planned}
    for row in recorded:
        _ledger(row, by_program[row.program], meeting)
    item.decided_at = timezone.now()
    item.justification = justification
    item.save(update_fields=["decided_at", "justification", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.ITEM_DECIDE,
        obj=item,
        after={d.program: {"outcome": d.outcome, "tally": d.tally, "against": d.against_objective} for d in planned},
        household_id=item.application.household_id,
    )
    return planned


def _ledger(row, decision: ItemDecision, meeting: Meeting) -> None:
    """The public ledger entry of one decision: program, amount and office public; the rest committed privately."""
    office = meeting.committee.office
    ledger_append(
        kind="decision",
        ref=str(row.pk),
        data={
            "application": str(row.application_id),
            "household": str(row.household_id),
            "outcome": row.outcome,
            "meeting": str(meeting.pk),
            "tally": decision.tally,
            "against_objective": decision.against_objective,
            "justification": decision.justification,
        },
        program=row.program,
        period=row.decided_at.strftime("%Y-%m"),
        amount_kurus=row.amount_kurus,
        office_code=office.district.pcode if office.district_id else str(office.pk)[:32],
    )


def _planned_decisions(item, quorum, reason_codes, justifications, justification) -> list[ItemDecision]:
    committee = item.meeting.committee
    case = casefile.case_file(item.application)
    votes = list(item.votes.select_related("member"))
    planned = []
    for line in case.programs:
        program_votes = [v for v in votes if v.program == line.program]
        chair = next((v.choice for v in program_votes if v.member.role == MemberRole.CHAIR), None)
        outcome = rules.outcome_of(
            committee=committee,
            choices=[v.choice for v in program_votes],
            chair_choice=chair,
            present=quorum.present,
            members=quorum.members,
        )
        objective = casefile.objective_approves(
            line=line, need_score=case.need_score, cutoff=committee.need_score_cutoff
        )
        against = casefile.against_objective(outcome=outcome, objective=objective)
        text = (justifications.get(line.program) or justification).strip()
        if against and not text:
            raise ValidationError({"justification": errors.ERR_JUSTIFICATION_REQUIRED % {"program": line.program}})
        planned.append(
            ItemDecision(
                item=item,
                program=line.program,
                outcome=outcome,
                tally=rules.tally([v.choice for v in program_votes]),
                objective_eligible=objective,
                need_score=case.need_score,
                against_objective=against,
                amount_kurus=line.amount_kurus if outcome == Outcome.APPROVED else 0,
                reason_codes=list(reason_codes.get(line.program, [])),
                justification=text,
            )
        )
    return planned


@transaction.atomic
def meeting_close(*, actor, meeting: Meeting) -> Meeting:
    """Close an open meeting; undecided items stay with their cases, which return to the next agenda."""
    require_perm(actor, "committees.manage_meeting")
    meeting = _lock(meeting)
    _require_office(actor, meeting.committee.office)
    if meeting.status != MeetingStatus.OPEN:
        raise ConflictError(errors.ERR_NOT_OPEN)
    meeting.status = MeetingStatus.CLOSED
    meeting.closed_at = timezone.now()
    meeting.save(update_fields=["status", "closed_at", "updated_at"])
    undecided = list(meeting.items.filter(decided_at__isnull=True).values_list("application__reference", flat=True))
    audit_record(actor=actor, action=AuditAction.MEETING_CLOSE, obj=meeting, after={"undecided": undecided})
    return meeting
