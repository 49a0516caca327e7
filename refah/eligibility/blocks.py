"""Building blocks shared by the coded rules and the data-defined programs (custom/).

Each block returns a Condition: the pass/fail array, a stable reason code and the values compared.
Income tests compare exactly in integers (income × den ⋚ num × base × size), so no rounding
decides a case; the values shown are rounded half-up to the kuruş.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from refah.common.money import format_tl
from refah.eligibility.context import Context
from refah.eligibility.errors import MissingInputError
from refah.eligibility.result import Condition, ProgramResult, compare

NMW_LABEL = {"tr": "net asgari ücret", "en": "net minimum wage"}
PER_CAPITA = {"tr": "kişi başı gelir", "en": "per-capita income"}


def div_half_up(numerator: np.ndarray | int, denominator: np.ndarray | int) -> np.ndarray | int:
    """Integer division rounded half-up (for non-negative values), the rounding we show."""
    return (2 * numerator + denominator) // (2 * denominator)


def ratio_note(ratio: Fraction, base: int, base_label: dict[str, str] = NMW_LABEL) -> dict[str, str]:
    return {lang: f"{ratio} × {base_label[lang]} ({format_tl(base, lang)})" for lang in ("tr", "en")}


def income_ratio_test(
    code: str,
    income: np.ndarray,
    size: np.ndarray | int,
    op: str,
    ratio: Fraction,
    base: int,
    *,
    subject: dict[str, str] = PER_CAPITA,
    reference: str = "",
    level: str = "household",
    applies: np.ndarray | None = None,
) -> Condition:
    """income / size  op  ratio × base, compared exactly in int64 kuruş."""
    size = np.maximum(size, 1)
    passed = compare(income * ratio.denominator, op, ratio.numerator * base * size)
    return Condition(
        code=code,
        subject=subject,
        passed=passed,
        lhs=div_half_up(income, size),
        op=op,
        rhs=div_half_up(ratio.numerator * base, ratio.denominator),
        kind="money",
        note=ratio_note(ratio, base),
        level=level,
        applies=applies,
        reference=reference,
    )


def value_test(
    code: str,
    subject: dict[str, str],
    lhs: Any,
    op: str,
    rhs: Any,
    *,
    kind: str = "number",
    level: str = "household",
    applies: np.ndarray | None = None,
    reference: str = "",
    note: dict[str, str] | None = None,
) -> Condition:
    """lhs op rhs, element-wise."""
    return Condition(code, subject, compare(lhs, op, rhs), lhs, op, rhs, kind, note, level, applies, reference)


def flag_test(
    code: str,
    subject: dict[str, str],
    values: np.ndarray,
    required: bool,
    *,
    level: str = "household",
    applies: np.ndarray | None = None,
    reference: str = "",
) -> Condition:
    """A yes/no fact that must equal `required`."""
    passed = values if required else ~values
    return Condition(code, subject, passed, values, "is", required, "flag", None, level, applies, reference)


def recorded_test(
    ctx: Context, code: str, subject: dict[str, str], values: np.ndarray, applies: np.ndarray, *, reference: str = ""
) -> Condition | None:
    """Persons to whom a fact applies must have it recorded (a value ≥ 0; -1 means "not given").

    A household or screener input without it is an error (MissingInputError). A registry batch
    (`partial_records`) instead fails the condition for those persons, with the reason shown.
    """
    missing = applies & (values < 0)
    if not np.any(missing):
        return None
    if not ctx.batch.partial_records:
        raise MissingInputError(code.rsplit(".", 1)[-1], subject["en"])
    return flag_test(f"{code}.recorded", subject, ~missing, True, level="person", applies=applies, reference=reference)


def need_score_test(ctx: Context, program: str, label: dict[str, str]) -> Condition:
    """The household is "needy" for `program`: need score ≥ the program's cut-off (named by its `label`)."""
    cutoff = ctx.P(f"{program}.need_score_cutoff")
    score = ctx.program("need_score").score
    return value_test(
        f"{program}.needy",
        {"tr": "hane ihtiyaç puanı", "en": "household need score"},
        score,
        ">=",
        cutoff,
        kind="score",
        reference="parameters/need_score.yaml",
        note={"tr": f"{label['tr']} eşiği", "en": f"{label['en']} cut-off"},
    )


NEEDY_OR_WORKING = "needy_or_working"


def work_continuation_test(ctx: Context, program: str) -> Condition:
    """A member started work through an İŞKUR placement less than `<program>.work_continuation_months` ago: the
    conditional transfer continues that long whatever the need score — an alternative to being needy (the
    need score test gets the same `any_of` tag)."""
    months = ctx.P(f"{program}.work_continuation_months")
    started = ctx.person("work_started_months")
    recent = ctx.hh_any((started >= 0) & (started < months))
    return Condition(
        f"{program}.work_started",
        {
            "tr": f"son {months} ayda İŞKUR aracılığıyla işe başlayan hane üyesi",
            "en": f"a member started work through İŞKUR in the last {months} months",
        },
        recent,
        recent,
        "is",
        True,
        "flag",
        reference="parameters/" + program,
        any_of=NEEDY_OR_WORKING,
    )


def all_passed(conditions: list[Condition], n: int) -> np.ndarray:
    """Households passing every household-level condition."""
    ok = np.ones(n, bool)
    for condition in conditions:
        if condition.level == "household":
            ok &= condition.passed
    return ok


def lookup(table: dict[Any, int], keys: np.ndarray, size: int | None = None) -> np.ndarray:
    """Index a small parameter table (int keys 0..size-1 → value) with a whole array."""
    size = size or (max(table) + 1)
    lut = np.zeros(size, np.int64)
    for key, value in table.items():
        lut[int(key)] = value
    return lut[np.clip(keys, 0, size - 1)]


def result(
    module: Any,
    ctx: Context,
    eligible: np.ndarray,
    amounts: dict[str, np.ndarray],
    conditions: list[Condition],
    **extra: Any,
) -> ProgramResult:
    """A ProgramResult with the rule module's code, label, reference and unit; amounts zero when ineligible.

    The recipient, unless the rule gives its own: the member the module's declared `RECIPIENT` kind names
    ("woman", the default, or "reference"; a custom program's `payment.recipient`). Payments pays that person.
    """
    amounts = {freq: np.where(eligible, values, 0).astype(np.int64) for freq, values in amounts.items()}
    if "recipient" not in extra:
        extra["recipient"] = _recipient(ctx, getattr(module, "RECIPIENT", "woman"))
    return ProgramResult(
        code=module.CODE,
        label=module.LABEL,
        reference=module.REFERENCE,
        unit=module.UNIT,
        eligible=eligible,
        amounts=amounts,
        conditions=conditions,
        in_kind=getattr(module, "IN_KIND", False),
        **extra,
    )


def _recipient(ctx: Context, kind: str) -> np.ndarray | None:
    """The member each household's benefit is paid to, by `kind`; None when the inputs lack role, sex or birth
    date (the screener's partial answers: it pays no one, and a program that does not read them must not fail)."""
    try:
        return ctx.recipient(kind)
    except MissingInputError:
        return None
