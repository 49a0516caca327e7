"""Gelir Desteği: tops the household's income (family support included) up to a threshold; paid to the woman."""

import sys
from math import lcm

import numpy as np

from refah.eligibility.blocks import div_half_up, result, value_test
from refah.eligibility.context import Context

CODE = "income_support"
LABEL = {"tr": "Gelir Desteği", "en": "Income Support"}
# Public legal source (shown to citizens and staff, TR/EN); internal notes stay in NOTE, never on a screen.
SOURCE = {
    "tr": "Aile Destek Programı kapsamında Gelir Desteği (3294 sayılı Kanun)",
    "en": "Income Support of the Family Support Programme (Law 3294)",
}
NOTE = "threshold assumed by the programme office"
REFERENCE = SOURCE["tr"]
UNIT = "TRY"
FREQUENCIES = ("monthly",)


def threshold(ctx: Context) -> np.ndarray:
    """Household threshold: first × NMW + additional × NMW × (members − 1), rounded half-up to the kuruş."""
    first, additional = ctx.P(f"{CODE}.threshold_first_ratio"), ctx.P(f"{CODE}.threshold_additional_ratio")
    den = lcm(first.denominator, additional.denominator)
    numerator = ctx.nmw * (
        first.numerator * (den // first.denominator)
        + additional.numerator * (den // additional.denominator) * (ctx.hh_size - 1)
    )
    return div_half_up(numerator, den)


def evaluate(ctx: Context) -> object:
    """Eligible when household income plus family support is below the threshold; one-person households too."""
    first, additional = ctx.P(f"{CODE}.threshold_first_ratio"), ctx.P(f"{CODE}.threshold_additional_ratio")
    limit = threshold(ctx)
    counted = ctx.hh_income + ctx.program("family_support").amounts["monthly"]
    below = value_test(
        f"{CODE}.income",
        {"tr": "hane geliri (aile desteği dahil)", "en": "household income incl. family support"},
        counted,
        "<",
        limit,
        kind="money",
        note={
            "tr": f"{first} × net asgari ücret + {additional} × net asgari ücret × (kişi sayısı − 1)",
            "en": f"{first} × net minimum wage + {additional} × net minimum wage × (members − 1)",
        },
        reference=REFERENCE,
    )
    return result(
        sys.modules[__name__], ctx, below.passed, {"monthly": limit - counted}, [below], recipient=ctx.woman_recipient
    )
