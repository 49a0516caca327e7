"""Evde bakım yardımı: a monthly allowance per fully dependent disabled person cared for at home, when the
household's per-capita income is below 2/3 of the net minimum wage; each additional care-dependent disabled
person counts as two members."""

import sys

import numpy as np

from refah.eligibility.blocks import flag_test, income_ratio_test, result
from refah.eligibility.context import Context

CODE = "home_care"
LABEL = {"tr": "Evde Bakım Yardımı", "en": "Home Care Allowance"}
# Public legal source (shown to citizens and staff, TR/EN); internal notes stay in NOTE, never on a screen.
SOURCE = {
    "tr": "Evde bakım yardımı, 2828 sayılı Kanun ek md. 7",
    "en": "Home care allowance, Law 2828 additional art. 7",
}
REFERENCE = SOURCE["tr"]
UNIT = "TRY"
FREQUENCIES = ("monthly",)
RECIPIENT = "reference"  # paid to the reference person (Context.reference_recipient)


def evaluate(ctx: Context) -> object:
    """Per fully dependent person with disability ≥ 40 %; household income test with the weighted size."""
    disabled = ctx.person("disability_percent") >= ctx.P(f"{CODE}.min_disability_percent")
    full = ctx.is_code("dependency", "full")
    dependent = disabled & full
    n_dependent = ctx.hh_count(dependent)
    weighted_size = ctx.hh_size + (ctx.P(f"{CODE}.extra_dependent_weight") - 1) * np.maximum(n_dependent - 1, 0)
    income = income_ratio_test(
        f"{CODE}.income",
        ctx.hh_income,
        weighted_size,
        "<",
        ctx.P(f"{CODE}.income_ratio"),
        ctx.nmw,
        subject={
            "tr": "kişi başı gelir (ek bakıma muhtaç kişiler iki kişi sayılır)",
            "en": "per-capita income (each additional care-dependent person counts as two)",
        },
        reference=REFERENCE,
    )
    care = flag_test(
        f"{CODE}.dependent",
        {"tr": "tam bağımlı engelli", "en": "fully dependent disabled person"},
        dependent,
        True,
        level="person",
        applies=disabled | full,
        reference=REFERENCE,
    )
    paid = dependent & ctx.to_persons(income.passed)
    person_amount = np.where(paid, ctx.P(f"{CODE}.monthly_amount"), 0).astype(np.int64)
    return result(
        sys.modules[__name__],
        ctx,
        ctx.hh_any(paid),
        {"monthly": ctx.hh_sum(person_amount)},
        [care, income],
        beneficiaries=paid,
        person_amounts={"monthly": person_amount},
    )
