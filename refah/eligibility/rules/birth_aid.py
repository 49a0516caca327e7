"""Doğum yardımı: by birth order; born from 2025-01-01 a one-off for the first child and monthly amounts
for the second and later children until age 5; earlier births a one-off 300/400/600 TL. No income test."""

import sys

import numpy as np

from refah.eligibility.blocks import flag_test, lookup, result, value_test
from refah.eligibility.context import Context
from refah.eligibility.errors import ParameterNotInForce
from refah.eligibility.result import Condition

CODE = "birth_aid"
LABEL = {"tr": "Doğum Yardımı", "en": "Birth Aid"}
# Public legal source (shown to citizens and staff, TR/EN); internal notes stay in NOTE, never on a screen.
SOURCE = {
    "tr": "Doğum yardımı (Aile ve Sosyal Hizmetler Bakanlığı); 2025 düzenlemesi (Aile ve Nüfus On Yılı)",
    "en": "Birth aid (Ministry of Family and Social Services); 2025 reform (Decade of Family and Population)",
}
REFERENCE = SOURCE["tr"]
UNIT = "TRY"
FREQUENCIES = ("monthly", "one_off")


def birth_order(ctx: Context) -> np.ndarray:
    """1-based order of each child (role child) among the household's children by birth date; 0 for others."""
    child = ctx.is_code("role", "child")
    rows = np.flatnonzero(child)
    birth = ctx.person("birth_date")[rows].astype(np.int64)
    # one sort key: household, then birth date (days from the earliest, < 2**20); stable keeps row order for twins
    key = (ctx.ph[rows].astype(np.int64) << 20) + np.clip(birth - (birth.min() if len(birth) else 0), 0, (1 << 20) - 1)
    order = rows[np.argsort(key, kind="stable")]
    households = ctx.ph[order]
    start = np.ones(len(order), bool)
    start[1:] = households[1:] != households[:-1]
    first_index = np.maximum.accumulate(np.where(start, np.arange(len(order)), 0))
    rank = np.zeros(len(child), np.int64)
    rank[order] = np.arange(len(order)) - first_index + 1
    return rank


def _new_regime(ctx: Context) -> dict | None:
    """The 2025 regime's parameters, or None for periods before it."""
    try:
        return {
            name: ctx.P(f"{CODE}.{name}")
            for name in ("new_regime_start", "new_one_off_first", "new_monthly", "monthly_until_months")
        }
    except ParameterNotInForce:
        return None


def months_in_period(ctx: Context) -> np.ndarray:
    """Age in months for the period: a child born during the evaluated month is 0 (not −1, its age on the
    month's first day); a child born after the month stays negative, not yet born."""
    next_month = np.datetime64(ctx.period, "M") + np.timedelta64(1, "M")
    born_in_period = (ctx.person("birth_date") < next_month.astype("datetime64[D]")) & (ctx.age_months < 0)
    return np.where(born_in_period, 0, ctx.age_months)


def evaluate(ctx: Context) -> object:
    """Per child: one-off while younger than the claim window; monthly (2025 regime, 2nd+) until age 5."""
    order = birth_order(ctx)
    months = months_in_period(ctx)
    child = order > 0
    window = ctx.P(f"{CODE}.claim_window_months")
    recent = child & (months >= 0) & (months < window)
    one_off = np.where(recent, lookup(ctx.P(f"{CODE}.legacy_one_off"), np.minimum(order, 3), 4), 0)
    monthly = np.zeros(len(order), np.int64)
    new = _new_regime(ctx)
    conditions: list[Condition] = []
    if new is not None:
        born_new = child & (ctx.person("birth_date") >= np.datetime64(new["new_regime_start"]))
        one_off = np.where(born_new, np.where(recent & (order == 1), new["new_one_off_first"], 0), one_off)
        under_limit = (months >= 0) & (months < new["monthly_until_months"])
        monthly_table = lookup(new["new_monthly"], np.minimum(order, 3), 4)
        monthly = np.where(born_new & under_limit & (order >= 2), monthly_table, 0)
        conditions.append(
            flag_test(
                f"{CODE}.born_from_2025",
                {"tr": "2025-01-01 veya sonrası doğdu", "en": "born on or after 2025-01-01"},
                born_new,
                True,
                level="person",
                applies=child,
            )
        )
        conditions.append(
            value_test(
                f"{CODE}.monthly_age",
                {"tr": "yaş (ay)", "en": "age in months"},
                months,
                "<",
                new["monthly_until_months"],
                kind="months",
                level="person",
                applies=born_new & (order >= 2),
            )
        )
    conditions.insert(
        0,
        value_test(
            f"{CODE}.claim_window",
            {"tr": "yaş (ay)", "en": "age in months"},
            months,
            "<",
            window,
            kind="months",
            level="person",
            applies=child,
            reference="claim window (assumed)",
        ),
    )
    conditions.insert(
        1,
        Condition(
            f"{CODE}.order",
            {"tr": "doğum sırası", "en": "birth order"},
            True,
            order,
            "info",
            None,
            "count",
            level="person",
            applies=child,
            reference=REFERENCE,
        ),
    )
    one_off, monthly = one_off.astype(np.int64), monthly.astype(np.int64)
    paid = (one_off > 0) | (monthly > 0)
    return result(
        sys.modules[__name__],
        ctx,
        ctx.hh_any(paid),
        {"monthly": ctx.hh_sum(monthly), "one_off": ctx.hh_sum(one_off)},
        conditions,
        beneficiaries=paid,
        person_amounts={"monthly": monthly, "one_off": one_off},
        recipient=ctx.woman_recipient,
    )
