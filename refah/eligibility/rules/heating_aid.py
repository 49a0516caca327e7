"""Kömür yardımı: coal once a year before winter for needy households without social security, or insured
needy households with per-capita income below 1/3 of the net minimum wage; kg by the province's climate zone."""

import sys

import numpy as np

from refah.eligibility.blocks import flag_test, income_ratio_test, lookup, need_score_test, result
from refah.eligibility.context import Context
from refah.eligibility.errors import ParameterError

CODE = "heating_aid"
LABEL = {"tr": "Kömür Yardımı", "en": "Heating Aid (coal)"}
# Public legal source (shown to citizens and staff, TR/EN); internal notes stay in NOTE, never on a screen.
SOURCE = {
    "tr": "Kömür yardımı (TKİ kömürü, SYDV aracılığıyla), 3294 sayılı Kanun",
    "en": "Coal aid (TKİ coal through the SYDV), Law 3294",
}
NOTE = "quantities by climate zone assumed"
REFERENCE = SOURCE["tr"]
UNIT = "kg"
IN_KIND = True
FREQUENCIES = ("yearly",)
RECIPIENT = "reference"  # paid to the reference person (Context.reference_recipient)


def coal_kg(ctx: Context) -> np.ndarray:
    """Yearly coal (kg) for each household's province, from the climate-zone table."""
    zones = ctx.P(f"{CODE}.climate_zone")
    plate = ctx.household("province_plate")
    if not np.isin(plate, list(zones)).all():
        raise ParameterError("heating_aid.climate_zone lacks a province of the batch")
    return lookup(ctx.P(f"{CODE}.coal_kg_by_zone"), lookup(zones, plate, 82))


def evaluate(ctx: Context) -> object:
    """Needy, and either nobody insured or per-capita income below 1/3 net minimum wage."""
    needy = need_score_test(ctx, CODE, LABEL)
    uninsured = flag_test(
        f"{CODE}.insured",
        {"tr": "hanede sigortalı var", "en": "insured member in the household"},
        ctx.hh_insured,
        False,
        reference=REFERENCE,
    )
    uninsured.any_of = "insurance"
    low_income = income_ratio_test(
        f"{CODE}.income",
        ctx.hh_income,
        ctx.hh_size,
        "<",
        ctx.P(f"{CODE}.insured_income_ratio"),
        ctx.nmw,
        reference=REFERENCE,
    )
    low_income.any_of = "insurance"
    eligible = needy.passed & (uninsured.passed | low_income.passed)
    return result(sys.modules[__name__], ctx, eligible, {"yearly": coal_kg(ctx)}, [needy, uninsured, low_income])
