"""Yenidoğan beslenme desteği: in-kind food (milk, formula) for newborns of needy households, 12 months."""

import sys

import numpy as np

from refah.eligibility.blocks import need_score_test, result, value_test
from refah.eligibility.context import Context

CODE = "newborn_food"
LABEL = {"tr": "Yenidoğan Beslenme Desteği", "en": "Newborn Food Support"}
# Public legal source (shown to citizens and staff, TR/EN); internal notes stay in NOTE, never on a screen.
SOURCE = {
    "tr": "Yoksul ailelerin yenidoğan bebeklerine ayni beslenme desteği",
    "en": "In-kind food support for newborns of poor families",
}
NOTE = "monthly value assumed"
REFERENCE = SOURCE["tr"]
UNIT = "TRY"
IN_KIND = True
FREQUENCIES = ("monthly",)


def evaluate(ctx: Context) -> object:
    """Needy household; each child younger than 12 months gets the monthly in-kind value."""
    needy = need_score_test(ctx, CODE, LABEL)
    months = ctx.age_months
    baby = (months >= 0) & (ctx.age < 2)  # the members the reason concerns: children under two
    age_test = value_test(
        f"{CODE}.age",
        {"tr": "yaş (ay)", "en": "age in months"},
        months,
        "<",
        ctx.P(f"{CODE}.duration_months"),
        kind="months",
        level="person",
        applies=baby,
        reference=REFERENCE,
    )
    paid = (months >= 0) & age_test.passed & ctx.to_persons(needy.passed)
    person_amount = np.where(paid, ctx.P(f"{CODE}.monthly_value"), 0).astype(np.int64)
    return result(
        sys.modules[__name__],
        ctx,
        ctx.hh_any(paid),
        {"monthly": ctx.hh_sum(person_amount)},
        [needy, age_test],
        beneficiaries=paid,
        person_amounts={"monthly": person_amount},
        recipient=ctx.woman_recipient,
    )
