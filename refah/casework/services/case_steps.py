"""The steps of an SHM case once assessed: the intervention plan and its goals, putting the plan to work, sessions
and appointments, the move to follow-up and the follow-ups' results. Each checks the transition, permission and
jurisdiction, runs in one transaction and is audited."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.casework import errors
from refah.casework.enums import CaseStatus, GoalStatus, SessionKind, SessionStatus
from refah.casework.models import FollowUp, Goal, InterventionPlan, Session, SocialCase
from refah.casework.roles import WORK_CASE
from refah.casework.services._case_common import _audit, filled, locked, move, require
from refah.casework.workflow import case_check
from refah.common.errors import ConflictError, RefahError

C = CaseStatus


def plan_record(
    *, actor, case: SocialCase, summary: str, review_on: dt.date, agreed_on: dt.date | None = None
) -> InterventionPlan:
    """The intervention plan agreed with the family (written again while the case is at the plan step)."""
    require(actor, WORK_CASE)
    summary = filled(summary, errors.ERR_PLAN_SUMMARY, "summary")
    agreed_on = agreed_on or timezone.localdate()
    if review_on is None or review_on < agreed_on:
        raise RefahError(errors.ERR_PLAN_DATES, field="review_on")
    with transaction.atomic():
        found = locked(actor, case)
        before = move(found, C.PLAN)
        found.save(update_fields=["status", "updated_at"])
        plan, _created = InterventionPlan.objects.update_or_create(
            case=found, defaults={"summary": summary, "agreed_on": agreed_on, "review_on": review_on}
        )
        _audit(actor, found, before, action=AuditAction.SOCIAL_CASE_PLAN)
    return plan


def goal_add(*, actor, case: SocialCase, text: str, target_date: dt.date) -> Goal:
    """A goal of the plan, with its target date."""
    require(actor, WORK_CASE)
    text = filled(text, errors.ERR_GOAL_TEXT, "text")
    if target_date is None or target_date < timezone.localdate():
        raise RefahError(errors.ERR_GOAL_DATE, field="target_date")
    with transaction.atomic():
        found = locked(actor, case)
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
    require(actor, WORK_CASE)
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
        found = locked(actor, goal.plan.case_id)
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
    require(actor, WORK_CASE)
    with transaction.atomic():
        found = locked(actor, case)
        if found.status == C.PLAN and not Goal.objects.filter(plan__case=found).exists():
            raise RefahError(errors.ERR_PLAN_NEEDS_GOALS, field="goals")
        before = move(found, C.IN_PROGRESS)
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
    require(actor, WORK_CASE)
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
        found = locked(actor, case)
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
    require(actor, WORK_CASE)
    if status not in (SessionStatus.HELD, SessionStatus.MISSED, SessionStatus.CANCELLED):
        raise RefahError(errors.ERR_SESSION_STATUS, field="status")
    notes = (notes or "").strip()
    if status == SessionStatus.HELD and not notes:
        raise RefahError(errors.ERR_SESSION_NOTES, field="notes")
    with transaction.atomic():
        found = locked(actor, session.case_id)
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
    require(actor, WORK_CASE)
    dates = sorted(set(due_on or ()))
    if not dates or dates[0] < timezone.localdate():
        raise RefahError(errors.ERR_FOLLOW_UP_DATE, field="due_on")
    with transaction.atomic():
        found = locked(actor, case)
        before = move(found, C.FOLLOW_UP)
        found.save(update_fields=["status", "updated_at"])
        FollowUp.objects.bulk_create([FollowUp(case=found, due_on=day) for day in dates])
        _audit(actor, found, before, action=AuditAction.SOCIAL_CASE_FOLLOW_UP)
    return found


def follow_up_record(*, actor, follow_up: FollowUp, note: str, done_on: dt.date | None = None) -> FollowUp:
    """What a follow-up found."""
    require(actor, WORK_CASE)
    note = filled(note, errors.ERR_FOLLOW_UP_NOTE, "note")
    done_on = done_on or timezone.localdate()
    if done_on > timezone.localdate():
        raise RefahError(errors.ERR_FOLLOW_UP_DATE, field="done_on")
    with transaction.atomic():
        found = locked(actor, follow_up.case_id)
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
