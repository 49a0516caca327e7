"""Recording a visit: the outcome at the door and, for a household visited, the checklist's answers. Each area
with a "yes" is a risk found, and each risk makes its referrals through casework's `referral_create` in the same
transaction (one per service kind its "yes" answers name). The violence area is handed to the sealed services
only: nothing of it is stored here, nor written to the audit trail."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from refah.accounts.selectors import jurisdiction_q
from refah.asdep import errors
from refah.asdep.checklist import AREAS, QUESTION_BY_CODE, Area
from refah.asdep.enums import Answer, RoundStatus, Severity, VisitOutcome
from refah.asdep.models import Risk, Round, Visit
from refah.asdep.roles import RECORD_VISIT
from refah.asdep.services._common import require
from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.casework.enums import ReferralSource
from refah.casework.selectors import service_for_household
from refah.casework.services import referral_create
from refah.common.errors import ConflictError, NotFoundError, PermissionDeniedError, RefahError
from refah.registry.models import Person


def _request_hash(**payload) -> str:
    """The record's request as a digest (the Idempotency-Key's body check): the sealed area is part of the request,
    but only its digest is kept."""
    text = json.dumps(payload, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _person_id(value):
    return getattr(value, "pk", value) or None


def _found(area: Area, answers: dict) -> bool:
    return any(answers.get(q.code) == Answer.YES for q in area.questions)


def _validate(*, visit: Visit, outcome, visited_on, answers: dict, risks: dict, note: str) -> None:
    """Every refusal at once, by field (nothing is stored when there is one)."""
    problems: dict[str, list] = {}
    if outcome not in VisitOutcome.values:
        problems["outcome"] = [errors.ERR_OUTCOME]
    if visited_on > timezone.localdate() or visited_on < visit.round.starts_on:
        problems["visited_on"] = [errors.ERR_VISITED_ON]
    if outcome in (VisitOutcome.REFUSED, VisitOutcome.MOVED) and not note.strip():
        problems["note"] = [errors.ERR_NOTE_REQUIRED]
    if outcome == VisitOutcome.VISITED:
        for code in answers:
            if code not in QUESTION_BY_CODE:
                problems.setdefault("answers", []).append(errors.ERR_ANSWER_UNKNOWN % {"question": code})
        members = set(visit.household.memberships.current().values_list("person_id", flat=True))
        for area in AREAS:
            for q in area.questions:
                if answers.get(q.code) not in Answer.values:
                    problems[f"answers.{q.code}"] = [errors.ERR_ANSWER_MISSING]
            if not _found(area, answers):
                continue
            risk = risks.get(area.code) or {}
            if risk.get("severity") not in Severity.values:
                problems[f"risks.{area.code}.severity"] = [errors.ERR_SEVERITY]
            person_id = _person_id(risk.get("person"))
            if person_id and str(person_id) not in {str(m) for m in members}:
                problems[f"risks.{area.code}.person"] = [errors.ERR_MEMBER]
    if problems:
        raise ValidationError(problems)


def _reason(*, visit: Visit, area: Area, answers: dict, risk: dict) -> str:
    """The referral's reason, in Turkish as the records are kept: the questions answered yes, the severity, the
    team's note."""
    with translation.override("tr"):
        said = "; ".join(str(q.label) for q in area.questions if answers.get(q.code) == Answer.YES)
        parts = [
            _("ASDEP visit of %(date)s — %(area)s: %(said)s")
            % {"date": visit.visited_on.strftime("%d.%m.%Y"), "area": area.label, "said": said},
            _("Severity: %(severity)s.") % {"severity": Severity(risk["severity"]).label},
        ]
        if (risk.get("note") or "").strip():
            parts.append(risk["note"].strip())
    return " ".join(parts)


def _refer(*, actor, visit: Visit, answers: dict, risks: dict) -> None:
    """Each risk found: its referrals (the sealed area handed over, nothing kept), then the stored risk."""
    for area in AREAS:
        if not _found(area, answers):
            continue
        risk = risks[area.code]
        person_id = _person_id(risk.get("person"))
        person = Person.objects.get(pk=person_id) if person_id else None
        reason = _reason(visit=visit, area=area, answers=answers, risk=risk)
        kinds = tuple(dict.fromkeys(k for q in area.questions if answers.get(q.code) == Answer.YES for k in q.kinds))
        common = {"actor": actor, "household": visit.household, "person": person, "reason": reason}
        common |= {"source": ReferralSource.ASDEP_VISIT, "source_ref": str(visit.pk)}
        if area.sealed:
            for kind in kinds:
                try:
                    referral_create(kind=kind, **common)
                except RefahError as exc:
                    raise RefahError(exc.message, field=f"risks.{area.code}") from None
            continue
        stored = Risk.objects.create(
            visit=visit, area=area.code, severity=risk["severity"], person=person, note=(risk.get("note") or "").strip()
        )
        made, missing = [], []
        for kind in kinds:
            if service_for_household(household=visit.household, kind=kind) is None:
                missing.append(kind)
                continue
            made.append(referral_create(kind=kind, **common))
        stored.referrals.set(made)
        if missing:
            stored.unreferred_kinds = missing
            stored.save(update_fields=["unreferred_kinds", "updated_at"])


