"""The sanction for refusing suitable work: the household's regular aid reduced month by month for a year.

The employment app (refah.employment) starts a sanction when a member's third refusal of a suitable job or course
is judged to be without a valid reason; it gives the household fact `work_sanction_month` (0 in the sanction's
first month, 1 in the second…, -1 without one) through eligibility's reading hook (provided.py). What the sanction
does is dated data, applied here once, after every program is evaluated and before the household cap, never
inside a rule:

- `work_sanction.programs`: the regular aid programmes it reduces;
- `work_sanction.monthly_reduction`: the share withheld in each month of the sanction, one per month; the list's
  length is the sanction's duration (twelve months: a year). All ones is the full cut; rising shares the gradual
  ("kademeli") reduction. A month past the list is no longer sanctioned: the year has ended;
- `work_sanction.lifted_by_work`: when yes, a member who starts work through an İŞKUR placement during the
  sanction lifts it from the month after the start.

The reduced amount is the amount × (1 − share), rounded half-up to the kuruş. Eligibility does not change: the
household stays a beneficiary and its aid resumes when the sanction ends. Two quiet reason items (shown only
where a reduction applies) name the sanction's month and the share and amount withheld. A programme reading a
sanctioned one (income support reads family support) sees it before the sanction, so no top-up refills the cut.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from fractions import Fraction
from typing import Any

import numpy as np

from refah.eligibility.blocks import div_half_up
from refah.eligibility.context import Context
from refah.eligibility.errors import ParameterNotInForce
from refah.eligibility.params import ParameterSet
from refah.eligibility.result import Condition, ProgramResult

REFERENCE = "parameters/work_sanction"
SUBJECT_MONTH = {"tr": "iş reddi yaptırımının ayı", "en": "month of the sanction for refusing work"}
SUBJECT_SHARE = {
    "tr": "üç kez geçerli nedensiz iş reddi yaptırımı: kesinti",
    "en": "sanction for refusing suitable work three times without a valid reason: reduction",
}
NOTE_WITHHELD = {"tr": "kesilen tutar", "en": "amount withheld"}


def month_shares(params: ParameterSet | Context) -> list[Fraction]:
    """The share withheld in each month of a sanction (empty before the parameter's first date)."""
    lookup = params.P if isinstance(params, Context) else params
    try:
        return list(lookup("work_sanction.monthly_reduction"))
    except ParameterNotInForce:
        return []


def schedule(start: dt.date, parameters: Any = None) -> list[tuple[dt.date, Fraction]]:
    """(month, share withheld) of each month of a sanction starting on `start` (a month's first day), each month
    with the parameter in force on it (`parameters(day)` gives the ParameterSet; default the YAML files)."""
    months, index = [], 0
    while True:
        day = _add_months(start, index)
        shares = month_shares(parameters(day) if parameters else ParameterSet(day))
        if index >= len(shares):
            return months
        months.append((day, shares[index]))
        index += 1


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def apply(ctx: Context, done: dict[str, Any]) -> None:
    """Reduce the sanctioned programmes of the households under a sanction in the period."""
    shares = month_shares(ctx)
    try:
        programs = ctx.P("work_sanction.programs")
        lifted_by_work = ctx.P("work_sanction.lifted_by_work")
    except ParameterNotInForce:
        return
    sanctioned = [c for c in programs if isinstance(done.get(c), ProgramResult) and not done[c].not_in_force]
    if not shares or not sanctioned:
        return
    month = ctx.household("work_sanction_month").astype(np.int64)
    in_force = (month >= 0) & (month < len(shares))
    if lifted_by_work:
        started = ctx.person("work_started_months").astype(np.int64)
        placed = ctx.hh_any((started >= 1) & (started <= ctx.to_persons(month)))
        in_force &= ~placed
    index = np.clip(month, 0, len(shares) - 1)
    numerator = np.where(in_force, np.array([s.numerator for s in shares], np.int64)[index], 0)
    denominator = np.where(in_force, np.array([s.denominator for s in shares], np.int64)[index], 1)
    for code in sanctioned:
        done[code] = _reduced(done[code], numerator, denominator, np.where(in_force, month + 1, 0))


def _reduced(program: ProgramResult, numerator: np.ndarray, denominator: np.ndarray, month: np.ndarray) -> Any:
    """The programme's result with its household amounts reduced by numerator/denominator, and the reasons."""
    amounts = {
        frequency: div_half_up(values * (denominator - numerator), denominator).astype(np.int64)
        for frequency, values in program.amounts.items()
    }
    withheld = sum(program.amounts[f] - amounts[f] for f in amounts) if amounts else np.zeros_like(month)
    percent = div_half_up(100 * numerator, denominator)
    conditions = [
        *program.conditions,
        Condition(f"{program.code}.work_sanction_month", SUBJECT_MONTH, True, month, "info", None, "count", quiet=True),
        Condition(
            f"{program.code}.work_sanction",
            SUBJECT_SHARE,
            True,
            percent,
            "info",
            withheld,
            "percent",
            NOTE_WITHHELD,
            reference=REFERENCE,
            quiet=True,
        ),
    ]
    return dataclasses.replace(program, amounts=amounts, conditions=conditions)
