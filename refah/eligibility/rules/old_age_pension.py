"""Yaşlı aylığı (Law 2022): 65+, low income of person and spouse, no social security; a disabled person
eligible for the (higher) disability pension gets that one instead."""

import sys

import numpy as np

from refah.eligibility.blocks import flag_test, result, value_test
from refah.eligibility.context import Context
from refah.eligibility.rules import law2022

CODE = "old_age_pension"
LABEL = {"tr": "Yaşlı Aylığı (2022)", "en": "Old-Age Pension (Law 2022)"}
SOURCE = law2022.SOURCE
REFERENCE = law2022.REFERENCE
UNIT = "TRY"
FREQUENCIES = ("monthly",)
RECIPIENT = "reference"  # paid to the reference person (Context.reference_recipient)


def evaluate(ctx: Context) -> object:
    """Age ≥ 65, income and social-security tests, and not paid a disability pension."""
    old = value_test(
        f"{CODE}.age",
        {"tr": "yaş", "en": "age"},
        ctx.age,
        ">=",
        ctx.P(f"{CODE}.min_age"),
        kind="years",
        level="person",
        applies=ctx.age >= 60,
        reference=REFERENCE,
    )
    income, uninsured = law2022.tests(ctx, CODE, old.passed)
    disability = ctx.program("disability_pension").beneficiaries
    if disability is None:  # disability pension not in force for the period
        disability = np.zeros(len(old.passed), bool)
    exclusive = flag_test(
        f"{CODE}.disability_pension",
        {"tr": "engelli aylığı alıyor", "en": "paid a disability pension"},
        disability,
        False,
        level="person",
        applies=old.passed & disability,
        reference=REFERENCE,
    )
    paid = old.passed & income.passed & uninsured.passed & ~disability
    person_amount = np.where(paid, ctx.P(f"{CODE}.monthly_amount"), 0).astype(np.int64)
    return result(
        sys.modules[__name__],
        ctx,
        ctx.hh_any(paid),
        {"monthly": ctx.hh_sum(person_amount)},
        [old, income, uninsured, exclusive],
        beneficiaries=paid,
        person_amounts={"monthly": person_amount},
    )
