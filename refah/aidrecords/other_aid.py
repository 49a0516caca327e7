"""Other givers' aid per household and month: the data side of "other aid as income, or as an exclusion".

The eligibility engine (above this app) reads it through `other_aid_monthly` for a few households or
`other_aid_columns` for the whole registry, with a window of calendar months and the givers whose aid is not
"other" (the office running the program). Only linked records with an amount in money count; in-kind records
with a quantity only have no value in TL and are left out.

A record's amount is spread over the calendar months its period touches, each month weighted by the share
of its days the period covers (3,000 TL for January–March is 1,000 TL a month; 1,000 TL for 16–31 January
is 1,000 TL in January). The result is the window's total divided by the number of months in the window,
in whole kuruş (half up), per household and kind of aid.
"""

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from refah.aidrecords.enums import LinkStatus
from refah.aidrecords.models import AidRecord


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    months, month = [], _month_start(first)
    while month <= last:
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


def _weights(start: dt.date, end: dt.date) -> dict[dt.date, Decimal]:
    """Each calendar month the period touches: the share of the month's days it covers."""
    weights = {}
    for month in _months(start, end):
        days = calendar.monthrange(month.year, month.month)[1]
        last = month.replace(day=days)
        covered = (min(end, last) - max(start, month)).days + 1
        weights[month] = Decimal(covered) / Decimal(days)
    return weights


def _window(first_month: dt.date, last_month: dt.date) -> list[dt.date]:
    if last_month < first_month:
        raise ValueError("last_month is before first_month")
    return _months(first_month, last_month)


def _records(window: list[dt.date], household_ids, except_giver_ids: Iterable):
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
    return qs.values_list("household_id", "kind", "amount_kurus", "period_start", "period_end").iterator(
        chunk_size=5000
    )


def _totals(rows, window: list[dt.date]) -> dict:
    in_window = set(window)
    totals: dict = defaultdict(lambda: defaultdict(Decimal))
    for household_id, kind, amount, start, end in rows:
        weights = _weights(start, end)
        whole = sum(weights.values())
        share = sum(w for month, w in weights.items() if month in in_window)
        totals[household_id][kind] += Decimal(amount) * share / whole
    months = Decimal(len(window))
    return {
        household: {
            kind: int((value / months).quantize(Decimal(1), rounding=ROUND_HALF_UP)) for kind, value in kinds.items()
        }
        for household, kinds in totals.items()
    }


def other_aid_monthly(
    *, household_ids: Iterable, first_month: dt.date, last_month: dt.date, except_giver_ids: Iterable = ()
) -> dict:
    """{household id: {kind of aid: kuruş per month}} over the calendar months first_month..last_month
    (any day of each), for the given households; a household without other aid is absent."""
    window = _window(first_month, last_month)
    return _totals(_records(window, list(household_ids), except_giver_ids), window)


def other_aid_columns(*, first_month: dt.date, last_month: dt.date, except_giver_ids: Iterable = ()) -> dict:
    """The whole registry as columns, one row per household and kind of aid with any other aid in the window:
    {"household_id": [...], "kind": [...], "kurus_per_month": [...]} (equal lengths, sorted by household)."""
    window = _window(first_month, last_month)
    totals = _totals(_records(window, None, except_giver_ids), window)
    columns = {"household_id": [], "kind": [], "kurus_per_month": []}
    for household in sorted(totals, key=str):
        for kind, value in sorted(totals[household].items()):
            columns["household_id"].append(household)
            columns["kind"].append(kind)
            columns["kurus_per_month"].append(value)
    return columns
