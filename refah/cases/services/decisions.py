"""Sending a case to the committee (objective score frozen), recording its decision, closing the case."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation

from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.cases import deadlines, documents, errors, verification
from refah.cases.enums import ObjectionStatus, Outcome, Status, VisitStatus
from refah.cases.models import Application, CaseSnapshot, ProgramDecision
from refah.cases.services._common import citizen_notify, lock, require, today
from refah.cases.workflow import case_transition
from refah.common.errors import ConflictError
from refah.eligibility.catalogue import insurance_exclusion, program_label
from refah.eligibility.services import determinations_for_household

FROZEN_FIELDS = (
    "program",
    "eligible",
    "amount_kurus",
    "frequency",
    "unit",
    "reasons",
    "rulebook_version",
    "input_hash",
)


def snapshot_freeze(*, application: Application, on: dt.date | None = None) -> CaseSnapshot:
    """Evaluate the household now and keep the need score and every program determination on the case."""
    period = (on or today()).replace(day=1)
    rows = determinations_for_household(household=application.household, period=period)
    frozen = [{name: getattr(row, name) for name in FROZEN_FIELDS} for row in rows]
    score = next((row.need_score for row in rows if row.need_score is not None), None)
    return CaseSnapshot.objects.create(application=application, period=period, need_score=score, determinations=frozen)


@transaction.atomic
def case_send_to_committee(*, actor, application: Application, reason: str = "") -> Application:
    """Put an investigated case on the committee's list: visit recorded, documents complete, score frozen."""
    require(actor, "cases.send_to_committee")
    application = lock(actor=actor, application=application)
    if (
        application.visits.filter(status=VisitStatus.ASSIGNED).exists()
        or not application.visits.filter(status=VisitStatus.DONE).exists()
    ):
        raise ConflictError(errors.ERR_OPEN_VISIT, code="open_visit")
    missing = documents.missing_for(application)
    if missing:
        raise ConflictError(errors.ERR_MISSING_DOCUMENTS % {"documents": documents.labels(missing)}, code="documents")
    waiting = verification.waiting_for(application.household_id)
    if waiting:
        names = ", ".join(row.label for row in waiting)
        raise ConflictError(errors.ERR_CHECKS_WAITING % {"sources": names}, code="checks_waiting")
    case_transition(
        actor=actor,
        application=application,
        target=Status.AWAITING_COMMITTEE,
        action=AuditAction.CASE_SEND_TO_COMMITTEE,
        reason=reason,
    )
    frozen = snapshot_freeze(application=application)
    audit_record(
        actor=actor,
        action=AuditAction.CASE_SNAPSHOT,
        obj=frozen,
        after={"need_score": frozen.need_score, "programs": len(frozen.determinations)},
        household_id=application.household_id,
    )
    return application


def _deviates(outcome: str, frozen: dict | None) -> bool:
    """Approving what the rules found ineligible, or rejecting what they found eligible."""
    eligible = bool(frozen and frozen["eligible"])
    return (outcome == Outcome.APPROVED and not eligible) or (outcome == Outcome.REJECTED and eligible)


def _clean_decisions(application: Application, decisions: list[dict], justification: str) -> list[dict]:
    applied = set(application.programs.values_list("program", flat=True))
    if sorted(d.get("program") for d in decisions) != sorted(applied):
        raise ValidationError({"decisions": errors.ERR_DECISION_PROGRAMS})
    frozen = CaseSnapshot.objects.filter(application=application).order_by("-created_at").first()
    out = []
    for d in decisions:
        outcome, amount = d.get("outcome"), d.get("amount_kurus")
        if outcome not in Outcome.values:
            raise ValidationError(
                {"decisions": ValidationError(errors.ERR_DECISION_OUTCOME, params={"outcome": outcome})}
            )
        if amount is not None and (not isinstance(amount, int) or isinstance(amount, bool) or amount < 0):
            raise ValidationError({"decisions": errors.ERR_DECISION_AMOUNT})
        text = (d.get("justification") or justification or "").strip()
        determination = frozen.determination(d["program"]) if frozen else None
        if outcome == Outcome.APPROVED and insurance_exclusion(determination):
            raise ValidationError(
                {
                    "decisions": ValidationError(
                        errors.ERR_INSURED_EXCLUDED, params={"program": program_label(d["program"])}
                    )
                }
            )
        deviates = _deviates(outcome, determination)
        if deviates and not text:
            raise ValidationError(
                {"justification": ValidationError(errors.ERR_JUSTIFICATION_REQUIRED, params={"program": d["program"]})}
            )
        amount = amount if outcome == Outcome.APPROVED else None
        reasons = [str(c) for c in d.get("reason_codes") or []]
        out.append(
            {
                **d,
                "outcome": outcome,
                "amount_kurus": amount,
                "reason_codes": reasons,
                "justification": text,
                "deviates_from_score": deviates,
            }
        )
    return out


