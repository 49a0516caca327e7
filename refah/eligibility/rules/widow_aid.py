"""Eşi vefat etmiş kadınlara düzenli nakdi yardım: widows whose last spouse died, not remarried, in a household
where nobody is insured; 1,000 TL a month, paid every two months."""

import sys

import numpy as np

from refah.eligibility.blocks import flag_test, result
from refah.eligibility.context import Context

CODE = "widow_aid"
LABEL = {"tr": "Eşi Vefat Etmiş Kadınlara Yardım", "en": "Widow Aid"}
# Public legal source (shown to citizens and staff, TR/EN); internal notes stay in NOTE, never on a screen.
SOURCE = {
    "tr": "Eşi vefat etmiş kadınlara düzenli nakdi yardım, 3294 sayılı Kanun",
    "en": "Regular cash aid to women whose husband has died, Law 3294",
}
REFERENCE = SOURCE["tr"]
UNIT = "TRY"
FREQUENCIES = ("monthly",)


def evaluate(ctx: Context) -> object:
    """A woman with spouse_deceased and marital status widowed (not remarried); no insured member."""
    widow = ctx.person("spouse_deceased") & ctx.female
    not_remarried = flag_test(
        f"{CODE}.widowed",
        {"tr": "medeni hali dul (yeniden evlenmemiş)", "en": "marital status widowed (not remarried)"},
        ctx.is_code("marital_status", "widowed"),
        True,
        level="person",
        applies=widow,
        reference=REFERENCE,
    )
    deceased = flag_test(
        f"{CODE}.spouse_deceased",
        {"tr": "eşi vefat etmiş kadın", "en": "woman whose spouse died"},
        widow,
        True,
        level="person",
        applies=widow | ctx.is_code("marital_status", "widowed"),
        reference=REFERENCE,
    )
    nobody_insured = flag_test(
        f"{CODE}.insured",
        {"tr": "hanede sigortalı var", "en": "insured member in the household"},
        ctx.hh_insured,
        False,
        reference=REFERENCE,
    )
    paid = widow & not_remarried.passed & ctx.to_persons(nobody_insured.passed)
    person_amount = np.where(paid, ctx.P(f"{CODE}.monthly_amount"), 0).astype(np.int64)
    return result(
        sys.modules[__name__],
        ctx,
        ctx.hh_any(paid),
        {"monthly": ctx.hh_sum(person_amount)},
        [deceased, not_remarried, nobody_insured],
        beneficiaries=paid,
        person_amounts={"monthly": person_amount},
    )
