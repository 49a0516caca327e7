"""Counting the risk indicators per neighbourhood of one province and month, set-wise: one hand-written
statement counts the members on the reference day (age bands, disability, school, care placement, home care) with
two GROUP BYs — per household, then per neighbourhood; the need scores, protection decisions and payments are GROUP
BY queries. No loop per household or person. Definitions: indicators.py and docs/reports-maps.md."""

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


def _members_sql() -> str:
    """Per neighbourhood: households, and the persons each indicator counts. The inner GROUP BY makes one row per
    household (its size and its members' flags), the outer adds the households of a neighbourhood up."""
    member, person, household = (m._meta.db_table for m in (Membership, Person, Household))
    attendance, placement = SchoolAttendance._meta.db_table, Placement._meta.db_table
    determination = Determination._meta.db_table
    disabled = f"p.disability_percent >= {DISABILITY_PERCENT}"
    school_age = "p.birth_date > %s AND p.birth_date <= %s"
    return f"""
SELECT hh.neighbourhood_id, COUNT(*),
  SUM(hh.elderly), SUM(CASE WHEN hh.size = 1 THEN hh.elderly ELSE 0 END),
  SUM(hh.disabled), SUM(CASE WHEN hc.household_id IS NULL THEN hh.disabled_unplaced ELSE 0 END),
  SUM(hh.school_age), SUM(hh.out_of_school), SUM(hh.minors)
FROM (
  SELECT h.id AS household_id, h.neighbourhood_id, COUNT(*) AS size,
    SUM(CASE WHEN p.birth_date <= %s THEN 1 ELSE 0 END) AS elderly,
    SUM(CASE WHEN {disabled} THEN 1 ELSE 0 END) AS disabled,
    SUM(CASE WHEN {disabled} AND pl.person_id IS NULL THEN 1 ELSE 0 END) AS disabled_unplaced,
    SUM(CASE WHEN {school_age} THEN 1 ELSE 0 END) AS school_age,
    SUM(CASE WHEN {school_age} AND (p.school_level IN ('none', 'out_of_school')
             OR a.absence_days >= {ABSENCE_DAYS}) THEN 1 ELSE 0 END) AS out_of_school,
    SUM(CASE WHEN p.birth_date > %s THEN 1 ELSE 0 END) AS minors
  FROM {member} m
  JOIN {person} p ON p.id = m.person_id
  JOIN {household} h ON h.id = m.household_id
  LEFT JOIN (
    SELECT a1.person_id, a1.absence_days FROM {attendance} a1
    JOIN (SELECT person_id, MAX(month) AS month FROM {attendance} WHERE month <= %s GROUP BY person_id) last
      ON last.person_id = a1.person_id AND last.month = a1.month
  ) a ON a.person_id = p.id
  LEFT JOIN (
    SELECT DISTINCT person_id FROM {placement} WHERE started_on <= %s AND (ended_on IS NULL OR ended_on > %s)
  ) pl ON pl.person_id = p.id
  WHERE m.joined_on <= %s AND (m.left_on IS NULL OR m.left_on > %s)
    AND (p.deceased_on IS NULL OR p.deceased_on > %s) AND h.province_id = %s
  GROUP BY h.id, h.neighbourhood_id
) hh
LEFT JOIN (
  SELECT DISTINCT household_id FROM {determination}
  WHERE program = %s AND eligible = %s AND period >= %s AND period <= %s
) hc ON hc.household_id = hh.household_id
GROUP BY hh.neighbourhood_id
"""


_MEMBERS = {
    "neighbourhood_id": pl.Int64,
    "households": pl.Int64,
    "elderly": pl.Int64,
    "elderly_alone": pl.Int64,
    "disabled": pl.Int64,
    "disabled_no_care": pl.Int64,
    "school_age": pl.Int64,
    "out_of_school": pl.Int64,
    "minors": pl.Int64,
}


def _members(province_id: int, day: dt.date) -> dict[int, dict[str, int]]:
    """{neighbourhood id: {column of _MEMBERS: count}} of the members on `day` of the province's households."""
    iso = day.isoformat()
    young, old = _years_before(day, SCHOOL_AGES[1] + 1).isoformat(), _years_before(day, SCHOOL_AGES[0]).isoformat()
    params = [
        _years_before(day, ELDERLY_AGE).isoformat(),
        young,
        old,  # school age, counted
        young,
        old,  # school age, out of school
        _years_before(day, ADULT_AGE).isoformat(),
        iso,  # latest attendance
        iso,
        iso,  # placed
        iso,
        iso,
        iso,
        province_id,
        HOME_CARE_PROGRAM,
        True,
        _months_before(day, HOME_CARE_MONTHS - 1).isoformat(),
        iso,
    ]
    frame = _query(_members_sql(), params, _MEMBERS)
    return {row["neighbourhood_id"]: row for row in frame.iter_rows(named=True)}


class Reader:
    """Counts per neighbourhood of one province and month; the members are read once, when first needed."""

    def __init__(self, province_id: int, day: dt.date):
        self.province_id, self.day = province_id, day
        self._members: dict[int, dict[str, int]] | None = None

    @property
    def members(self) -> dict[int, dict[str, int]]:
        if self._members is None:
            self._members = _members(self.province_id, self.day)
        return self._members

    def _pair(self, numerator: str | None, denominator: str) -> dict[int, Counts]:
        return {
            nid: Counts(int(row[numerator] or 0) if numerator else 0, int(row[denominator] or 0))
            for nid, row in self.members.items()
        }

    def households(self) -> dict[int, int]:
        return {nid: int(row["households"]) for nid, row in self.members.items()}

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
        return self._pair("elderly_alone", "elderly")

    def disabled_no_care(self) -> dict[int, Counts]:
        return self._pair("disabled_no_care", "disabled")

    def out_of_school(self) -> dict[int, Counts]:
        return self._pair("out_of_school", "school_age")

    def protection(self) -> dict[int, Counts]:
        minors = self._pair(None, "minors")
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
