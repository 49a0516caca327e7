"""A validated custom program as the engine evaluates it, like a rule module: its building blocks over the batch."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from refah.eligibility.blocks import flag_test, income_ratio_test, result, value_test
from refah.eligibility.context import Context
from refah.eligibility.custom.payment import Payment
from refah.eligibility.entities import code
from refah.eligibility.errors import ParameterNotInForce
from refah.eligibility.result import Condition, ProgramResult

PERSON_BLOCKS = {"age_range", "disability", "sex"}


@dataclass(frozen=True)
class CustomProgram:
    """A validated data-defined program; the engine evaluates it like a rule module."""

    CODE: str
    LABEL: dict[str, str]
    REFERENCE: str
    UNIT: str
    FREQUENCIES: tuple[str, ...]
    IN_KIND: bool
    valid_from: dt.date
    valid_to: dt.date | None
    conditions: tuple[dict[str, Any], ...]
    amount_per: str
    amount: int
    child_max_age: int
    payment: Payment

    @property
    def RECIPIENT(self) -> str:  # named as the rule modules' attribute blocks.result() reads
        """Who is paid: the definition's `payment.recipient` ("woman" or "reference")."""
        return self.payment.recipient

    def evaluate(self, ctx: Context) -> ProgramResult:
        """The program for every household of the context's batch."""
        if ctx.period < self.valid_from:
            raise ParameterNotInForce(f"{self.CODE}.valid_from", ctx.period, self.valid_from)
        if self.valid_to is not None and ctx.period > self.valid_to:
            raise ParameterNotInForce(f"{self.CODE}.valid_to", ctx.period, self.valid_from)
        conditions = [_condition(ctx, self.CODE, i, block) for i, block in enumerate(self.conditions)]
        eligible = np.ones(ctx.H, bool)
        beneficiaries = np.ones(len(ctx.ph), bool)
        for block, condition in zip(self.conditions, conditions, strict=True):
            if block["block"] in PERSON_BLOCKS:
                beneficiaries &= condition.passed
            else:
                eligible &= condition.passed
        has_person_blocks = any(block["block"] in PERSON_BLOCKS for block in self.conditions)
        if has_person_blocks:
            eligible &= ctx.hh_any(beneficiaries)
        beneficiaries &= ctx.to_persons(eligible)
        count = {
            "household": np.ones(ctx.H, np.int64),
            "member": ctx.hh_size,
            "child": ctx.hh_count(ctx.is_child_under(self.child_max_age)) if self.amount_per == "child" else None,
            "beneficiary": ctx.hh_count(beneficiaries),
        }[self.amount_per]
        amounts = {self.FREQUENCIES[0]: count * self.amount}
        return result(
            self,
            ctx,
            eligible & (count > 0),
            amounts,
            conditions,
            beneficiaries=beneficiaries if has_person_blocks else None,
        )


def _condition(ctx: Context, program: str, index: int, block: dict[str, Any]) -> Condition:
    """The Condition of one building block (reason code `<program>.<block><index>`)."""
    name = block["block"]
    code_ = f"{program}.{name}{index}"
    if name == "income_ratio":
        op = "<" if block.get("strict") else "<="
        return income_ratio_test(code_, ctx.hh_income, ctx.hh_size, op, Fraction(str(block["max_ratio"])), ctx.nmw)
    if name == "age_range":
        return _range(code_, {"tr": "yaş", "en": "age"}, ctx.age, block.get("min"), block.get("max"), "years", "person")
    if name == "disability":
        return value_test(
            code_,
            {"tr": "engellilik oranı (%)", "en": "disability rate (%)"},
            ctx.person("disability_percent"),
            ">=",
            block["min_percent"],
            kind="percent",
            level="person",
            applies=ctx.person("disability_percent") > 0,
        )
    if name == "sex":
        return flag_test(
            code_,
            {lang: f"{words[0]} {words[1][block['is']]}" for lang, words in SEX_WORDS.items()},
            ctx.person("sex") == code("sex", block["is"]),
            True,
            level="person",
        )
    if name == "household_size":
        return _range(
            code_,
            {"tr": "hane büyüklüğü", "en": "household size"},
            ctx.hh_size,
            block.get("min"),
            block.get("max"),
            "count",
            "household",
        )
    if name == "children":
        children = ctx.hh_count(ctx.is_child_under(block.get("max_age", 18)))
        return value_test(code_, {"tr": "çocuk sayısı", "en": "number of children"}, children, ">=", block["min"])
    if name == "need_score":
        return value_test(
            code_,
            {"tr": "hane ihtiyaç puanı", "en": "household need score"},
            ctx.program("need_score").score,
            ">=",
            block["min"],
            kind="score",
        )
    if name == "not_insured":
        return flag_test(
            code_, {"tr": "hanede sigortalı var", "en": "insured member in the household"}, ctx.hh_insured, False
        )
    if name == "province":
        plate = ctx.household("province_plate")
        return flag_test(code_, {"tr": "il kapsamda", "en": "province covered"}, np.isin(plate, block["in"]), True)
    districts = np.array([pcode in set(block["in"]) for pcode in ctx.batch.districts] + [False])
    return flag_test(
        code_, {"tr": "ilçe kapsamda", "en": "district covered"}, districts[ctx.household("district")], True
    )


# The sex block's subject in words ("cinsiyet: kadın"), never the code ("F").
SEX_WORDS = {"tr": ("cinsiyet", {"F": "kadın", "M": "erkek"}), "en": ("sex", {"F": "female", "M": "male"})}


def _range(
    code_: str, subject: dict[str, str], values: np.ndarray, low: int | None, high: int | None, kind: str, level: str
) -> Condition:
    """low ≤ values ≤ high as one condition (two when both bounds are given, shown as one range)."""
    passed = np.ones(len(values), bool)
    if low is not None:
        passed &= values >= low
    if high is not None:
        passed &= values <= high
    op, rhs = (">=", low) if high is None else ("<=", high) if low is None else ("<=", high)
    condition = value_test(code_, subject, values, op, rhs, kind=kind, level=level)
    condition.passed = passed
    if low is not None and high is not None:
        condition.note = {"tr": f"aralık {low}–{high}", "en": f"range {low}–{high}"}
    return condition
