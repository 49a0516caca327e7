"""Ücretsiz kreş: children 0–5 of needy households get a free place in a private crèche; places are limited
to 3 % of private crèche capacity, given in order of need score (allocate_places)."""

import sys
from fractions import Fraction

import numpy as np

from refah.eligibility.blocks import need_score_test, result, value_test
from refah.eligibility.context import Context
from refah.eligibility.result import ProgramResult

CODE = "free_creche"
LABEL = {"tr": "Ücretsiz Kreş", "en": "Free Crèche Place"}
# Public legal source (shown to citizens and staff, TR/EN); internal notes stay in NOTE, never on a screen.
SOURCE = {
    "tr": "Özel Kreş ve Gündüz Bakımevleri Yönetmeliği: "
    "yoksul ailelerin çocuklarına ücretsiz kontenjan (kapasitenin %3'ü)",
    "en": "Regulation on private crèches and day-care centres: "
    "free places (3 % of capacity) for children of poor families",
}
REFERENCE = SOURCE["tr"]
UNIT = "places"
IN_KIND = True
FREQUENCIES = ("monthly",)


def evaluate(ctx: Context) -> object:
    """Needy household; one place per child younger than 72 months (subject to the quota)."""
    needy = need_score_test(ctx, CODE, LABEL)
    months = ctx.age_months
    age_test = value_test(
        f"{CODE}.age",
        {"tr": "yaş (ay)", "en": "age in months"},
        months,
        "<",
        ctx.P(f"{CODE}.child_age_limit_months"),
        kind="months",
        level="person",
        applies=ctx.is_child,
        reference=REFERENCE,
    )
    paid = (months >= 0) & age_test.passed & ctx.to_persons(needy.passed)
    return result(
        sys.modules[__name__],
        ctx,
        ctx.hh_any(paid),
        {"monthly": ctx.hh_count(paid)},
        [needy, age_test],
        beneficiaries=paid,
    )


def quota_places(private_capacity: int, quota_share: Fraction) -> int:
    """Free places: the quota share of private crèche capacity, rounded down."""
    return int(private_capacity * quota_share.numerator // quota_share.denominator)


def allocate_places(
    program: ProgramResult, need_score: np.ndarray, person_household: np.ndarray, places: int
) -> np.ndarray:
    """bool[P]: the eligible children who get one of `places`, highest household need score first."""
    children = np.flatnonzero(program.beneficiaries)
    ranked = children[np.argsort(-need_score[person_household[children]], kind="stable")]
    granted = np.zeros(len(program.beneficiaries), bool)
    granted[ranked[:places]] = True
    return granted
