"""Work on a protection case by its unit's named staff: risk, notes, protective orders (Law 6284), referrals out,
closure. Each write is one transaction with its sealed audit row."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from refah.audit.actions import AuditAction
from refah.audit.services import snapshot
from refah.common.errors import RefahError
from refah.shelters import errors
from refah.shelters.enums import CaseStatus, ClosureReason, OrderIssuer, OrderKind, ReferralTo, RiskLevel
from refah.shelters.models import CaseNote, CaseReferral, ProtectionCase, ProtectiveOrder
from refah.shelters.services.common import _audit, choice, not_future, require_named, require_open, required

ORDER_MONTHS = 6  # Law 6284 art. 8: an order is given for at most six months at a time


def case_risk_set(*, actor, case: ProtectionCase, risk_level: str) -> ProtectionCase:
    require_named(actor, case.unit_id)
    require_open(case)
    choice(risk_level, RiskLevel, field="risk_level", message=errors.ERR_RISK)
    before = {"risk_level": case.risk_level}
    case.risk_level = risk_level
    with transaction.atomic():
        case.save(update_fields=["risk_level", "updated_at"])
        _audit(
            actor=actor,
            action=AuditAction.PROTECTION_CASE_RISK_SET,
            obj=case,
            before=before,
            after={"risk_level": risk_level},
        )
    return case


def case_close(*, actor, case: ProtectionCase, reason: str, note: str = "") -> ProtectionCase:
    """Close the case with its reason; a shelter stay still open must end first."""
    require_named(actor, case.unit_id)
    require_open(case)
    choice(reason, ClosureReason, field="reason", message=errors.ERR_CLOSURE_REASON)
    if case.stays.filter(ended_on__isnull=True).exists():
        raise RefahError(errors.ERR_STAY_OPEN, field="reason")
    case.status, case.closed_on = CaseStatus.CLOSED, timezone.localdate()
    case.closure_reason, case.closure_note = reason, (note or "").strip()
    with transaction.atomic():
        case.save(update_fields=["status", "closed_on", "closure_reason", "closure_note", "updated_at"])
        _audit(
            actor=actor,
            action=AuditAction.PROTECTION_CASE_CLOSE,
            obj=case,
            after={"status": case.status, "closure_reason": reason},
        )
    return case


def note_add(*, actor, case: ProtectionCase, text: str) -> CaseNote:
    require_named(actor, case.unit_id)
    note = CaseNote(case=case, author=actor, text=required(text, field="text", message=errors.ERR_NOTE))
    with transaction.atomic():
        note.save()
        _audit(actor=actor, action=AuditAction.PROTECTION_NOTE_ADD, obj=note, after={"case_id": str(case.pk)})
    return note


def _months_later(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def order_record(
    *,
    actor,
    case: ProtectionCase,
    kind: str,
    issuer: str,
    issued_on: dt.date,
    starts_on: dt.date,
    ends_on: dt.date,
    note: str = "",
) -> ProtectiveOrder:
    """Record a protective or preventive order (Law 6284 art. 4, 5): at most six months at a time (art. 8)."""
    require_named(actor, case.unit_id)
    require_open(case)
    choice(kind, OrderKind, field="kind", message=errors.ERR_ORDER_KIND)
    choice(issuer, OrderIssuer, field="issuer", message=errors.ERR_ORDER_ISSUER)
    not_future(issued_on, field="issued_on")
    if ends_on < starts_on or issued_on > starts_on:
        raise RefahError(errors.ERR_ORDER_DATES, field="ends_on")
    if ends_on > _months_later(starts_on, ORDER_MONTHS):
        raise RefahError(errors.ERR_ORDER_LENGTH, field="ends_on")
    order = ProtectiveOrder(
        case=case,
        kind=kind,
        issuer=issuer,
        issued_on=issued_on,
        starts_on=starts_on,
        ends_on=ends_on,
        note=(note or "").strip(),
        recorded_by=actor,
    )
    with transaction.atomic():
        order.save()
        _audit(
            actor=actor,
            action=AuditAction.PROTECTIVE_ORDER_RECORD,
            obj=order,
            after=snapshot(order, ["id", "case", "kind", "issuer", "issued_on", "starts_on", "ends_on"]),
        )
    return order


def referral_record(*, actor, case: ProtectionCase, to_kind: str, reason: str, institution: str = "") -> CaseReferral:
    """A referral out of the case (SHM, health, legal aid…), kept inside the sealed case: no ordinary referral
    is made, so nothing of it reaches the household's page."""
    require_named(actor, case.unit_id)
    require_open(case)
    choice(to_kind, ReferralTo, field="to_kind", message=errors.ERR_REFERRAL_TO)
    referral = CaseReferral(
        case=case,
        to_kind=to_kind,
        institution=(institution or "").strip()[:200],
        reason=required(reason, field="reason", message=errors.ERR_REFERRAL_REASON),
        made_on=timezone.localdate(),
        made_by=actor,
    )
    with transaction.atomic():
        referral.save()
        _audit(
            actor=actor,
            action=AuditAction.PROTECTION_REFERRAL_RECORD,
            obj=referral,
            after={"case_id": str(case.pk), "to_kind": to_kind},
        )
    return referral
