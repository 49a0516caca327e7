"""What the engine returns: per program eligibility, amounts and the conditions behind them.

Conditions keep the compared values as arrays (or scalars shared by all rows), so reasons cost
nothing at 25 M households; sentences are rendered only on request (explain.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa

from refah.eligibility.entities import Batch
from refah.eligibility.explain import explain_household

OPS = {
    "<": np.less,
    "<=": np.less_equal,
    ">": np.greater,
    ">=": np.greater_equal,
    "==": np.equal,
    "!=": np.not_equal,
}


def compare(lhs: Any, op: str, rhs: Any) -> np.ndarray:
    return OPS[op](lhs, rhs)


@dataclass
class Condition:
    """One tested condition with its reason code and the values compared.

    level "household": arrays of length H; level "person": length P, and `applies` marks the
    persons the condition concerns. kind says how to show values: money (kuruş), number, percent,
    years, months, days, score, flag (lhs is a bool array, op "is", rhs the required bool).
    """

    code: str
    subject: dict[str, str]
    passed: np.ndarray
    lhs: Any
    op: str
    rhs: Any
    kind: str = "money"
    note: dict[str, str] | None = None
    level: str = "household"
    applies: np.ndarray | None = None
    reference: str = ""
    any_of: str = ""  # conditions sharing a non-empty tag are alternatives: one passing is enough
    quiet: bool = False  # an "info" item shown only where its value is not zero (a sanction's reduction)


@dataclass
class ProgramResult:
    """One program over a batch: eligible (bool[H]), amounts per frequency (int64[H]) and conditions."""

    code: str
    label: dict[str, str]
    reference: str
    unit: str  # TRY (kuruş) | kg | points | places | cards
    eligible: np.ndarray
    amounts: dict[str, np.ndarray]  # "monthly" | "one_off" | "yearly" -> int64[H]
    conditions: list[Condition] = field(default_factory=list)
    beneficiaries: np.ndarray | None = None  # bool[P]: the persons the benefit is for
    person_amounts: dict[str, np.ndarray] = field(default_factory=dict)  # per beneficiary, int64[P]
    recipient: np.ndarray | None = None  # int64[H]: person row the benefit is paid to, -1 none
    in_kind: bool = False
    not_in_force: str | None = None  # message when the period lies before the program's parameters

    def reason_bits(self, person_household: np.ndarray, n_households: int, batch: Batch | None = None) -> np.ndarray:
        """uint32[H]: bit k set when condition k failed (for any member it concerns)."""
        bits = np.zeros(n_households, np.uint32)
        alternatives: dict[str, np.ndarray] = {}
        for condition in self.conditions:
            if condition.any_of:
                passed = household_passed(condition, person_household, n_households, batch)
                alternatives[condition.any_of] = alternatives.get(condition.any_of, False) | passed
        for k, condition in enumerate(self.conditions[:32]):
            if condition.op == "info":
                continue
            failed = ~household_passed(condition, person_household, n_households, batch)
            if condition.any_of:
                failed &= ~alternatives[condition.any_of]
            bits[failed] |= np.uint32(1 << k)
        return bits


def household_passed(
    condition: Condition, person_household: np.ndarray, n_households: int, batch: Batch | None = None
) -> np.ndarray:
    """bool[H]: a household condition's result, or for a person condition: no concerned member failed."""
    passed = np.broadcast_to(
        np.asarray(condition.passed), (len(person_household),) if condition.level == "person" else (n_households,)
    )
    if condition.level == "household":
        return passed
    failed = ~passed if condition.applies is None else (~passed & condition.applies)
    if batch is not None:
        return batch.segment_sum(failed) == 0
    return np.bincount(person_household[failed], minlength=n_households) == 0


@dataclass
class NeedScore:
    """The household need score (0–100) with each component's need level (0–1)."""

    version: str
    score: np.ndarray  # float64[H], rounded to 0.1
    components: dict[str, np.ndarray]
    values: dict[str, np.ndarray]  # the raw measure behind each component, for explanations


@dataclass
class Result:
    """The engine's answer for one batch and one period."""

    period: dt.date
    batch: Batch
    programs: dict[str, ProgramResult]
    need_score: NeedScore | None

    def household_index(self, household_key: int) -> int:
        return int(np.searchsorted(self.batch.household_key, household_key))

    def summary(self, i: int = 0) -> dict[str, Any]:
        """One household's determinations as plain data (for the API and the YAML cases)."""
        out: dict[str, Any] = {}
        for code, program in self.programs.items():
            out[code] = {
                "eligible": bool(program.eligible[i]),
                "unit": program.unit,
                "amounts": {freq: int(values[i]) for freq, values in program.amounts.items()},
                "not_in_force": program.not_in_force,
            }
        if self.need_score is not None:
            out["need_score"] = float(self.need_score.score[i])
        return out

    def explain(self, i: int = 0, lang: str = "tr") -> dict[str, list[dict[str, Any]]]:
        """Reasons of household row i as sentences in `lang` (tr or en)."""
        return explain_household(self, i, lang)

    def to_arrow(self, reasons: bool = True) -> pa.Table:
        """One row per household: need score, and per program eligible, amounts and failed-reason bits."""
        columns: dict[str, Any] = {"household_key": self.batch.household_key}
        if self.need_score is not None:
            columns["need_score"] = self.need_score.score.astype(np.float32)
        for code, program in self.programs.items():
            columns[f"{code}.eligible"] = program.eligible
            for freq, values in program.amounts.items():
                columns[f"{code}.{freq}"] = values
            if reasons:
                columns[f"{code}.failed"] = program.reason_bits(
                    self.batch.person_household, self.batch.n_households, self.batch
                )
        return pa.table(columns)
