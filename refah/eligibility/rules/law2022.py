"""Shared tests of Law 2022 pensions: the income per person of the person and their spouse, and no own
social security."""

import numpy as np

from refah.eligibility.blocks import flag_test, income_ratio_test
from refah.eligibility.context import Context
from refah.eligibility.result import Condition

# Public legal source (shown to citizens and staff, TR/EN); internal notes stay in NOTE, never on a screen.
SOURCE = {
    "tr": "2022 sayılı Kanun md. 1 (65 yaşını doldurmuş muhtaç, güçsüz ve kimsesiz Türk vatandaşları; engelliler)",
    "en": "Law 2022 art. 1 (needy, frail and destitute Turkish citizens aged 65 and over; persons with disabilities)",
}
REFERENCE = SOURCE["tr"]


def partner_income(ctx: Context) -> tuple[np.ndarray, np.ndarray]:
    """(partner's income, has partner) per person: reference ↔ spouse; two members with role parent are a couple."""
    income = ctx.income
    is_ref, is_spouse, is_parent = (ctx.is_code("role", r) for r in ("reference", "spouse", "parent"))
    ref_income = ctx.to_persons(ctx.hh_sum(np.where(is_ref, income, 0)))
    spouse_income = ctx.to_persons(ctx.hh_sum(np.where(is_spouse, income, 0)))
    parent_income = ctx.to_persons(ctx.hh_sum(np.where(is_parent, income, 0)))
    n_spouse = ctx.to_persons(ctx.hh_count(is_spouse))
    parent_couple = is_parent & (ctx.to_persons(ctx.hh_count(is_parent)) == 2)
    has_partner = (is_ref & (n_spouse > 0)) | is_spouse | parent_couple
    partner = np.select([is_ref, is_spouse, parent_couple], [spouse_income, ref_income, parent_income - income], 0)
    return partner, has_partner


def tests(ctx: Context, program: str, applies: np.ndarray) -> tuple[Condition, Condition]:
    """(income per person of person and spouse ≤ ratio × NMW, no own social security), person level."""
    partner, has_partner = partner_income(ctx)
    income = income_ratio_test(
        f"{program}.income",
        ctx.income + partner,
        1 + has_partner.astype(np.int64),
        "<=",
        ctx.P(f"{program}.income_ratio"),
        ctx.nmw,
        subject={"tr": "kişi ve eşinin kişi başı geliri", "en": "income per person of the person and spouse"},
        level="person",
        applies=applies,
        reference=REFERENCE,
    )
    uninsured = flag_test(
        f"{program}.social_security",
        {"tr": "sosyal güvencesi var", "en": "has social security"},
        ctx.insured,
        False,
        level="person",
        applies=applies,
        reference=REFERENCE,
    )
    return income, uninsured
