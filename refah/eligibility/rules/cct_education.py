"""Şartlı Eğitim Yardımı: per child in formal school, by level and sex; lost in a month with > 4 absence days.
It continues for a year after a member starts work through İŞKUR, whatever the need score."""

import dataclasses
import sys

import numpy as np

from refah.eligibility.blocks import (
    NEEDY_OR_WORKING,
    flag_test,
    need_score_test,
    recorded_test,
    result,
    value_test,
    work_continuation_test,
)
from refah.eligibility.context import Context

CODE = "cct_education"
LABEL = {"tr": "Şartlı Eğitim Yardımı", "en": "Conditional Education Transfer"}
# Public legal source (shown to citizens and staff, TR/EN); internal notes stay in NOTE, never on a screen.
SOURCE = {
    "tr": "Şartlı Eğitim Yardımı, 3294 sayılı Kanun; Bakanlık uygulama esasları",
    "en": "Conditional Education Transfer, Law 3294; the Ministry's implementing rules",
}
REFERENCE = SOURCE["tr"]
UNIT = "TRY"
FREQUENCIES = ("monthly",)


def evaluate(ctx: Context) -> object:
    """Needy household; each child in primary or secondary school with ≤ 4 absence days; paid to the mother."""
    # needy, or a member started work through İŞKUR within the continuation months (the transfer continues)
    needy = dataclasses.replace(need_score_test(ctx, CODE, LABEL), any_of=NEEDY_OR_WORKING)
    working = work_continuation_test(ctx, CODE)
    qualifies = needy.passed | working.passed
    primary = ctx.is_code("school_level", "primary", "lower_secondary")
    secondary = ctx.is_code("school_level", "upper_secondary")
    enrolled = primary | secondary
    absence = ctx.person("absence_days")
    recorded = recorded_test(
        ctx,
        f"{CODE}.absence_days",
        {"tr": "bu ayın devamsızlık kaydı (okula kayıtlı çocuklar)", "en": "members enrolled in school"},
        absence,
        enrolled,
        reference=REFERENCE,
    )
    known = absence >= 0
    amounts = ctx.P(f"{CODE}.monthly_amount")
    girl = ctx.female
    per_child = np.select(
        [primary & girl, primary, secondary & girl, secondary],
        [amounts["primary_girl"], amounts["primary_boy"], amounts["secondary_girl"], amounts["secondary_boy"]],
        0,
    )
    in_school = flag_test(
        f"{CODE}.enrolled",
        {"tr": "örgün eğitimde (1–12. sınıf)", "en": "in formal school (grades 1–12)"},
        enrolled,
        True,
        level="person",
        applies=(ctx.age >= 6) & ctx.is_child,
        reference=REFERENCE,
    )
    attendance = value_test(
        f"{CODE}.absence",
        {"tr": "devamsızlık günü", "en": "absence days"},
        absence,
        "<=",
        ctx.P(f"{CODE}.max_absence_days"),
        kind="days",
        level="person",
        applies=enrolled & known,
        reference=REFERENCE,
    )
    paid = enrolled & known & attendance.passed & ctx.to_persons(qualifies)
    person_amount = np.where(paid, per_child, 0).astype(np.int64)
    return result(
        sys.modules[__name__],
        ctx,
        ctx.hh_any(paid),
        {"monthly": ctx.hh_sum(person_amount)},
        [needy, working, in_school, attendance, *([recorded] if recorded else [])],
        beneficiaries=paid,
        person_amounts={"monthly": person_amount},
        recipient=ctx.woman_recipient,
    )
