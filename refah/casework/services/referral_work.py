"""Working a referral: the receiving service accepts it (with an owner), starts it, finishes it with an outcome, or
declines it with a reason — then it is back with the referrer, who sends it again or cancels it. A supervisor
reassigns its owner. Each step checks the transition (refah/casework/workflow.py), runs in one transaction, is kept
in the referral's history and audited."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from refah.accounts.selectors import district_in_jurisdiction, jurisdiction_q, office_for_user
from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.casework import errors
from refah.casework.enums import ReferralStatus
from refah.casework.models import Referral, ReferralStep
from refah.casework.roles import ADD_REFERRAL, REASSIGN_REFERRAL, WORK_REFERRAL
from refah.casework.services.referrals import _service
from refah.casework.workflow import referral_check
from refah.common.errors import ERR_NO_PERMISSION, NotFoundError, PermissionDeniedError, RefahError

S = ReferralStatus


def _require(actor, perm: str) -> None:
    if actor is None or not actor.has_perm(perm):
        raise PermissionDeniedError(ERR_NO_PERMISSION)


def _locked(actor, referral: Referral) -> Referral:
    """The referral again, locked, if it lies in the actor's jurisdiction (else "not found")."""
    found = (
        Referral.objects.select_for_update(of=("self",))
        .filter(jurisdiction_q(actor, prefix="household__"))
        .select_related("service", "household")
        .filter(pk=referral.pk)
        .first()
    )
    if found is None:
        raise NotFoundError(errors.ERR_REFERRAL_NOT_FOUND)
    return found


def _office_id(actor):
    office = office_for_user(actor)
    return office.pk if office else None


def _provider_side(actor, referral: Referral) -> None:
    """The service's own office works the referral; for an outside institution (no office in Refah) the referring
    office records its answer. A supervisor may act for either."""
    if actor.has_perm(REASSIGN_REFERRAL):
        return
    provider = referral.service.office_id or referral.from_office_id
    if provider is None or _office_id(actor) != provider:
        raise PermissionDeniedError(errors.ERR_NOT_PROVIDER)


def _referrer_side(actor, referral: Referral) -> None:
    if actor.has_perm(REASSIGN_REFERRAL) or referral.referred_by_id == actor.pk:
        return
    if referral.from_office_id is None or _office_id(actor) != referral.from_office_id:
        raise PermissionDeniedError(errors.ERR_NOT_REFERRER)


