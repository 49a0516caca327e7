"""Engelli aylığı (Law 2022): adults with ≥ 40 % disability, low income, no social security; two rates."""

import sys

import numpy as np

from refah.eligibility.blocks import result, value_test
from refah.eligibility.context import Context
from refah.eligibility.rules import law2022

CODE = "disability_pension"
LABEL = {"tr": "Engelli Aylığı (2022)", "en": "Disability Pension (Law 2022)"}
SOURCE = law2022.SOURCE
REFERENCE = law2022.REFERENCE
UNIT = "TRY"
FREQUENCIES = ("monthly",)
RECIPIENT = "reference"  # paid to the reference person (Context.reference_recipient)


def evaluate(ctx: Context) -> object:
    """Disability ≥ 40 % and 18+; 4,302 TL for 40–69 %, 6,454 TL for ≥ 70 % (2025-07)."""
    amounts = ctx.P(f"{CODE}.monthly_amount")
    low, high = sorted(amounts)
    percent = ctx.person("disability_percent")
    disabled = value_test(
        f"{CODE}.disability",
        {"tr": "engellilik oranı (%)", "en": "disability rate (%)"},
        percent,
        ">=",
        low,
        kind="percent",
        level="person",
        applies=percent > 0,
        reference=REFERENCE,
    )
    adult = value_test(
        f"{CODE}.age",
        {"tr": "yaş", "en": "age"},
        ctx.age,
        ">=",
        ctx.P(f"{CODE}.min_age"),
        kind="years",
        level="person",
        applies=disabled.passed,
        reference=REFERENCE,
    )
    income, uninsured = law2022.tests(ctx, CODE, disabled.passed)
    paid = disabled.passed & adult.passed & income.passed & uninsured.passed
    rate = np.where(percent >= high, amounts[high], amounts[low])
    person_amount = np.where(paid, rate, 0).astype(np.int64)
    return result(
        sys.modules[__name__],
        ctx,
        ctx.hh_any(paid),
        {"monthly": ctx.hh_sum(person_amount)},
        [disabled, adult, income, uninsured],
        beneficiaries=paid,
        person_amounts={"monthly": person_amount},
    )
