"""Other givers' aid per household and month: the data side of "other aid as income, or as an exclusion".

The eligibility engine (above this app) reads it through `other_aid_monthly` for a few households or
`other_aid_columns` for the whole registry, with a window of calendar months and the givers whose aid is not
"other" (the office running the program). Only linked records with an amount in money count; in-kind records
with a quantity only have no value in TL and are left out.

A record's amount is spread over the calendar months its period touches, each month weighted by the share
of its days the period covers (3,000 TL for January–March is 1,000 TL a month; 1,000 TL for 16–31 January
is 1,000 TL in January). The result is the window's total divided by the number of months in the window,
in whole kuruş (half up), per household and kind of aid. The records are computed as columns (Polars), in
exact integer shares of a month (see L), never one record at a time.
"""

import calendar
import datetime as dt
from collections.abc import Iterable

import polars as pl

from refah.aidrecords.enums import LinkStatus
from refah.aidrecords.models import AidRecord

# A day is a whole number of L-ths of any month (L = lcm(28, 29, 30, 31)), so every share of a month is an
# exact integer in these units and nothing is rounded before the end; the per-record amounts are kept in
# millionths of a kuruş, summed, divided by the window's months and rounded half up to the kuruş.
L = 377_580
MICRO = 1_000_000
_ROWS = {
    "household": pl.String,
    "kind": pl.String,
    "amount_kurus": pl.Int64,
    "period_start": pl.Date,
    "period_end": pl.Date,
}


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    months, month = [], _month_start(first)
    while month <= last:
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


def _window(first_month: dt.date, last_month: dt.date) -> list[dt.date]:
    if last_month < first_month:
        raise ValueError("last_month is before first_month")
    return _months(first_month, last_month)


def _records(window: list[dt.date], household_ids, except_giver_ids: Iterable) -> tuple[pl.DataFrame, dict]:
    """The linked records with an amount that touch the window, as columns, and the households' ids by hex."""
    start = window[0]
    end = window[-1].replace(day=calendar.monthrange(window[-1].year, window[-1].month)[1])
    qs = AidRecord.objects.filter(
        link_status=LinkStatus.LINKED,
        household_id__isnull=False,
        amount_kurus__isnull=False,
        period_start__lte=end,
        period_end__gte=start,
    ).exclude(giver_id__in=list(except_giver_ids))
    if household_ids is not None:
        qs = qs.filter(household_id__in=list(household_ids))
    rows = list(qs.values_list("household_id", "kind", "amount_kurus", "period_start", "period_end"))
    ids, kinds, amounts, starts, ends = zip(*rows, strict=True) if rows else ((), (), (), (), ())
    return pl.DataFrame(
        {
            "household": [household_id.hex for household_id in ids],
            "kind": list(kinds),
            "amount_kurus": list(amounts),
            "period_start": list(starts),
            "period_end": list(ends),
        },
        schema=_ROWS,
    ), {household_id.hex: household_id for household_id in ids}


def _month_units(day: pl.Expr) -> pl.Expr:
    """L-ths of a month that one day of `day`'s month is."""
    return pl.lit(L, pl.Int64) // day.dt.month_end().dt.day().cast(pl.Int64)


def _covered(start: pl.Expr, end: pl.Expr, month: dt.date) -> pl.Expr:
    """The L-ths of `month` that the period start..end covers (0 when it does not touch it)."""
    last = month.replace(day=calendar.monthrange(month.year, month.month)[1])
    first_day = pl.max_horizontal(start, pl.lit(month))
    last_day = pl.min_horizontal(end, pl.lit(last))
    days = ((last_day - first_day).dt.total_days() + 1).clip(lower_bound=0)
    return days * (L // calendar.monthrange(month.year, month.month)[1])


def _whole(start: pl.Expr, end: pl.Expr) -> pl.Expr:
    """The L-ths of months the whole period covers: its first month's share, its last month's share and L for
    every month between (a period inside one month: its days' share of that month)."""
    months_apart = (end.dt.year() - start.dt.year()) * 12 + (end.dt.month() - start.dt.month())
    same_month = ((end - start).dt.total_days() + 1) * _month_units(start)
    first = (start.dt.month_end().dt.day() - start.dt.day() + 1).cast(pl.Int64) * _month_units(start)
    last = end.dt.day().cast(pl.Int64) * _month_units(end)
    return pl.when(months_apart == 0).then(same_month).otherwise(first + last + (months_apart.cast(pl.Int64) - 1) * L)


def _totals(records: pl.DataFrame, window: list[dt.date]) -> pl.DataFrame:
    """household (hex), kind, kurus_per_month: each record's amount spread over the calendar months its
    period touches, the share falling in the window, averaged over the window's months."""
    if records.is_empty():
        return records.select("household", "kind").with_columns(kurus_per_month=pl.lit(0, pl.Int64))
    start, end = pl.col("period_start"), pl.col("period_end")
    inside = pl.sum_horizontal(*(_covered(start, end, month) for month in window))
    whole = _whole(start, end)
    amount = pl.col("amount_kurus") * inside  # < 2^63 for any amount under 20 billion TL
    micro = (amount // whole) * MICRO + (amount % whole) * MICRO // whole
    months = len(window) * MICRO
    return (
        records.with_columns(micro=micro)
        .group_by("household", "kind")
        .agg(pl.col("micro").sum())
        .with_columns(kurus_per_month=(2 * pl.col("micro") + months) // (2 * months))
        .filter(pl.col("kurus_per_month") > 0)
        .select("household", "kind", "kurus_per_month")
        .sort("household", "kind")
    )


def other_aid_monthly(
    *, household_ids: Iterable, first_month: dt.date, last_month: dt.date, except_giver_ids: Iterable = ()
) -> dict:
    """{household id: {kind of aid: kuruş per month}} over the calendar months first_month..last_month
    (any day of each), for the given households; a household without other aid is absent."""
    window = _window(first_month, last_month)
    records, ids = _records(window, list(household_ids), except_giver_ids)
    totals: dict = {}
    for household, kind, value in _totals(records, window).iter_rows():  # a few households' rows
        totals.setdefault(ids[household], {})[kind] = value
    return totals


def other_aid_columns(
    *, first_month: dt.date, last_month: dt.date, except_giver_ids: Iterable = (), household_ids: Iterable | None = None
) -> dict:
    """The whole registry (or the households given) as columns, one row per household and kind of aid with any
    other aid in the window:
    {"household_id": [...], "kind": [...], "kurus_per_month": [...]} (equal lengths, sorted by household)."""
    window = _window(first_month, last_month)
    records, ids = _records(window, None if household_ids is None else list(household_ids), except_giver_ids)
    totals = _totals(records, window)
    return {
        "household_id": [ids[household] for household in totals["household"]],
        "kind": totals["kind"].to_list(),
        "kurus_per_month": totals["kurus_per_month"].to_list(),
    }