def _text(value: str, message, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise RefahError(message, field=field)
    return value


def _audit(*, actor, referral: Referral, before: dict, from_status: str, note: str = "", **audit) -> None:
    """The referral's history step and its audit record (the caller names the action: `action=AuditAction.…`)."""
    ReferralStep.objects.create(
        referral=referral,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=audit["action"],
        from_status=from_status,
        to_status=referral.status,
        note=note,
    )
    audit_record(
        actor=actor, obj=referral, before=before, after=snapshot(referral), household_id=referral.household_id, **audit
    )


def _owner(referral: Referral, owner) -> object:
    """An owner must be an active worker of the providing office who may work referrals."""
    provider = referral.service.office_id or referral.from_office_id
    if owner is None or not owner.is_active or _office_id(owner) != provider or not owner.has_perm(WORK_REFERRAL):
        raise RefahError(errors.ERR_OWNER_NOT_STAFF, field="owner")
    return owner


def referral_accept(*, actor, referral: Referral, owner=None) -> Referral:
    """The receiving service takes the referral; its owner is `owner` (a worker of that office) or the actor."""
    _require(actor, WORK_REFERRAL)
    with transaction.atomic():
        found = _locked(actor, referral)
        _provider_side(actor, found)
        referral_check(found.status, S.ACCEPTED)
        before, was = snapshot(found), found.status
        found.owner = _owner(found, owner if owner is not None else actor)
        found.status = S.ACCEPTED
        found.save(update_fields=["owner", "status", "updated_at"])
        _audit(
            actor=actor,
            referral=found,
            before=before,
            from_status=was,
            note=found.owner.get_full_name() or found.owner.get_username(),
            action=AuditAction.SERVICE_REFERRAL_ACCEPT,
        )
    return found


def referral_start(*, actor, referral: Referral) -> Referral:
    """Work on the referral has begun (a first meeting, an admission)."""
    _require(actor, WORK_REFERRAL)
    with transaction.atomic():
        found = _locked(actor, referral)
        _provider_side(actor, found)
        referral_check(found.status, S.IN_PROGRESS)
        before, was = snapshot(found), found.status
        found.status = S.IN_PROGRESS
        found.save(update_fields=["status", "updated_at"])
        _audit(actor=actor, referral=found, before=before, from_status=was, action=AuditAction.SERVICE_REFERRAL_START)
    return found


def referral_done(*, actor, referral: Referral, outcome: str) -> Referral:
    """The service has done what was asked; the outcome, in words, is required."""
    _require(actor, WORK_REFERRAL)
    outcome = _text(outcome, errors.ERR_OUTCOME_REQUIRED, "outcome")
    with transaction.atomic():
        found = _locked(actor, referral)
        _provider_side(actor, found)
        referral_check(found.status, S.DONE)
        before, was = snapshot(found), found.status
        found.status, found.outcome, found.closed_on = S.DONE, outcome, timezone.localdate()
        found.save(update_fields=["status", "outcome", "closed_on", "updated_at"])
        _audit(
            actor=actor,
            referral=found,
            before=before,
            from_status=was,
            note=outcome,
            action=AuditAction.SERVICE_REFERRAL_DONE,
        )
    return found


def referral_decline(*, actor, referral: Referral, reason: str, days: int = 5) -> Referral:
    """The service cannot take it: with the reason, the referral goes back to the referrer, who has `days` days to
    send it elsewhere or cancel it (past that, it escalates like any overdue referral)."""
    _require(actor, WORK_REFERRAL)
    reason = _text(reason, errors.ERR_DECLINE_REASON, "reason")
    with transaction.atomic():
        found = _locked(actor, referral)
        _provider_side(actor, found)
        referral_check(found.status, S.DECLINED)
        before, was = snapshot(found), found.status
        found.status, found.declined_reason, found.owner = S.DECLINED, reason, None
        found.deadline = timezone.localdate() + dt.timedelta(days=days)
        found.escalation_level, found.escalated_at = 0, None
        found.save(
            update_fields=[
                "status",
                "declined_reason",
                "owner",
                "deadline",
                "escalation_level",
                "escalated_at",
                "updated_at",
            ]
        )
        _audit(
            actor=actor,
            referral=found,
            before=before,
            from_status=was,
            note=reason,
            action=AuditAction.SERVICE_REFERRAL_DECLINE,
        )
    return found


def referral_resend(
    *, actor, referral: Referral, service=None, kind: str | None = None, deadline: dt.date | None = None
) -> Referral:
    """The referrer sends a declined referral again: to another service (by id or kind) or the same one."""
    _require(actor, ADD_REFERRAL)
    with transaction.atomic():
        found = _locked(actor, referral)
        _referrer_side(actor, found)
        referral_check(found.status, S.OPEN)
        if service is None and not kind:
            service = found.service
        chosen = _service(household=found.household, service=service, kind=kind)
        today = timezone.localdate()
        if deadline is not None and deadline < today:
            raise RefahError(errors.ERR_REFERRAL_DEADLINE, field="deadline")
        before, was = snapshot(found), found.status
        found.service, found.status, found.owner = chosen, S.OPEN, None
        found.deadline = deadline or today + dt.timedelta(days=chosen.days_to_answer)
        found.escalation_level, found.escalated_at = 0, None
        found.save(
            update_fields=["service", "status", "owner", "deadline", "escalation_level", "escalated_at", "updated_at"]
        )
        _audit(
            actor=actor,
            referral=found,
            before=before,
            from_status=was,
            note=chosen.name,
            action=AuditAction.SERVICE_REFERRAL_RESEND,
        )
    return found


def referral_cancel(*, actor, referral: Referral, reason: str) -> Referral:
    """The referrer withdraws the referral (the need is gone, the family declined), with the reason."""
    _require(actor, ADD_REFERRAL)
    reason = _text(reason, errors.ERR_CANCEL_REASON, "reason")
    with transaction.atomic():
        found = _locked(actor, referral)
        _referrer_side(actor, found)
        referral_check(found.status, S.CANCELLED)
        before, was = snapshot(found), found.status
        found.status, found.outcome, found.closed_on = S.CANCELLED, reason, timezone.localdate()
        found.save(update_fields=["status", "outcome", "closed_on", "updated_at"])
        _audit(
            actor=actor,
            referral=found,
            before=before,
            from_status=was,
            note=reason,
            action=AuditAction.SERVICE_REFERRAL_CANCEL,
        )
    return found


def referral_reassign(*, actor, referral: Referral, owner) -> Referral:
    """A supervisor gives an open referral to another worker, of the providing office or of the household's area."""
    _require(actor, REASSIGN_REFERRAL)
    with transaction.atomic():
        found = _locked(actor, referral)
        if found.status not in (S.OPEN, S.ACCEPTED, S.IN_PROGRESS):
            referral_check(found.status, S.ACCEPTED)  # the clear error of a closed or declined referral
        owner = get_user_model().objects.filter(pk=getattr(owner, "pk", owner)).first() if owner else None
        usable = owner is not None and owner.is_active and owner.has_perm(WORK_REFERRAL)
        if not usable or not district_in_jurisdiction(owner, found.household.district):
            raise RefahError(errors.ERR_OWNER_NOT_STAFF, field="owner")
        before, was = snapshot(found), found.status
        found.owner = owner
        found.save(update_fields=["owner", "updated_at"])
        _audit(
            actor=actor,
            referral=found,
            before=before,
            from_status=was,
            note=owner.get_full_name() or owner.get_username(),
            action=AuditAction.SERVICE_REFERRAL_REASSIGN,
        )
    return found
