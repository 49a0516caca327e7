"""Şartlı Sağlık Yardımı: children 0–5 with check-ups done, and a pregnancy component. It continues for a year
after a member starts work through İŞKUR, whatever the need score."""

import dataclasses
import sys

import numpy as np

from refah.eligibility.blocks import (
    NEEDY_OR_WORKING,
    flag_test,
    need_score_test,
    recorded_test,
    result,
    work_continuation_test,
)
from refah.eligibility.context import Context

CODE = "cct_health"
LABEL = {"tr": "Şartlı Sağlık Yardımı", "en": "Conditional Health Transfer"}
# Public legal source (shown to citizens and staff, TR/EN); internal notes stay in NOTE, never on a screen.
SOURCE = {
    "tr": "Şartlı Sağlık Yardımı, 3294 sayılı Kanun",
    "en": "Conditional Health Transfer, Law 3294",
}
NOTE = "amounts assumed (DOMAIN.md: current amounts unverified)"
REFERENCE = SOURCE["tr"]
UNIT = "TRY"
FREQUENCIES = ("monthly",)


def evaluate(ctx: Context) -> object:
    """Needy household; per young child with check-ups done and per pregnant woman; paid to the mother."""
    # needy, or a member started work through İŞKUR within the continuation months (the transfer continues)
    needy = dataclasses.replace(need_score_test(ctx, CODE, LABEL), any_of=NEEDY_OR_WORKING)
    working = work_continuation_test(ctx, CODE)
    qualifies = needy.passed | working.passed
    young = (ctx.age_months >= 0) & (ctx.age_months < ctx.P(f"{CODE}.child_age_limit_months"))
    checkups = ctx.person("child_checkups_done")
    recorded = recorded_test(
        ctx,
        f"{CODE}.child_checkups_done",
        {"tr": "sağlık kontrolü kaydı (0–5 yaş çocuklar)", "en": "children aged 0–5"},
        checkups,
        young,
        reference=REFERENCE,
    )
    checked = flag_test(
        f"{CODE}.checkups",
        {"tr": "sağlık kontrolleri yapıldı", "en": "health check-ups done"},
        checkups == 1,
        True,
        level="person",
        applies=young & (checkups >= 0),
        reference=REFERENCE,
    )
    pregnant = ctx.person("pregnant") & ctx.female
    hh_needy = ctx.to_persons(qualifies)
    paid_child = young & checked.passed & hh_needy
    paid_pregnancy = pregnant & hh_needy
    person_amount = (
        np.where(paid_child, ctx.P(f"{CODE}.child_monthly_amount"), 0)
        + np.where(paid_pregnancy, ctx.P(f"{CODE}.pregnancy_monthly_amount"), 0)
    ).astype(np.int64)
    beneficiaries = paid_child | paid_pregnancy
    pregnancy = flag_test(
        f"{CODE}.pregnancy",
        {"tr": "gebe", "en": "pregnant"},
        pregnant,
        True,
        level="person",
        applies=pregnant,
        reference=REFERENCE,
    )
    return result(
        sys.modules[__name__],
        ctx,
        ctx.hh_any(beneficiaries),
        {"monthly": ctx.hh_sum(person_amount)},
        [needy, working, checked, pregnancy, *([recorded] if recorded else [])],
        beneficiaries=beneficiaries,
        person_amounts={"monthly": person_amount},
        recipient=ctx.woman_recipient,
    )
