"""SHM case management: open a case (at intake or from a referral), assign it, assess, plan with goals, put the plan
to work, sessions and appointments, follow-ups, closure with an outcome. Each step checks the transition
(refah/casework/workflow.py), permission and jurisdiction, runs in one transaction and is audited."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from refah.accounts.enums import OfficeKind
from refah.accounts.selectors import district_in_jurisdiction, jurisdiction_q, office_for_user
from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.casework import errors
from refah.casework.enums import (
    REFERRAL_OPEN_STATUSES,
    CaseOutcome,
    CaseStatus,
    GoalStatus,
    NeedArea,
    NeedLevel,
    ReferralStatus,
    RiskLevel,
    SessionKind,
    SessionStatus,
)
from refah.casework.models import (
    Assessment,
    FollowUp,
    Goal,
    InterventionPlan,
    Referral,
    ReferralStep,
    Session,
    SocialCase,
)
from refah.casework.roles import ADD_CASE, ASSIGN_CASE, WORK_CASE
from refah.casework.workflow import case_check
from refah.common.errors import ERR_NO_PERMISSION, ConflictError, NotFoundError, PermissionDeniedError, RefahError
from refah.registry import selectors as registry_selectors

C = CaseStatus
CASE_OFFICES = (OfficeKind.SHM, OfficeKind.DIRECTORATE, OfficeKind.MINISTRY)


def _require(actor, perm: str) -> None:
    if actor is None or not actor.has_perm(perm):
        raise PermissionDeniedError(ERR_NO_PERMISSION)


def _text(value: str, message, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise RefahError(message, field=field)
    return value


def _locked(actor, case: SocialCase) -> SocialCase:
    found = (
        SocialCase.objects.select_for_update(of=("self",))
        .filter(jurisdiction_q(actor, prefix="household__"))
        .select_related("household")
        .filter(pk=getattr(case, "pk", case))
        .first()
    )
    if found is None:
        raise NotFoundError(errors.ERR_CASE_NOT_FOUND)
    return found


def _move(case: SocialCase, target: str) -> dict:
    """Check and make the transition (saved by the caller); the case's snapshot before it."""
    case_check(case.status, target)
    before = snapshot(case)
    case.status = target
    return before


def _audit(actor, case: SocialCase, before: dict | None, **audit) -> None:
    audit_record(actor=actor, obj=case, before=before, after=snapshot(case), household_id=case.household_id, **audit)


def _worker(household, worker):
    """A social worker who may work cases and whose jurisdiction covers the household."""
    User = get_user_model()
    found = User.objects.filter(pk=getattr(worker, "pk", worker)).first() if worker else None
    if found is None or not found.is_active or not found.has_perm(WORK_CASE):
        raise RefahError(errors.ERR_WORKER_NOT_STAFF, field="worker")
    if not district_in_jurisdiction(found, household.district):
        raise RefahError(errors.ERR_WORKER_NOT_STAFF, field="worker")
    return found


def _members(household, persons) -> list:
    ids = {str(getattr(p, "pk", p)) for p in persons or ()}
    if not ids:
        raise RefahError(errors.ERR_CASE_PERSONS, field="persons")
    current = [m.person for m in household.memberships.current().select_related("person")]
    chosen = [p for p in current if str(p.pk) in ids]
    if len(chosen) != len(ids):
        raise RefahError(errors.ERR_PERSON_NOT_MEMBER, field="persons")
    return chosen


def case_open(*, actor, household, persons, reason: str, referral: Referral | None = None, worker=None) -> SocialCase:
    """Open an SHM case for the household (the members concerned), at intake or from a referral to the SHM, which
    it puts in progress; the social worker is `worker` or the actor."""
    _require(actor, ADD_CASE)
    try:
        household = registry_selectors.access_household_by_id(user=actor, household_id=household.pk)
    except NotFoundError:
        raise NotFoundError(errors.ERR_CASE_NOT_FOUND) from None
    office = office_for_user(actor)
    if office is None or office.kind not in CASE_OFFICES:
        raise RefahError(errors.ERR_CASE_OFFICE, field="office")
    reason = _text(reason, errors.ERR_CASE_REASON, "reason")
    chosen = _members(household, persons)
    assigned = _worker(household, worker if worker is not None else actor)
    with transaction.atomic():
        if referral is not None:
            referral = _referral_taken(actor, referral, household, assigned)
        case = SocialCase.objects.create(
            household=household,
            office=office,
            worker=assigned,
            referral=referral,
            reason=reason,
            opened_on=timezone.localdate(),
        )
        case.persons.set(chosen)
        _audit(actor, case, None, action=AuditAction.SOCIAL_CASE_OPEN)
    return case


