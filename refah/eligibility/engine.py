"""The rules-as-code engine: evaluate programs and the need score over a Batch for one period.

    result = evaluate(household_dict_or_batch, "2025-07", programs=["family_support"])
    result.summary(0)        # eligibility and amounts (kuruş) of household row 0
    result.explain(0, "en")  # the reasons as sentences

The single-household path is a batch of one; programs are evaluated once each, on demand, so a
program reading another (income_support reads family_support) or the need score shares it.
Other givers' aid (other_aid.py) is applied to each program's result as it is evaluated; the sanction for
refusing work (work_sanction.py) and then the interactions (household caps) run after the programs. Rules that
assess rather than pay (ASSESSMENTS: who can work) are evaluated only when asked for by code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import numpy as np

from refah.eligibility import interactions, other_aid, work_sanction
from refah.eligibility.context import Context
from refah.eligibility.entities import Batch, batch_from_household
from refah.eligibility.errors import EligibilityError, MissingInputError, ParameterNotInForce, UnknownProgramError
from refah.eligibility.need_score import need_score
from refah.eligibility.params import ParameterSet
from refah.eligibility.result import ProgramResult, Result
from refah.eligibility.rules import ASSESSMENTS, PROGRAMS

NEED_SCORE = "need_score"


def parse_period(period: str | dt.date) -> dt.date:
    """A month ("2025-07", "2025-07-01" or a date) → its first day."""
    if isinstance(period, dt.date):
        return period.replace(day=1)
    text = str(period)
    return dt.date.fromisoformat(text + "-01" if len(text) == 7 else text).replace(day=1)


def evaluate(
    inputs: Batch | dict[str, Any],
    period: str | dt.date,
    programs: Iterable[str | Any] | None = None,
    parameter_overrides: dict[str, Any] | None = None,
) -> Result:
    """Evaluate `programs` (codes, custom programs, or "need_score"; default: all) for one period.

    `inputs` is a Batch or one household as a dict (the screener's JSON). Missing inputs raise
    MissingInputError; a program whose parameters start after the period is reported not in force. An
    assessment (ASSESSMENTS: "work_capable") is evaluated when named, never by default.
    """
    batch = inputs if isinstance(inputs, Batch) else batch_from_household(inputs)
    day = parse_period(period)
    wanted = list(programs) if programs is not None else [*PROGRAMS, NEED_SCORE]
    customs = {item.CODE: item for item in wanted if not isinstance(item, str)}
    codes = [item if isinstance(item, str) else item.CODE for item in wanted]
    for code_ in codes:
        if code_ not in PROGRAMS and code_ not in ASSESSMENTS and code_ not in customs and code_ != NEED_SCORE:
            raise UnknownProgramError(code_)
    evaluator = _Evaluator(batch, day, ParameterSet(day, parameter_overrides), customs)
    for code_ in codes:
        evaluator.resolve(code_)
    work_sanction.apply(evaluator.context, evaluator.done)
    interactions.apply(evaluator.context, evaluator.done)
    evaluator.close()
    out = {code_: evaluator.done[code_] for code_ in codes if code_ != NEED_SCORE}
    return Result(day, batch, out, evaluator.done.get(NEED_SCORE))


class _Evaluator:
    """Evaluates each program once, on demand, detecting cycles."""

    def __init__(self, batch: Batch, day: dt.date, params: ParameterSet, customs: dict[str, Any]):
        self.context = Context(batch, day, params, self.resolve)
        self.customs = customs
        self.done: dict[str, Any] = {}
        self.running: set[str] = set()

    def close(self) -> None:
        """Break the evaluator ↔ context cycle so a batch's arrays are freed at once, not at the next GC."""
        self.context.close()

    def resolve(self, code_: str) -> Any:
        if code_ in self.done:
            return self.done[code_]
        if code_ in self.running:
            raise EligibilityError(f"Programs depend on each other in a cycle through {code_!r}.")
        self.running.add(code_)
        try:
            self.done[code_] = self._run(code_)
        finally:
            self.running.discard(code_)
        return self.done[code_]

    def _run(self, code_: str) -> Any:
        if code_ == NEED_SCORE:
            return need_score(self.context)
        module = self.customs.get(code_) or PROGRAMS.get(code_) or ASSESSMENTS[code_]
        try:
            return other_aid.apply(self.context, module.evaluate(self.context))
        except ParameterNotInForce as exc:
            return _not_in_force(module, self.context.H, str(exc))
        except MissingInputError as exc:
            raise MissingInputError(exc.field, f"needed by {code_}") from None


def _not_in_force(module: Any, n: int, message: str) -> ProgramResult:
    zeros = np.zeros(n, np.int64)
    return ProgramResult(
        code=module.CODE,
        label=module.LABEL,
        reference=module.REFERENCE,
        unit=module.UNIT,
        eligible=np.zeros(n, bool),
        amounts={freq: zeros for freq in module.FREQUENCIES},
        not_in_force=message,
    )