def _overall(outcomes: list[str]) -> str:
    if Outcome.APPROVED in outcomes:
        return Status.APPROVED
    return Status.DEFERRED if Outcome.DEFERRED in outcomes else Status.REJECTED


def _outcome_text(decisions: list[ProgramDecision]) -> dict[str, str]:
    """ "Program name: outcome; …" in Turkish and in English (the program as people name it, not its code)."""
    out = {}
    for lang in ("tr", "en"):
        with translation.override(lang):
            out[lang] = "; ".join(f"{program_label(d.program, lang)}: {Outcome(d.outcome).label}" for d in decisions)
    return out


@transaction.atomic
def case_record_decision(
    *, actor, application: Application, decisions: list[dict], meeting_ref: str, justification: str = ""
) -> list[ProgramDecision]:
    """Record the committee's decision per program on a case awaiting it; the citizen is told after commit.

    The application row is locked, so of two concurrent calls exactly one finds it awaiting the committee.
    A decision against the frozen objective result needs a written justification.
    """
    require(actor, "cases.record_decision")
    application = lock(actor=actor, application=application)
    if application.status != Status.AWAITING_COMMITTEE:
        raise ConflictError(
            errors.ERR_TRANSITION % {"current": Status(application.status).label, "target": Status.APPROVED.label},
            code="not_awaiting_committee",
        )
    if not (meeting_ref or "").strip():
        raise ValidationError({"meeting_ref": errors.ERR_MEETING_REQUIRED})
    cleaned = _clean_decisions(application, decisions, justification)
    now = timezone.now()
    application.decision_round += 1
    application.decided_at = now
    ProgramDecision.objects.filter(application=application, ended_on__isnull=True).update(ended_on=now.date())
    rows = [
        ProgramDecision.objects.create(
            application=application,
            household_id=application.household_id,
            program=d["program"],
            round=application.decision_round,
            outcome=d["outcome"],
            amount_kurus=d["amount_kurus"],
            reason_codes=d["reason_codes"],
            justification=d["justification"],
            deviates_from_score=d["deviates_from_score"],
            meeting_ref=meeting_ref.strip(),
            decided_at=now,
            decided_by=actor,
        )
        for d in cleaned
    ]
    for row in rows:
        audit_record(
            actor=actor, action=AuditAction.DECISION_RECORD, obj=row, after=snapshot(row), household_id=row.household_id
        )
    case_transition(
        actor=actor,
        application=application,
        target=_overall([r.outcome for r in rows]),
        action=AuditAction.CASE_DECIDE,
        reason=f"{meeting_ref.strip()} {justification}".strip(),
        fields=["decision_round", "decided_at"],
    )
    summary = _outcome_text(rows)
    application.objections.filter(status=ObjectionStatus.IN_REVIEW).update(
        status=ObjectionStatus.DECIDED, outcome=summary["en"], updated_at=now
    )
    until = deadlines.due("objection", now.date())
    citizen_notify(
        application=application, template="decision", context={"outcomes": summary, "objection_until": until}
    )
    return rows


@transaction.atomic
def case_close(*, actor, application: Application, reason: str) -> Application:
    """Close a decided case (benefit ended, objection period over); approved decisions stop being in force."""
    require(actor, "cases.change_application")
    if not reason.strip():
        raise ValidationError({"reason": errors.ERR_REASON_REQUIRED})
    application = lock(actor=actor, application=application)
    case_transition(
        actor=actor, application=application, target=Status.CLOSED, action=AuditAction.CASE_CLOSE, reason=reason
    )
    ProgramDecision.objects.filter(application=application, ended_on__isnull=True).update(ended_on=today())
    return application