def _second_try(*, visit: Visit, on: dt.date | None) -> Visit | None:
    """Nobody home at the first try: the same team tries again within the round (the next working day by default)."""
    if visit.attempt > 1:
        return None
    day = on or visit.visited_on + dt.timedelta(days=1)
    while on is None and day.weekday() >= 5:
        day += dt.timedelta(days=1)
    if day <= visit.visited_on or (on is not None and day > visit.round.ends_on):
        raise RefahError(errors.ERR_SECOND_TRY_DATE, field="second_try_on")
    return Visit.objects.create(
        round=visit.round,
        team=visit.team,
        household=visit.household,
        planned_on=day,
        attempt=2,
        first_try=visit,
        proposal_reasons=visit.proposal_reasons,
    )


def _replay(visit: Visit, key: str, digest: str) -> Visit:
    if key and key == visit.record_key:
        if digest != visit.record_hash:
            raise ConflictError(errors.ERR_IDEMPOTENCY_MISMATCH, field="Idempotency-Key", code="idempotency_mismatch")
        visit.replayed = True
        return visit
    raise ConflictError(errors.ERR_VISIT_RECORDED, field="visit")


def visit_record(
    *,
    actor,
    visit: Visit,
    outcome: str,
    visited_on: dt.date | None = None,
    answers: dict | None = None,
    risks: dict | None = None,
    note: str = "",
    second_try_on: dt.date | None = None,
    idempotency_key: str | None = None,
) -> Visit:
    """Record the visit by one of its team. `answers` maps every question code to yes/no/unknown; `risks` maps
    each area with a "yes" to {severity, person (a current member, optional), note}. The same Idempotency-Key
    and request again returns the visit as recorded (`replayed`)."""
    require(actor, RECORD_VISIT)
    found = Visit.objects.filter(jurisdiction_q(actor, prefix="household__"), pk=visit.pk).first()
    if found is None:
        raise NotFoundError(errors.ERR_VISIT_NOT_FOUND)
    visit = found
    if not visit.team.members.filter(pk=actor.pk).exists():
        raise PermissionDeniedError(errors.ERR_NOT_ON_TEAM)
    answers, risks, note = dict(answers or {}), dict(risks or {}), (note or "").strip()
    visited_on = visited_on or timezone.localdate()
    key = (idempotency_key or "").strip()[:100]
    digest = _request_hash(o=outcome, d=visited_on, a=answers, r=risks, n=note, s=second_try_on)
    if visit.recorded:
        return _replay(visit, key, digest)
    if visit.round.status == RoundStatus.DONE:
        raise ConflictError(errors.ERR_ROUND_DONE, field="round")
    _validate(visit=visit, outcome=outcome, visited_on=visited_on, answers=answers, risks=risks, note=note)
    sealed = {q.code for area in AREAS if area.sealed for q in area.questions}
    with transaction.atomic():
        locked = Visit.objects.select_for_update().get(pk=visit.pk)
        if locked.recorded:
            return _replay(locked, key, digest)
        before = snapshot(visit, list(_fields()))
        visit.outcome, visit.visited_on, visit.note = outcome, visited_on, note
        visit.answers = {c: a for c, a in answers.items() if c not in sealed} if outcome == VisitOutcome.VISITED else {}
        visit.recorded_by, visit.record_key, visit.record_hash = actor, key, digest
        visit.save(update_fields=[*_fields(), "record_key", "record_hash", "updated_at"])
        if outcome == VisitOutcome.VISITED:
            _refer(actor=actor, visit=visit, answers=answers, risks=risks)
        retry = _second_try(visit=visit, on=second_try_on) if outcome == VisitOutcome.NOBODY_HOME else None
        _round_started(visit.round)
        after = {**snapshot(visit, list(_fields())), "risks": sorted(visit.risks.values_list("area", flat=True))}
        if retry is not None:
            after["second_try"] = {"id": str(retry.pk), "planned_on": retry.planned_on.isoformat()}
        audit_record(
            actor=actor,
            action=AuditAction.ASDEP_VISIT_RECORD,
            obj=visit,
            before=before,
            after=after,
            household_id=visit.household_id,
        )
    return visit


def _fields() -> tuple[str, ...]:
    return ("outcome", "visited_on", "answers", "note", "recorded_by")


def _round_started(round_: Round) -> None:
    if round_.status == RoundStatus.PLANNED:
        round_.status = RoundStatus.IN_PROGRESS
        round_.save(update_fields=["status", "updated_at"])
