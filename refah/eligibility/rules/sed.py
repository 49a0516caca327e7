"""Sosyal ve Ekonomik Destek (SED): a monthly amount so that a child at risk of entering state care can stay
with the family, after a social worker's assessment (input sed_risk); amount by school situation."""

import sys

import numpy as np

from refah.eligibility.blocks import flag_test, result
from refah.eligibility.context import Context
from refah.eligibility.entities import code

CODE = "sed"
LABEL = {"tr": "Sosyal ve Ekonomik Destek (SED)", "en": "Socio-Economic Support (SED)"}
# Public legal source (shown to citizens and staff, TR/EN); internal notes stay in NOTE, never on a screen.
SOURCE = {
    "tr": "Sosyal ve Ekonomik Destek, 2828 sayılı Kanun ve SED Yönetmeliği",
    "en": "Socio-Economic Support, Law 2828 and the SED regulation",
}
REFERENCE = SOURCE["tr"]
UNIT = "TRY"
FREQUENCIES = ("monthly",)
# school_level → SED category; "none" (not of school age) is paid the pre-school rate.
CATEGORY = {
    "none": "preschool",
    "preschool": "preschool",
    "primary": "primary",
    "lower_secondary": "primary",
    "upper_secondary": "secondary",
    "higher": "higher",
    "out_of_school": "out_of_school",
}


def evaluate(ctx: Context) -> object:
    """Assessed at risk and not in state care; care leavers are not in the registry schema (see docs)."""
    risk = ctx.person("sed_risk")
    in_care = ctx.person("in_state_care")
    assessed = flag_test(
        f"{CODE}.risk",
        {"tr": "sosyal çalışmacı değerlendirmesi: risk altında", "en": "social worker assessed the child at risk"},
        risk,
        True,
        level="person",
        applies=risk | in_care,
        reference=REFERENCE,
    )
    not_in_care = flag_test(
        f"{CODE}.in_state_care",
        {"tr": "devlet korumasında", "en": "in state care"},
        in_care,
        False,
        level="person",
        applies=risk,
        reference=REFERENCE,
    )
    amounts = ctx.P(f"{CODE}.monthly_amount")
    lut = np.zeros(8, np.int64)
    for level, category in CATEGORY.items():
        lut[code("school_level", level)] = amounts[category]
    paid = risk & ~in_care
    person_amount = np.where(paid, lut[ctx.person("school_level")], 0).astype(np.int64)
    return result(
        sys.modules[__name__],
        ctx,
        ctx.hh_any(paid),
        {"monthly": ctx.hh_sum(person_amount)},
        [assessed, not_in_care],
        beneficiaries=paid,
        person_amounts={"monthly": person_amount},
        recipient=ctx.woman_recipient,
    )