def _referral_taken(actor, referral: Referral, household, owner) -> Referral:
    """The referral a case is opened from: of this household, still open, with no case yet; it is now in progress."""
    found = Referral.objects.select_for_update(of=("self",)).filter(pk=referral.pk, household=household).first()
    if found is None:
        raise RefahError(errors.ERR_REFERRAL_NOT_FOUND, field="referral")
    if found.social_cases.exists():
        raise ConflictError(errors.ERR_CASE_OPEN_ALREADY, field="referral")
    if found.status not in REFERRAL_OPEN_STATUSES:
        raise RefahError(
            errors.ERR_TRANSITION
            % {"current": ReferralStatus(found.status).label, "target": ReferralStatus.IN_PROGRESS.label},
            field="referral",
        )
    before, was = snapshot(found), found.status
    found.status, found.owner = ReferralStatus.IN_PROGRESS, found.owner or owner
    found.save(update_fields=["status", "owner", "updated_at"])
    ReferralStep.objects.create(
        referral=found, actor=actor, action=AuditAction.SERVICE_REFERRAL_START, from_status=was, to_status=found.status
    )
    audit_record(
        actor=actor,
        action=AuditAction.SERVICE_REFERRAL_START,
        obj=found,
        before=before,
        after=snapshot(found),
        household_id=found.household_id,
    )
    return found


def case_assign(*, actor, case: SocialCase, worker) -> SocialCase:
    """A supervisor gives the case to a social worker (an unassigned case, or another worker's)."""
    _require(actor, ASSIGN_CASE)
    with transaction.atomic():
        found = _locked(actor, case)
        if found.status == C.CLOSED:
            raise ConflictError(errors.ERR_CASE_CLOSED, field="status")
        before = snapshot(found)
        found.worker = _worker(found.household, worker)
        found.save(update_fields=["worker", "updated_at"])
        _audit(actor, found, before, action=AuditAction.SOCIAL_CASE_ASSIGN)
    return found


def assessment_record(
    *,
    actor,
    case: SocialCase,
    needs: dict,
    summary: str,
    strengths: str = "",
    risks: str = "",
    risk_level: str = RiskLevel.LOW,
) -> Assessment:
    """The assessment: the level of need in each area (NeedArea → NeedLevel), strengths, risks, a summary."""
    _require(actor, WORK_CASE)
    for area, level in (needs or {}).items():
        if area not in NeedArea.values:
            raise RefahError(errors.ERR_NEED_AREA % {"area": area}, field="needs")
        if level not in NeedLevel.values:
            raise RefahError(errors.ERR_NEED_LEVEL, field="needs")
    if risk_level not in RiskLevel.values:
        raise RefahError(errors.ERR_NEED_LEVEL, field="risk_level")
    summary = _text(summary, errors.ERR_ASSESSMENT_SUMMARY, "summary")
    with transaction.atomic():
        found = _locked(actor, case)
        before = _move(found, C.ASSESSMENT)
        found.save(update_fields=["status", "updated_at"])
        assessment = Assessment.objects.create(
            case=found,
            needs=dict(needs or {}),
            strengths=(strengths or "").strip(),
            risks=(risks or "").strip(),
            risk_level=risk_level,
            summary=summary,
            assessed_on=timezone.localdate(),
            assessed_by=actor,
        )
        _audit(actor, found, before, action=AuditAction.SOCIAL_CASE_ASSESS)
    return assessment


def plan_record(
    *, actor, case: SocialCase, summary: str, review_on: dt.date, agreed_on: dt.date | None = None
) -> InterventionPlan:
    """The intervention plan agreed with the family (written again while the case is at the plan step)."""
    _require(actor, WORK_CASE)
    summary = _text(summary, errors.ERR_PLAN_SUMMARY, "summary")
    agreed_on = agreed_on or timezone.localdate()
    if review_on is None or review_on < agreed_on:
        raise RefahError(errors.ERR_PLAN_DATES, field="review_on")
    with transaction.atomic():
        found = _locked(actor, case)
        before = _move(found, C.PLAN)
        found.save(update_fields=["status", "updated_at"])
        plan, _created = InterventionPlan.objects.update_or_create(
            case=found, defaults={"summary": summary, "agreed_on": agreed_on, "review_on": review_on}
        )
        _audit(actor, found, before, action=AuditAction.SOCIAL_CASE_PLAN)
    return plan


