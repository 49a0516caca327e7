"""What the committee sees of a case: the programs applied for and the score frozen when it came to the committee.

The one module that reads refah.cases' models, so a change of their shape is fixed in one place. Beside the rules'
result it shows an advisory model's proposal, when an app above registered a proposer (refah.eligibility.proposals,
the targeting app): the legal basis stays the rules (the dated parameter `targeting.legal_basis`), a disagreement
between the model and the rules is flagged on the line, and nothing is applied: the committee still decides.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from refah.eligibility import proposals


@dataclass
class ProgramLine:
    program: str
    eligible: bool | None
    amount_kurus: int
    reasons: list = field(default_factory=list)
    disagrees: bool = False  # the model's proposal says otherwise than the rules (shown, never applied)


@dataclass
class CaseFile:
    application_id: object
    reference: str
    household_id: object
    household_code: str
    need_score: float | None
    period: object
    programs: list[ProgramLine]
    proposal: proposals.Proposal | None = None
    legal_basis: proposals.LegalBasis | None = None

    @property
    def disagreements(self) -> list[ProgramLine]:
        return [line for line in self.programs if line.disagrees]

    def line(self, program: str) -> ProgramLine | None:
        return next((p for p in self.programs if p.program == program), None)


def case_file(application, *, day: dt.date | None = None) -> CaseFile:
    """The programs of an application with their frozen determinations (latest snapshot), and the advisory model's
    proposal in force on `day` (today) beside them."""
    snapshot = application.snapshots.order_by("-created_at").first()
    lines = []
    for program in application.programs.order_by("program").values_list("program", flat=True):
        det = snapshot.determination(program) if snapshot else None
        lines.append(
            ProgramLine(
                program=program,
                eligible=det.get("eligible") if det else None,
                amount_kurus=int(det.get("amount_kurus") or 0) if det else 0,
                reasons=list(det.get("reasons") or []) if det else [],
            )
        )
    day = day or timezone.localdate()
    proposal = None
    for line in lines:
        proposal = proposals.proposal_for(application.household_id, line.program, day) or proposal
        line.disagrees = proposal is not None and proposal.disagrees(line.eligible)
    return CaseFile(
        application_id=application.pk,
        reference=application.reference,
        household_id=application.household_id,
        household_code=application.household.reference_code,
        need_score=snapshot.need_score if snapshot else None,
        period=snapshot.period if snapshot else None,
        programs=lines,
        proposal=proposal,
        legal_basis=proposals.legal_basis(day) if proposal else None,
    )


def objective_approves(*, line: ProgramLine, need_score: float | None, cutoff: float | None) -> bool | None:
    """The objective result on one program: eligible by the rules and, with a cut-off, a score at or above it."""
    if line.eligible is None:
        return None
    if cutoff is not None and need_score is not None and need_score < cutoff:
        return False
    return bool(line.eligible)


def against_objective(*, outcome: str, objective: bool | None) -> bool:
    """Approved although the objective result says no, or rejected although it says yes; deferring never is."""
    if objective is None or outcome == "deferred":
        return False
    return (outcome == "approved") != objective
