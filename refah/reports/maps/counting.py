"""Counting the risk indicators per neighbourhood of one province and month, set-wise: one hand-written
statement reads the members on the reference day with the flags the indicators count (age bands, disability, school,
care placement) into Polars; the need scores, protection decisions and payments are GROUP BY queries. Definitions:
indicators.py and docs/reports-maps.md."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl
from django.db.models import Count, Q, Sum

from refah.care.models import Placement, ProtectionDecision
from refah.eligibility.db_batch import _query
from refah.eligibility.models import Determination
from refah.eligibility.overlay import overrides_on
from refah.eligibility.params import ParameterSet, load_parameters
from refah.payments.enums import LineStatus
from refah.payments.models import PaymentLine
from refah.registry.models import Household, Membership, Person, SchoolAttendance

ELDERLY_AGE = 65
DISABILITY_PERCENT = 40
SCHOOL_AGES = (7, 17)
ADULT_AGE = 18
ABSENCE_DAYS = 10
HOME_CARE_MONTHS = 3
HOME_CARE_PROGRAM = "home_care"
CUTOFF_SUFFIX = ".need_score_cutoff"


def need_cutoff(day: dt.date) -> float:
    """The need cut-off on `day`: the lowest of the programmes' need score cut-offs in force (approved database
    values included) — a household at or above it is needy for at least one programme."""
    parameters = ParameterSet(day, overrides_on(day))
    names = [name for name in load_parameters() if name.endswith(CUTOFF_SUFFIX)]
    return float(min(parameters(name) for name in names))


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _months_before(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)


def _month_end(day: dt.date) -> dt.date:
    return _months_before(day, -1) - dt.timedelta(days=1)


# ----------------------------------------------------------------------------------------- counting


@dataclass
class Counts:
    numerator: int = 0
    denominator: int = 0
    amount_kurus: int = 0  # aid only


def _persons_sql() -> str:
    member, person, household = (m._meta.db_table for m in (Membership, Person, Household))
    attendance, placement = SchoolAttendance._meta.db_table, Placement._meta.db_table
    return f"""
SELECT CAST(h.id AS TEXT), h.neighbourhood_id,
  CASE WHEN p.birth_date <= %s THEN 1 ELSE 0 END,
  CASE WHEN p.birth_date > %s THEN 1 ELSE 0 END,
  CASE WHEN p.birth_date > %s AND p.birth_date <= %s THEN 1 ELSE 0 END,
  CASE WHEN p.disability_percent >= {DISABILITY_PERCENT} THEN 1 ELSE 0 END,
  CASE WHEN p.school_level IN ('none', 'out_of_school') OR a.absence_days >= {ABSENCE_DAYS} THEN 1 ELSE 0 END,
  CASE WHEN EXISTS (SELECT 1 FROM {placement} c WHERE c.person_id = p.id AND c.started_on <= %s
                    AND (c.ended_on IS NULL OR c.ended_on > %s)) THEN 1 ELSE 0 END
FROM {member} m
JOIN {person} p ON p.id = m.person_id
JOIN {household} h ON h.id = m.household_id
LEFT JOIN {attendance} a ON a.person_id = p.id AND a.month = (
    SELECT MAX(a2.month) FROM {attendance} a2 WHERE a2.person_id = p.id AND a2.month <= %s)
WHERE m.joined_on <= %s AND (m.left_on IS NULL OR m.left_on > %s)
  AND (p.deceased_on IS NULL OR p.deceased_on > %s) AND h.province_id = %s
"""


_PERSONS = {
    "household_id": pl.String,
    "neighbourhood_id": pl.Int64,
    "elderly": pl.Int8,
    "minor": pl.Int8,
    "school_age": pl.Int8,
    "disabled": pl.Int8,
    "not_at_school": pl.Int8,
    "placed": pl.Int8,
}


def _persons(province_id: int, day: dt.date) -> pl.DataFrame:
    """The members on `day` of the province's households, one row each, with the flags the indicators count."""
    iso = day.isoformat()
    elderly = _years_before(day, ELDERLY_AGE).isoformat()
    adult = _years_before(day, ADULT_AGE).isoformat()
    young, old = _years_before(day, SCHOOL_AGES[1] + 1).isoformat(), _years_before(day, SCHOOL_AGES[0]).isoformat()
    params = [elderly, adult, young, old, iso, iso, iso, iso, iso, iso, province_id]
    frame = _query(_persons_sql(), params, _PERSONS)
    return frame.with_columns(pl.col("household_id").str.replace_all("-", "", literal=True))


