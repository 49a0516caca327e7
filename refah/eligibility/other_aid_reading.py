"""Reading the household fact `other_aid` from the aid records (refah.aidrecords.other_aid), for both readers.

The window is the `other_aid.window_months` calendar months before the period (3: for July, April–June), and
the aid of the givers of the kinds in `other_aid.own_giver_kinds` (the SYDV and the Ministry: the programmes'
own aid) is left out; both are dated parameters, with the approved overlay (overlay.py) applied. The value is
the sum over the kinds of aid of their monthly averages, in kuruş. Before the parameters' first date it is 0.

`other_aid_frame` is the whole registry's column (db_batch.py, no loop per household here);
`household_other_aid` is one household's (selectors.household_reading). Both read the same records through
the same functions, so they agree (tests/test_other_aid.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import polars as pl

from refah.aidrecords.models import Giver
from refah.aidrecords.other_aid import other_aid_columns, other_aid_monthly
from refah.eligibility.errors import ParameterNotInForce
from refah.eligibility.overlay import overrides_on
from refah.eligibility.params import ParameterSet

OTHER_AID_SCHEMA = {"household_id": pl.String, "other_aid": pl.Int64}


def _month_back(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)


def other_aid_window(day: dt.date) -> tuple[dt.date, dt.date, list] | None:
    """(first month, last month, the own givers' ids) for the period of `day`; None before the parameters."""
    parameters = ParameterSet(day, overrides_on(day))
    try:
        months = parameters("other_aid.window_months")
        own_kinds = list(parameters("other_aid.own_giver_kinds"))
    except ParameterNotInForce:
        return None
    if months < 1:
        return None
    own = list(Giver.objects.filter(kind__in=own_kinds).values_list("pk", flat=True))
    return _month_back(day, months), _month_back(day, 1), own


def _excepted(own: list, except_giver_ids: Iterable | None) -> list:
    return own if except_giver_ids is None else list(except_giver_ids)


def household_other_aid(*, household_id, day: dt.date, except_giver_ids: Iterable | None = None) -> int:
    """One household's other givers' aid, kuruş a month (0 without records). `except_giver_ids` replaces the
    own givers of the parameter (a program run by another office)."""
    window = other_aid_window(day)
    if window is None:
        return 0
    first, last, own = window
    kinds = other_aid_monthly(
        household_ids=[household_id],
        first_month=first,
        last_month=last,
        except_giver_ids=_excepted(own, except_giver_ids),
    )
    return sum(next(iter(kinds.values()), {}).values())


def other_aid_frame(
    *, day: dt.date, except_giver_ids: Iterable | None = None, household_ids: Iterable | None = None
) -> pl.DataFrame:
    """Every household (or those given) with other givers' aid: household_id (32 hex digits) and other_aid
    (kuruş a month)."""
    window = other_aid_window(day)
    if window is None:
        return pl.DataFrame(schema=OTHER_AID_SCHEMA)
    first, last, own = window
    columns = other_aid_columns(
        first_month=first,
        last_month=last,
        except_giver_ids=_excepted(own, except_giver_ids),
        household_ids=None if household_ids is None else list(household_ids),
    )
    frame = pl.DataFrame(
        {
            "household_id": pl.Series([getattr(pk, "hex", str(pk)) for pk in columns["household_id"]], dtype=pl.String),
            "other_aid": pl.Series(columns["kurus_per_month"], dtype=pl.Int64),
        }
    )
    return frame.group_by("household_id").agg(pl.col("other_aid").sum())
