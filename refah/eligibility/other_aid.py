"""Other givers' aid in the rules: counted as household income, or excluding a program, by dated parameters.

The household fact `other_aid` (refah.registry.facts; kuruş a month, the average over the months before the
period of the aid that other institutions gave the household) is read by the registry readers
(`other_aid_reading.py`) and is 0 where there are no aid records (the synthetic registry, a screener answer
left empty). Two things may follow from it, each by a dated parameter under `parameters/other_aid/`:

- `other_aid.counts_as_income`: the aid is added to the household's income (`Context.hh_income`), so every
  household-level income test and the need score see it; the program's income reason is followed by an item
  naming the amount added (`<program>.other_aid_income`).
- `other_aid.excluding_programs` (program → yes / no) with `other_aid.exclusion_minimum`: a program marked yes
  excludes a household whose other aid is at least the minimum a month. Applied here, once, after the program
  is evaluated (`apply`), never inside a rule: a condition `<program>.other_aid` naming the aid, and the
  household's eligibility and amounts set to none.

Both are off by default; before the parameters' first date nothing changes either.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np

from refah.eligibility.blocks import value_test
from refah.eligibility.context import Context
from refah.eligibility.errors import ParameterNotInForce
from refah.eligibility.result import Condition

REFERENCE = "parameters/other_aid"
SUBJECT = {"tr": "diğer kurumlardan alınan aylık yardım", "en": "other institutions' aid a month"}
SUBJECT_INCOME = {
    "tr": "gelire dahil edilen diğer kurumların aylık yardımı",
    "en": "other institutions' aid a month included in income",
}
NOTE_MINIMUM = {
    "tr": "diğer kurumların yardımında dışlama alt sınırı",
    "en": "exclusion minimum for other institutions' aid",
}


def parameter(ctx: Context, name: str, default: Any) -> Any:
    """An other_aid parameter on the period, or `default` before its first date."""
    try:
        return ctx.P(f"other_aid.{name}")
    except ParameterNotInForce:
        return default


def apply(ctx: Context, program: Any) -> Any:
    """The program's result with other givers' aid taken into account (the same object when nothing applies)."""
    if program.not_in_force:
        return program
    conditions = program.conditions
    if ctx.other_aid_counted is not None:
        conditions = _income_items(program.code, conditions, ctx.other_aid_counted)
    if parameter(ctx, "excluding_programs", {}).get(program.code):
        return _excluded(ctx, dataclasses.replace(program, conditions=conditions))
    return program if conditions is program.conditions else dataclasses.replace(program, conditions=conditions)


def _income_items(code: str, conditions: list[Condition], aid: np.ndarray) -> list[Condition]:
    """After each household income test: the other aid it includes."""
    out = []
    for condition in conditions:
        out.append(condition)
        if condition.level == "household" and condition.code.endswith(".income"):
            out.append(Condition(f"{code}.other_aid_income", SUBJECT_INCOME, True, aid, "info", None, "money"))
    return out if len(out) != len(conditions) else conditions


def _excluded(ctx: Context, program: Any) -> Any:
    """A household with other aid ≥ the minimum a month is not eligible; its amounts are none."""
    minimum = ctx.P("other_aid.exclusion_minimum")
    condition = value_test(
        f"{program.code}.other_aid",
        SUBJECT,
        ctx.household("other_aid"),
        "<",
        minimum,
        kind="money",
        reference=REFERENCE,
        note=NOTE_MINIMUM,
    )
    keep = condition.passed
    changes: dict[str, Any] = {
        "conditions": [*program.conditions, condition],
        "eligible": program.eligible & keep,
        "amounts": {frequency: np.where(keep, values, 0) for frequency, values in program.amounts.items()},
    }
    kept = ctx.to_persons(keep)
    if program.person_amounts:
        changes["person_amounts"] = {f: np.where(kept, values, 0) for f, values in program.person_amounts.items()}
    if program.beneficiaries is not None:
        changes["beneficiaries"] = program.beneficiaries & kept
    return dataclasses.replace(program, **changes)
