"""The state machine of a case: the allowed transitions and the one function that performs them.

received → under_investigation → awaiting_committee → approved | rejected | deferred
approved | rejected | deferred → objected → re_examination → awaiting_committee → …
deferred → under_investigation | awaiting_committee   (more information, or the next meeting)
any open status → withdrawn;  approved | rejected | objected → closed
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.cases import errors
from refah.cases.enums import Status
from refah.cases.models import Application, ApplicationProgram, CaseEvent
from refah.common import sql
from refah.common.errors import ConflictError

S = Status
TRANSITIONS: dict[str, set[str]] = {
    S.RECEIVED: {S.UNDER_INVESTIGATION, S.WITHDRAWN},
    S.UNDER_INVESTIGATION: {S.AWAITING_COMMITTEE, S.WITHDRAWN},
    S.AWAITING_COMMITTEE: {S.APPROVED, S.REJECTED, S.DEFERRED, S.WITHDRAWN},
    S.APPROVED: {S.OBJECTED, S.CLOSED},
    S.REJECTED: {S.OBJECTED, S.CLOSED},
    S.DEFERRED: {S.UNDER_INVESTIGATION, S.AWAITING_COMMITTEE, S.OBJECTED, S.WITHDRAWN},
    S.OBJECTED: {S.RE_EXAMINATION, S.CLOSED},
    S.RE_EXAMINATION: {S.AWAITING_COMMITTEE, S.WITHDRAWN},
    S.WITHDRAWN: set(),
    S.CLOSED: set(),
}
# Statuses in which the programs applied for count as "open" (a second application is refused).
OPEN_STATUSES = frozenset(set(Status) - {S.REJECTED, S.WITHDRAWN, S.CLOSED})
# Statuses with a running service deadline (the overdue list).
TIMED_STATUSES = frozenset({S.RECEIVED, S.UNDER_INVESTIGATION, S.AWAITING_COMMITTEE, S.OBJECTED, S.RE_EXAMINATION})


def can_transition(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, set())


def case_event(*, actor, application: Application, action: str, reason: str = "", from_status="", to_status=""):
    """Add a step to the case history (no status change by itself)."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    event = sql.new(
        CaseEvent,
        application=application,
        actor=user,
        actor_label=user.get_username() if user else str(actor or "system"),
        action=action,
        from_status=from_status,
        to_status=to_status,
        reason=reason,
    )
    sql.insert([event])
    return event


def case_step(*, actor, application: Application, action: AuditAction, obj, reason: str = ""):
    """A step of the case about one new object (a visit assigned or recorded, a document uploaded): the case's
    history under the action's name and the audit record of the object, in one place."""
    case_event(actor=actor, application=application, action=action.value, reason=reason)
    audit_record(actor=actor, action=action, obj=obj, after=snapshot(obj), household_id=application.household_id)


def case_transition(*, actor, application: Application, target: str, action: AuditAction, reason: str = "", fields=()):
    """Move a locked application to `target` if allowed; history, audit and open-program flags in one place.

    Call inside the service's transaction with the row already locked (select_for_update). `action` is the
    audit action (`AuditAction.CASE_DECIDE`); the case's history records it without its `case_` prefix
    (`decide`). `fields` are other Application fields the caller changed and wants saved with the status.
    """
    current = application.status
    if not can_transition(current, target):
        raise ValidationError(
            errors.ERR_TRANSITION,
            code="transition",
            params={"current": Status(current).label, "target": Status(target).label},
        )
    application.status = target
    application.save(update_fields=["status", "updated_at", *fields])
    _programs_open(application, target in OPEN_STATUSES)
    case_event(
        actor=actor,
        application=application,
        action=action.removeprefix("case_"),
        reason=reason,
        from_status=current,
        to_status=target,
    )
    audit_record(
        actor=actor,
        action=action,
        obj=application,
        before={"status": current},
        after={"status": target, "at": timezone.now().isoformat()},
        household_id=application.household_id,
        note=reason[:500],
    )
    return application


def _programs_open(application: Application, is_open: bool) -> None:
    """Keep the open-program flags in step with the status; re-opening may meet a newer open application."""
    rows = ApplicationProgram.objects.filter(application=application).exclude(is_open=is_open)
    try:
        with transaction.atomic():
            rows.update(is_open=is_open)
    except IntegrityError as exc:
        raise ConflictError(errors.ERR_REOPEN, code="open_application") from exc
