"""Öksüz ve yetim yardımı: 600 TL a month per orphan under 18; not together with SED or state care."""

import sys

import numpy as np

from refah.eligibility.blocks import flag_test, result, value_test
from refah.eligibility.context import Context

CODE = "orphan_aid"
LABEL = {"tr": "Öksüz ve Yetim Yardımı", "en": "Orphan Aid"}
# Public legal source (shown to citizens and staff, TR/EN); internal notes stay in NOTE, never on a screen.
SOURCE = {
    "tr": "Öksüz ve yetim yardımı, 3294 sayılı Kanun",
    "en": "Orphan aid, Law 3294",
}
REFERENCE = SOURCE["tr"]
UNIT = "TRY"
FREQUENCIES = ("monthly",)


def evaluate(ctx: Context) -> object:
    """Orphan child under 18, not in state care and not paid SED (mutual exclusion)."""
    orphan = ctx.person("orphan")
    young = value_test(
        f"{CODE}.age",
        {"tr": "yaş", "en": "age"},
        ctx.age,
        "<",
        ctx.P(f"{CODE}.child_age_limit"),
        kind="years",
        level="person",
        applies=orphan,
        reference=REFERENCE,
    )
    in_care = flag_test(
        f"{CODE}.in_state_care",
        {"tr": "devlet korumasında", "en": "in state care"},
        ctx.person("in_state_care"),
        False,
        level="person",
        applies=orphan,
        reference=REFERENCE,
    )
    sed = ctx.program("sed").beneficiaries
    if sed is None:  # SED not in force for the period
        sed = np.zeros(len(orphan), bool)
    no_sed = flag_test(
        f"{CODE}.sed",
        {"tr": "SED alıyor", "en": "paid SED"},
        sed,
        False,
        level="person",
        applies=orphan,
        reference=REFERENCE,
    )
    paid = orphan & young.passed & in_care.passed & no_sed.passed
    person_amount = np.where(paid, ctx.P(f"{CODE}.monthly_amount"), 0).astype(np.int64)
    return result(
        sys.modules[__name__],
        ctx,
        ctx.hh_any(paid),
        {"monthly": ctx.hh_sum(person_amount)},
        [young, in_care, no_sed],
        beneficiaries=paid,
        person_amounts={"monthly": person_amount},
        recipient=ctx.woman_recipient,
    )
