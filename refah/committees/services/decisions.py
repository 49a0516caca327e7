"""Writes of an item's decisions: the votes tallied per program, recorded on the case and in the public ledger."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from refah.audit.actions import AuditAction
from refah.audit.ledger import ledger_append
from refah.audit.services import audit_record
from refah.cases.services import case_record_decision
from refah.committees import casefile, errors, rules
from refah.committees.enums import MeetingStatus, MemberRole, Outcome
from refah.committees.models import AgendaItem, ItemDecision, Meeting
from refah.committees.selectors import item_quorum, require_perm
from refah.committees.services._common import lock_item, require_office
from refah.common.errors import ConflictError


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
    item = lock_item(item)
    meeting = item.meeting
    require_office(actor, meeting.committee.office)
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
    """The public ledger entry of one decision: program, amount and office public; the rest committed privately.
    When the item showed an advisory model's proposal, its version and weights hash are public too (`model`)."""
    office = meeting.committee.office
    extra = {"model_disagreed": decision.model_disagreed} if decision.model_ref else {}
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
            **extra,
        },
        program=row.program,
        period=row.decided_at.strftime("%Y-%m"),
        amount_kurus=row.amount_kurus,
        office_code=office.district.pcode if office.district_id else str(office.pk)[:32],
        model=decision.model_ref or None,
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
                model_ref=case.proposal.model_ref if case.proposal else "",
                model_disagreed=line.disagrees,
            )
        )
    return planned