def _home_care_households(province_id: int, day: dt.date) -> pl.Series:
    rows = Determination.objects.filter(
        program=HOME_CARE_PROGRAM,
        eligible=True,
        period__gte=_months_before(day, HOME_CARE_MONTHS - 1),
        period__lte=day,
        household__province_id=province_id,
    ).values_list("household_id", flat=True)
    return pl.Series([pk.hex for pk in set(rows)], dtype=pl.String)


def _by_neighbourhood(frame: pl.DataFrame, numerator: pl.Expr, denominator: pl.Expr) -> dict[int, Counts]:
    grouped = frame.group_by("neighbourhood_id").agg(numerator.sum().alias("n"), denominator.sum().alias("d"))
    return {row[0]: Counts(int(row[1]), int(row[2])) for row in grouped.iter_rows()}


class Reader:
    """Counts per neighbourhood of one province and month; the members are read once, when first needed."""

    def __init__(self, province_id: int, day: dt.date):
        self.province_id, self.day = province_id, day
        self._members: pl.DataFrame | None = None

    @property
    def members(self) -> pl.DataFrame:
        if self._members is None:
            frame = _persons(self.province_id, self.day)
            size = frame.group_by("household_id").agg(pl.len().alias("size"))
            self._members = frame.join(size, on="household_id", how="left")
        return self._members

    def households(self) -> dict[int, int]:
        frame = self.members.group_by("neighbourhood_id").agg(pl.col("household_id").n_unique().alias("n"))
        return {row[0]: int(row[1]) for row in frame.iter_rows()}

    def need(self) -> dict[int, Counts]:
        cutoff = need_cutoff(self.day)
        rows = (
            Determination.objects.filter(
                period=self.day, need_score__isnull=False, household__province_id=self.province_id
            )
            .values("household__neighbourhood_id")
            .annotate(
                d=Count("household_id", distinct=True),
                n=Count("household_id", distinct=True, filter=Q(need_score__gte=cutoff)),
            )
            .order_by()
        )
        return {row["household__neighbourhood_id"]: Counts(row["n"], row["d"]) for row in rows}

    def elderly_alone(self) -> dict[int, Counts]:
        elderly = pl.col("elderly") == 1
        return _by_neighbourhood(self.members, elderly & (pl.col("size") == 1), elderly)

    def disabled_no_care(self) -> dict[int, Counts]:
        disabled = pl.col("disabled") == 1
        cared = pl.col("household_id").is_in(_home_care_households(self.province_id, self.day).implode())
        return _by_neighbourhood(self.members, disabled & (pl.col("placed") == 0) & ~cared, disabled)

    def out_of_school(self) -> dict[int, Counts]:
        school_age = pl.col("school_age") == 1
        return _by_neighbourhood(self.members, school_age & (pl.col("not_at_school") == 1), school_age)

    def protection(self) -> dict[int, Counts]:
        minors = _by_neighbourhood(self.members, pl.lit(0), pl.col("minor") == 1)
        in_force = Q(decided_on__lte=self.day) & (Q(closed_on__isnull=True) | Q(closed_on__gt=self.day))
        rows = (
            ProtectionDecision.objects.filter(in_force, household__province_id=self.province_id)
            .values("household__neighbourhood_id")
            .annotate(n=Count("child_id", distinct=True))
            .order_by()
        )
        for row in rows:
            minors.setdefault(row["household__neighbourhood_id"], Counts()).numerator = row["n"]
        return minors

    def aid(self) -> dict[int, Counts]:
        out = {nid: Counts(0, n) for nid, n in self.households().items()}
        rows = (
            PaymentLine.objects.filter(
                status=LineStatus.PAID,
                entitlement__unit="TRY",
                entitlement__period_start__gte=self.day,
                entitlement__period_start__lte=_month_end(self.day),
                entitlement__household__province_id=self.province_id,
            )
            .values("entitlement__household__neighbourhood_id")
            .annotate(n=Count("entitlement__household_id", distinct=True), amount=Sum("amount_kurus"))
            .order_by()
        )
        for row in rows:
            counts = out.setdefault(row["entitlement__household__neighbourhood_id"], Counts())
            counts.numerator, counts.amount_kurus = row["n"], int(row["amount"] or 0)
        return out

    def counts(self, indicator: str) -> dict[int, Counts]:
        return getattr(self, indicator)()
