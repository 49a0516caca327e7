"""What the rules read from the employment app, for eligibility's reading hook (refah.eligibility.provided).

Three set-based statements over the employment tables, the same for the whole registry (the batch reader) and for
one household (the one-household reader, filtered by its persons and its id), so the two agree:

- placements: per person, the latest and the first start of work through a placement started before the end of
  the period's month → `work_started_months`, `first_work_started_months` (months from the start's month);
- job offers: per person, the job offers (not courses) made in the period's month and earlier in its calendar year
  → `job_referrals`, `job_referrals_year`;
- sanctions: per household, the latest sanction in force (not cancelled) that started on or before the period's
  first day → `work_sanction_month` (0 in its first month). How much it withholds is the rulebook's.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable

import polars as pl
from django.db import connection

from refah.eligibility.provided import provided_reading_register
from refah.employment.enums import OfferKind, SanctionStatus
from refah.employment.models import Offer, Placement, Sanction

PERSON_FACTS = ("work_started_months", "first_work_started_months", "job_referrals", "job_referrals_year")
HOUSEHOLD_FACTS = ("work_sanction_month",)

_PLACEMENTS_SQL = f"""
SELECT CAST(person_id AS TEXT), CAST(MAX(started_on) AS TEXT), CAST(MIN(started_on) AS TEXT)
FROM {Placement._meta.db_table}
WHERE started_on < %s {{scope}}
GROUP BY person_id
"""
_OFFERS_SQL = f"""
SELECT CAST(person_id AS TEXT),
       SUM(CASE WHEN offered_on >= %s THEN 1 ELSE 0 END),
       SUM(CASE WHEN offered_on < %s THEN 1 ELSE 0 END)
FROM {Offer._meta.db_table}
WHERE kind = %s AND offered_on >= %s AND offered_on < %s {{scope}}
GROUP BY person_id
"""
_SANCTIONS_SQL = f"""
SELECT CAST(household_id AS TEXT), CAST(MAX(starts_on) AS TEXT)
FROM {Sanction._meta.db_table}
WHERE status = %s AND starts_on <= %s {{scope}}
GROUP BY household_id
"""


def _month(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def _next_month(day: dt.date) -> dt.date:
    index = _month(day) + 1
    return dt.date(index // 12, index % 12 + 1, 1)


def _rows(sql: str, params: list, column: str, ids: Iterable | None) -> list[tuple]:
    """Run `sql` with its {scope}: none, or `column` among `ids`."""
    scope = ""
    if ids is not None:
        keys = [uuid.UUID(str(pk)).hex for pk in ids]
        if not keys:
            return []
        scope = f"AND {column} IN ({', '.join(['%s'] * len(keys))})"
        params = [*params, *keys]
    with connection.cursor() as cursor:
        cursor.execute(sql.format(scope=scope), params)
        return cursor.fetchall()


def _months_since(column: str, period: int) -> pl.Expr:
    """Months from the month of a date column (ISO text) to the period's month index."""
    day = pl.col(column).str.to_date()
    return (period - (day.dt.year().cast(pl.Int64) * 12 + day.dt.month().cast(pl.Int64) - 1)).cast(pl.Int64)


def _hex(column: str) -> pl.Expr:
    return pl.col(column).str.replace_all("-", "", literal=True)


def person_frame(*, day: dt.date, person_ids: Iterable | None = None) -> pl.DataFrame:
    """person_id (32 hex) and the four person facts, for the persons with a placement or a job offer."""
    end, first_of_year, period = _next_month(day).isoformat(), dt.date(day.year, 1, 1).isoformat(), _month(day)
    placed = pl.DataFrame(
        _rows(_PLACEMENTS_SQL, [end], "person_id", person_ids),
        schema={"person_id": pl.String, "latest": pl.String, "first": pl.String},
        orient="row",
    ).select(
        _hex("person_id"),
        _months_since("latest", period).alias("work_started_months"),
        _months_since("first", period).alias("first_work_started_months"),
    )
    params = [day.isoformat(), day.isoformat(), OfferKind.JOB.value, first_of_year, end]
    offered = pl.DataFrame(
        _rows(_OFFERS_SQL, params, "person_id", person_ids),
        schema={"person_id": pl.String, "job_referrals": pl.Int64, "job_referrals_year": pl.Int64},
        orient="row",
    ).with_columns(_hex("person_id"))
    return placed.join(offered, on="person_id", how="full", coalesce=True)


def household_frame(*, day: dt.date, household_ids: Iterable | None = None) -> pl.DataFrame:
    """household_id (32 hex) and `work_sanction_month`, for the households with a sanction in force."""
    rows = _rows(_SANCTIONS_SQL, [SanctionStatus.ACTIVE.value, day.isoformat()], "household_id", household_ids)
    return pl.DataFrame(rows, schema={"household_id": pl.String, "start": pl.String}, orient="row").select(
        _hex("household_id"), _months_since("start", _month(day)).alias("work_sanction_month")
    )


def employment_columns(*, day: dt.date, household_ids: list | None = None) -> dict[str, pl.DataFrame]:
    """The whole registry's (or some households') employment facts for the batch reader."""
    return {
        "household": household_frame(day=day, household_ids=household_ids),
        "person": person_frame(day=day),
    }


def employment_household(*, household_id, person_ids: list[str], day: dt.date) -> tuple[dict, dict]:
    """One household's employment facts for the one-household reader: the same statements, filtered."""
    sanction = household_frame(day=day, household_ids=[household_id])
    persons = person_frame(day=day, person_ids=person_ids)
    own = sanction.row(0, named=True) if sanction.height else {}
    members = {row.pop("person_id"): row for row in persons.iter_rows(named=True)}
    return {k: v for k, v in own.items() if k != "household_id"}, members


def readings_register() -> None:
    """Give the rules the employment facts (called from the app's ready())."""
    provided_reading_register(
        "employment",
        facts=(*PERSON_FACTS, *HOUSEHOLD_FACTS),
        columns=employment_columns,
        household=employment_household,
    )
