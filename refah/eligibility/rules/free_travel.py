"""Ücretsiz seyahat (Law 4736): persons 65+, persons with ≥ 40 % disability, and one companion of a severely
disabled person travel free on urban public transport; the amount is the number of travel cards."""

import sys

import numpy as np

from refah.eligibility.blocks import result, value_test
from refah.eligibility.context import Context
from refah.eligibility.result import Condition

CODE = "free_travel"
LABEL = {"tr": "Ücretsiz Seyahat Kartı", "en": "Free Travel Card"}
# Public legal source (shown to citizens and staff, TR/EN); internal notes stay in NOTE, never on a screen.
SOURCE = {
    "tr": "4736 sayılı Kanun md. 1 (2013 değişikliğiyle)",
    "en": "Law 4736 art. 1, as amended in 2013",
}
REFERENCE = SOURCE["tr"]
UNIT = "cards"
IN_KIND = True
FREQUENCIES = ("one_off",)
RECIPIENT = "reference"  # paid to the reference person (Context.reference_recipient)


def companion(ctx: Context, severe: np.ndarray) -> np.ndarray:
    """bool[P]: per household with a severely disabled member, the first adult who is not severely disabled."""
    candidate = (ctx.age >= 18) & ~severe
    needs = ctx.to_persons(ctx.hh_any(severe)) & candidate
    rows = np.flatnonzero(needs)
    first = np.ones(len(rows), bool)
    first[1:] = ctx.ph[rows][1:] != ctx.ph[rows][:-1]
    chosen = np.zeros(len(severe), bool)
    chosen[rows[first]] = True
    return chosen


def evaluate(ctx: Context) -> object:
    """Any of: age ≥ 65, disability ≥ 40 %, companion of a member with disability ≥ 50 % (assumed)."""
    percent = ctx.person("disability_percent")
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
    disabled = value_test(
        f"{CODE}.disability",
        {"tr": "engellilik oranı (%)", "en": "disability rate (%)"},
        percent,
        ">=",
        ctx.P(f"{CODE}.min_disability_percent"),
        kind="percent",
        level="person",
        applies=percent > 0,
        reference=REFERENCE,
    )
    severe = percent >= ctx.P(f"{CODE}.severe_disability_percent")
    escort = companion(ctx, severe)
    escort_reason = Condition(
        f"{CODE}.companion",
        {"tr": "ağır engelli yakınının refakatçisi", "en": "companion of a severely disabled member"},
        escort,
        escort,
        "is",
        True,
        "flag",
        level="person",
        applies=escort,
        reference=REFERENCE,
    )
    for condition in (old, disabled, escort_reason):
        condition.any_of = "entitlement"
    paid = old.passed | disabled.passed | escort
    return result(
        sys.modules[__name__],
        ctx,
        ctx.hh_any(paid),
        {"one_off": ctx.hh_count(paid)},
        [old, disabled, escort_reason],
        beneficiaries=paid,
    )
