"""Aile Destek Programı: a monthly household amount by per-capita income band plus a child add-on."""

import sys

import numpy as np

from refah.eligibility.blocks import PER_CAPITA, div_half_up, flag_test, income_ratio_test, lookup, result
from refah.eligibility.context import Context
from refah.eligibility.result import Condition

CODE = "family_support"
LABEL = {"tr": "Aile Destek Programı", "en": "Family Support Programme"}
# Public legal source (shown to citizens and staff, TR/EN); internal notes stay in NOTE, never on a screen.
SOURCE = {
    "tr": "Aile Destek Programı (Aile ve Sosyal Hizmetler Bakanlığı, 2023); "
    "3294 sayılı Kanun kapsamında SYDV aracılığıyla ödenir",
    "en": "Family Support Programme (Ministry of Family and Social Services, 2023); "
    "paid through the SYDV under Law 3294",
}
REFERENCE = SOURCE["tr"]
UNIT = "TRY"
FREQUENCIES = ("monthly",)


def evaluate(ctx: Context) -> object:
    """Eligible: no civil servant in the household and per-capita income ≤ 1/3 net minimum wage."""
    P = ctx.P
    income, size = ctx.hh_income, ctx.hh_size
    civil_servant = ctx.hh_any(ctx.is_code("employment_status", "civil_servant"))
    no_civil = flag_test(
        f"{CODE}.no_civil_servant",
        {"tr": "hanede memur var", "en": "civil servant in the household"},
        civil_servant,
        False,
        reference=REFERENCE,
    )
    income_test = income_ratio_test(
        f"{CODE}.income", income, size, "<=", P(f"{CODE}.last_band_ratio"), ctx.nmw, reference=REFERENCE
    )
    eligible = no_civil.passed & income_test.passed
    band_amount = _band(ctx, income, size)
    children = ctx.hh_count(ctx.is_child_under(P(f"{CODE}.child_age_limit")))
    addon_table = P(f"{CODE}.child_addon")
    addon = lookup({0: 0, **addon_table}, np.minimum(children, max(addon_table)))
    conditions = [
        no_civil,
        income_test,
        Condition(
            f"{CODE}.band",
            PER_CAPITA,
            True,
            div_half_up(income, size),
            "info",
            band_amount,
            "money",
            {"tr": "gelir dilimi tutarı", "en": "band amount"},
            reference=REFERENCE,
        ),
        Condition(
            f"{CODE}.child_addon",
            {"tr": "18 yaş altı çocuk", "en": "children under 18"},
            True,
            children,
            "info",
            addon,
            "count",
            {"tr": "çocuk ek ödemesi", "en": "child add-on"},
            reference=REFERENCE,
        ),
    ]
    return result(
        sys.modules[__name__],
        ctx,
        eligible,
        {"monthly": band_amount + addon},
        conditions,
        recipient=ctx.woman_recipient,
    )


def _band(ctx: Context, income: np.ndarray, size: np.ndarray) -> np.ndarray:
    """The amount of the first band whose limit the per-capita income does not exceed (exact test)."""
    P = ctx.P
    amount = np.full(len(income), P(f"{CODE}.last_band_amount"), np.int64)
    bands = list(zip(P(f"{CODE}.band_limits"), P(f"{CODE}.band_amounts"), strict=True))
    for band_limit, band_amount in reversed(bands):
        amount = np.where(income <= band_limit * size, band_amount, amount)
    return amount
