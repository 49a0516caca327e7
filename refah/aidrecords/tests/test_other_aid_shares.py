"""The columnar spreading of aid over months (other_aid._totals) against the definition, in exact fractions."""

import calendar
import datetime as dt
from fractions import Fraction

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from refah.aidrecords.other_aid import _ROWS, _months, _totals, _window


def _share_of_month(start: dt.date, end: dt.date, month: dt.date) -> Fraction:
    days = calendar.monthrange(month.year, month.month)[1]
    covered = (min(end, month.replace(day=days)) - max(start, month)).days + 1
    return Fraction(max(covered, 0), days)


def _expected(records, window) -> dict:
    totals: dict = {}
    for household, kind, amount, start, end in records:
        months = _months(start, end)
        whole = sum(_share_of_month(start, end, m) for m in months)
        inside = sum(_share_of_month(start, end, m) for m in window)
        key = (household, kind)
        totals[key] = totals.get(key, Fraction(0)) + amount * inside / whole
    # half up to the kuruş, as the module says
    out = {key: int(value / len(window) + Fraction(1, 2)) for key, value in totals.items()}
    return {key: value for key, value in out.items() if value > 0}


days = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2027, 12, 31))
record = st.tuples(
    st.sampled_from(["a" * 32, "b" * 32]),
    st.sampled_from(["food", "rent"]),
    st.integers(min_value=1, max_value=5_000_000_00),
    days,
    st.integers(min_value=0, max_value=800),
).map(lambda r: (r[0], r[1], r[2], r[3], r[3] + dt.timedelta(days=r[4])))


@settings(max_examples=200, deadline=None)
@given(records=st.lists(record, max_size=8), first=days, months=st.integers(min_value=1, max_value=12))
def test_each_records_share_of_the_window_is_exact_to_the_kurus(records, first, months):
    window = _window(first.replace(day=1), _months(first, first + dt.timedelta(days=31 * (months - 1)))[-1])
    frame = pl.DataFrame({name: [r[i] for r in records] for i, name in enumerate(_ROWS)}, schema=_ROWS)
    got = {(h, k): v for h, k, v in _totals(frame, window).iter_rows()}
    expected = _expected(records, window)
    # the columns keep millionths of a kuruş per record: they may differ from the exact value only where it
    # lies within a millionth of a half kuruş
    for key in set(got) | set(expected):
        assert abs(got.get(key, 0) - expected.get(key, 0)) <= 1, key
        if got.get(key, 0) != expected.get(key, 0):
            exact = sum(
                Fraction(a) * sum(_share_of_month(s, e, m) for m in window) / sum(
                    _share_of_month(s, e, m) for m in _months(s, e)) for h, k, a, s, e in records if (h, k) == key
            ) / len(window)  # fmt: skip
            assert abs(exact - int(exact) - Fraction(1, 2)) < Fraction(len(records), 10**6)