def goal_add(*, actor, case: SocialCase, text: str, target_date: dt.date) -> Goal:
    """A goal of the plan, with its target date."""
    _require(actor, WORK_CASE)
    text = _text(text, errors.ERR_GOAL_TEXT, "text")
    if target_date is None or target_date < timezone.localdate():
        raise RefahError(errors.ERR_GOAL_DATE, field="target_date")
    with transaction.atomic():
        found = _locked(actor, case)
        plan = InterventionPlan.objects.filter(case=found).first()
        if plan is None or found.status == C.CLOSED:
            case_check(found.status, C.PLAN)
            raise RefahError(errors.ERR_PLAN_SUMMARY, field="summary")
        goal = Goal.objects.create(plan=plan, text=text[:300], target_date=target_date)
        audit_record(
            actor=actor,
            action=AuditAction.CASE_GOAL_ADD,
            obj=goal,
            after=snapshot(goal),
            household_id=found.household_id,
        )
    return goal


def goal_update(*, actor, goal: Goal, status: str, achieved_on: dt.date | None = None) -> Goal:
    """A goal achieved (on a day, not in the future), not achieved, dropped, or open again."""
    _require(actor, WORK_CASE)
    if status not in GoalStatus.values:
        raise RefahError(errors.ERR_GOAL_NOT_FOUND, field="status")
    today = timezone.localdate()
    if status == GoalStatus.ACHIEVED:
        achieved_on = achieved_on or today
        if achieved_on > today:
            raise RefahError(errors.ERR_GOAL_ACHIEVED_ON, field="achieved_on")
    else:
        achieved_on = None
    with transaction.atomic():
        found = _locked(actor, goal.plan.case_id)
        if found.status == C.CLOSED:
            raise ConflictError(errors.ERR_CASE_CLOSED, field="status")
        row = Goal.objects.select_for_update().get(pk=goal.pk)
        before = snapshot(row)
        row.status, row.achieved_on = status, achieved_on
        row.save(update_fields=["status", "achieved_on", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.CASE_GOAL_UPDATE,
            obj=row,
            before=before,
            after=snapshot(row),
            household_id=found.household_id,
        )
    return row


def plan_start(*, actor, case: SocialCase) -> SocialCase:
    """Put the plan to work (it needs a goal)."""
    _require(actor, WORK_CASE)
    with transaction.atomic():
        found = _locked(actor, case)
        if found.status == C.PLAN and not Goal.objects.filter(plan__case=found).exists():
            raise RefahError(errors.ERR_PLAN_NEEDS_GOALS, field="goals")
        before = _move(found, C.IN_PROGRESS)
        found.save(update_fields=["status", "updated_at"])
        _audit(actor, found, before, action=AuditAction.SOCIAL_CASE_START)
    return found


def session_add(
    *,
    actor,
    case: SocialCase,
    kind: str,
    scheduled_at: dt.datetime,
    status: str = SessionStatus.SCHEDULED,
    notes: str = "",
) -> Session:
    """A session or appointment: scheduled ahead, or recorded at once (held — with notes —, missed, cancelled)."""
    _require(actor, WORK_CASE)
    if kind not in SessionKind.values:
        raise RefahError(errors.ERR_SESSION_STATUS, field="kind")
    if status not in SessionStatus.values:
        raise RefahError(errors.ERR_SESSION_STATUS, field="status")
    if scheduled_at is None or timezone.is_naive(scheduled_at):
        raise RefahError(errors.ERR_SESSION_STATUS, field="scheduled_at")
    notes = (notes or "").strip()
    if status == SessionStatus.HELD and not notes:
        raise RefahError(errors.ERR_SESSION_NOTES, field="notes")
    action = AuditAction.CASE_SESSION_SCHEDULE if status == SessionStatus.SCHEDULED else AuditAction.CASE_SESSION_RECORD
    with transaction.atomic():
        found = _locked(actor, case)
        if found.status == C.CLOSED:
            raise ConflictError(errors.ERR_CASE_CLOSED, field="status")
        session = Session.objects.create(
            case=found, kind=kind, scheduled_at=scheduled_at, status=status, notes=notes, recorded_by=actor
        )
        audit_record(
            actor=actor,
            action=action,
            obj=session,
            after=snapshot(session, ["kind", "scheduled_at", "status"]),
            household_id=found.household_id,
        )
    return session


def session_record(*, actor, session: Session, status: str, notes: str = "") -> Session:
    """A scheduled session's result: held (notes required), missed or cancelled."""
    _require(actor, WORK_CASE)
    if status not in (SessionStatus.HELD, SessionStatus.MISSED, SessionStatus.CANCELLED):
        raise RefahError(errors.ERR_SESSION_STATUS, field="status")
    notes = (notes or "").strip()
    if status == SessionStatus.HELD and not notes:
        raise RefahError(errors.ERR_SESSION_NOTES, field="notes")
    with transaction.atomic():
        found = _locked(actor, session.case_id)
        row = Session.objects.select_for_update().get(pk=session.pk)
        if row.status != SessionStatus.SCHEDULED:
            raise ConflictError(errors.ERR_SESSION_RECORDED, field="status")
        before = snapshot(row, ["status"])
        row.status, row.notes, row.recorded_by = status, notes, actor
        row.save(update_fields=["status", "notes", "recorded_by", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.CASE_SESSION_RECORD,
            obj=row,
            before=before,
            after=snapshot(row, ["status"]),
            household_id=found.household_id,
        )
    return row


def case_follow_up(*, actor, case: SocialCase, due_on: list[dt.date]) -> SocialCase:
    """The plan's work is done: the case moves to follow-up, with the follow-ups' dates."""
    _require(actor, WORK_CASE)
    dates = sorted(set(due_on or ()))
    if not dates or dates[0] < timezone.localdate():
        raise RefahError(errors.ERR_FOLLOW_UP_DATE, field="due_on")
    with transaction.atomic():
        found = _locked(actor, case)
        before = _move(found, C.FOLLOW_UP)
        found.save(update_fields=["status", "updated_at"])
        FollowUp.objects.bulk_create([FollowUp(case=found, due_on=day) for day in dates])
        _audit(actor, found, before, action=AuditAction.SOCIAL_CASE_FOLLOW_UP)
    return found


def follow_up_record(*, actor, follow_up: FollowUp, note: str, done_on: dt.date | None = None) -> FollowUp:
    """What a follow-up found."""
    _require(actor, WORK_CASE)
    note = _text(note, errors.ERR_FOLLOW_UP_NOTE, "note")
    done_on = done_on or timezone.localdate()
    if done_on > timezone.localdate():
        raise RefahError(errors.ERR_FOLLOW_UP_DATE, field="done_on")
    with transaction.atomic():
        found = _locked(actor, follow_up.case_id)
        row = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
        if row.done_on is not None:
            raise ConflictError(errors.ERR_FOLLOW_UP_DONE, field="done_on")
        row.done_on, row.note = done_on, note
        row.save(update_fields=["done_on", "note", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.CASE_FOLLOW_UP_RECORD,
            obj=row,
            after=snapshot(row, ["due_on", "done_on"]),
            household_id=found.household_id,
        )
    return row


def case_close(*, actor, case: SocialCase, outcome: str, note: str) -> SocialCase:
    """Close the case with its outcome (one of CaseOutcome, and in words); sessions still scheduled are cancelled,
    and the referral it was opened from is done with the same words."""
    _require(actor, WORK_CASE)
    if outcome not in CaseOutcome.values:
        raise RefahError(errors.ERR_OUTCOME_REQUIRED, field="outcome")
    note = _text(note, errors.ERR_OUTCOME_REQUIRED, "note")
    with transaction.atomic():
        found = _locked(actor, case)
        before = _move(found, C.CLOSED)
        found.outcome, found.outcome_note, found.closed_on = outcome, note, timezone.localdate()
        found.save(update_fields=["status", "outcome", "outcome_note", "closed_on", "updated_at"])
        found.sessions.filter(status=SessionStatus.SCHEDULED).update(status=SessionStatus.CANCELLED)
        _audit(actor, found, before, action=AuditAction.SOCIAL_CASE_CLOSE)
        _referral_done(actor, found, note)
    return found


def _referral_done(actor, case: SocialCase, note: str) -> None:
    referral = Referral.objects.select_for_update(of=("self",)).filter(pk=case.referral_id).first()
    if referral is None or referral.status not in (ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS):
        return
    before, was = snapshot(referral), referral.status
    referral.status, referral.outcome, referral.closed_on = ReferralStatus.DONE, note, timezone.localdate()
    referral.save(update_fields=["status", "outcome", "closed_on", "updated_at"])
    ReferralStep.objects.create(
        referral=referral,
        actor=actor,
        action=AuditAction.SERVICE_REFERRAL_DONE,
        from_status=was,
        to_status=referral.status,
        note=note,
    )
    audit_record(
        actor=actor,
        action=AuditAction.SERVICE_REFERRAL_DONE,
        obj=referral,
        before=before,
        after=snapshot(referral),
        household_id=referral.household_id,
    )
