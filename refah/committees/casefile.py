"""What the committee sees of a case: the programs applied for and the score frozen when it came to the committee.

The one module that reads refah.cases' models, so a change of their shape is fixed in one place.
"""

from dataclasses import dataclass, field


@dataclass
class ProgramLine:
    program: str
    eligible: bool | None
    amount_kurus: int
    reasons: list = field(default_factory=list)


@dataclass
class CaseFile:
    application_id: object
    reference: str
    household_id: object
    household_code: str
    need_score: float | None
    period: object
    programs: list[ProgramLine]

    def line(self, program: str) -> ProgramLine | None:
        return next((p for p in self.programs if p.program == program), None)


def case_file(application) -> CaseFile:
    """The programs of an application with their frozen determinations (latest snapshot)."""
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
    return CaseFile(
        application_id=application.pk,
        reference=application.reference,
        household_id=application.household_id,
        household_code=application.household.reference_code,
        need_score=snapshot.need_score if snapshot else None,
        period=snapshot.period if snapshot else None,
        programs=lines,
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
