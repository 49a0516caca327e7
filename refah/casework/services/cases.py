"""SHM case management: open a case (at intake or from a referral), assign it, assess, plan with goals, put the plan
to work, sessions and appointments, follow-ups, closure with an outcome. Each step checks the transition
(refah/casework/workflow.py), permission and jurisdiction, runs in one transaction and is audited."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from refah.accounts.enums import OfficeKind
from refah.accounts.selectors import district_in_jurisdiction, office_for_user
from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.casework import errors
from refah.casework.enums import (
    REFERRAL_OPEN_STATUSES,
    CaseOutcome,
    CaseStatus,
    NeedArea,
    NeedLevel,
    ReferralStatus,
    RiskLevel,
    SessionStatus,
)
from refah.casework.models import (
    Assessment,
    Referral,
    ReferralStep,
    SocialCase,
)
from refah.casework.roles import ADD_CASE, ASSIGN_CASE, WORK_CASE
from refah.casework.services._case_common import _audit, filled, locked, move, require
from refah.common.errors import ConflictError, NotFoundError, RefahError
from refah.registry import selectors as registry_selectors

C = CaseStatus
CASE_OFFICES = (OfficeKind.SHM, OfficeKind.DIRECTORATE, OfficeKind.MINISTRY)


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
    it puts in progress. The social worker is `worker`, else the actor — except a supervisor (who assigns cases),
    whose case without a `worker` waits unassigned on the caseload page."""
    require(actor, ADD_CASE)
    try:
        household = registry_selectors.access_household_by_id(user=actor, household_id=household.pk)
    except NotFoundError:
        raise NotFoundError(errors.ERR_CASE_NOT_FOUND) from None
    office = office_for_user(actor)
    if office is None or office.kind not in CASE_OFFICES:
        raise RefahError(errors.ERR_CASE_OFFICE, field="office")
    reason = filled(reason, errors.ERR_CASE_REASON, "reason")
    chosen = _members(household, persons)
    if worker is None and actor.has_perm(ASSIGN_CASE):
        assigned = None
    else:
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
    require(actor, ASSIGN_CASE)
    with transaction.atomic():
        found = locked(actor, case)
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
    require(actor, WORK_CASE)
    for area, level in (needs or {}).items():
        if area not in NeedArea.values:
            raise RefahError(errors.ERR_NEED_AREA % {"area": area}, field="needs")
        if level not in NeedLevel.values:
            raise RefahError(errors.ERR_NEED_LEVEL, field="needs")
    if risk_level not in RiskLevel.values:
        raise RefahError(errors.ERR_NEED_LEVEL, field="risk_level")
    summary = filled(summary, errors.ERR_ASSESSMENT_SUMMARY, "summary")
    with transaction.atomic():
        found = locked(actor, case)
        before = move(found, C.ASSESSMENT)
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


def case_close(*, actor, case: SocialCase, outcome: str, note: str) -> SocialCase:
    """Close the case with its outcome (one of CaseOutcome, and in words); sessions still scheduled are cancelled,
    and the referral it was opened from is done with the same words."""
    require(actor, WORK_CASE)
    if outcome not in CaseOutcome.values:
        raise RefahError(errors.ERR_OUTCOME_REQUIRED, field="outcome")
    note = filled(note, errors.ERR_OUTCOME_REQUIRED, "note")
    with transaction.atomic():
        found = locked(actor, case)
        before = move(found, C.CLOSED)
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
