"""The indicators computed from the other apps' tables, per district, year and month, over whole tables.

Each computation returns `Part`s: additive numerators and denominators of an area (a district, or a province or the
country for what belongs to no district: a province-wide office's social workers, a giver without a district);
`rollup()` adds them up to provinces and the country. Medians (decision days) and the survey's shares with their
margin of error are not additive: they are computed at each level directly. Month 0 is the whole year.

Every query is a GROUP BY over a whole table (or one row per decision round, grouped in Polars), never a loop per
household. Definitions: docs/reports-kpi.md and catalogue.py.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import polars as pl
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear

from refah.accounts.enums import Role
from refah.aidrecords.models import AidRecord, GiverReport
from refah.cases import deadlines
from refah.cases.models import Application, CaseEvent, ProgramDecision
from refah.casework.enums import ReferralStatus
from refah.casework.models import Referral as ServiceReferral
from refah.casework.models import SocialCase
from refah.employment.models import Referral as JobReferral
from refah.geo.models import District
from refah.payments.models import Entitlement, PaymentBatch, PaymentLine
from refah.registry.models import Household
from refah.reports.kpi.sql import local_date, month_of, plus_days, rows_of, table, year_of
from refah.reports.surveys.figures import survey_figures

ONE = Decimal("0.1")
TWO = Decimal("0.01")


@dataclass(frozen=True)
class Part:
    code: str
    year: int
    month: int  # 0: the whole year
    province_id: int | None
    district_id: int | None
    num: int
    den: int | None = None


@dataclass(frozen=True)
class Figure:
    code: str
    year: int
    month: int
    province_id: int | None
    district_id: int | None
    value: Decimal | None
    numerator: int | None = None
    denominator: int | None = None
    n: int | None = None
    margin: Decimal | None = None


def _bounds(years: range) -> tuple[dt.date, dt.date]:
    return dt.date(years.start, 1, 1), dt.date(years.stop, 1, 1)


def by_year_and_month(sql: str, params: list, keys: str, month_sql: str) -> list[tuple]:
    """Rows of `sql` (its select: the `keys` columns, then `{month}`; grouped by `{grouping}`) per year (month 0)
    and per month: one pass with GROUPING SETS on PostgreSQL, two queries elsewhere."""
    if connection.vendor == "postgresql":
        grouping = f"GROUPING SETS (({keys}), ({keys}, {month_sql}))"
        return rows_of(sql.format(month=f"COALESCE({month_sql}, 0)", grouping=grouping), params)
    rows = rows_of(sql.format(month="0", grouping="1, 2, 3, 4"), params)
    return rows + rows_of(sql.format(month=month_sql, grouping="1, 2, 3, 4"), params)


def _split(code: str, rows: Iterable[tuple], *, with_den: bool) -> list[Part]:
    """Rows (province, district, year, month, num[, den]) → Parts."""
    parts = []
    for row in rows:
        province, district, year, month, num = row[:5]
        den = row[5] if with_den else None
        parts.append(
            Part(code, int(year), int(month), province, district, int(num or 0), None if den is None else int(den))
        )
    return parts


# ------------------------------------------------------------------------------------------------ the indicators


def families_aided(years: range, as_of: dt.date) -> list[Part]:
    """PG4.1.1: distinct households aided (a paid or delivered entitlement, or a linked aid record) per period."""
    start, end = _bounds(years)
    ent, line, rec, hh = table(Entitlement), table(PaymentLine), table(AidRecord), table(Household)
    inner = f"""
        SELECT e.household_id AS hid, e.period_start AS d FROM {ent} e
         WHERE e.period_start >= %s AND e.period_start < %s
           AND (e.status IN ('paid', 'delivered')
                OR EXISTS (SELECT 1 FROM {line} l WHERE l.entitlement_id = e.id AND l.status = 'paid'))
        UNION ALL
        SELECT a.household_id, a.given_on FROM {rec} a
         WHERE a.household_id IS NOT NULL AND a.given_on >= %s AND a.given_on < %s"""
    params = [start, end, start, end]
    sql = f"""
        SELECT h.province_id, h.district_id, {year_of("x.d")} AS y, {{month}} AS m, COUNT(DISTINCT x.hid)
          FROM ({inner}) x JOIN {hh} h ON h.id = x.hid
         GROUP BY {{grouping}}"""
    keys = f"h.province_id, h.district_id, {year_of('x.d')}"
    return _split("families_aided", by_year_and_month(sql, params, keys, month_of("x.d")), with_den=False)


def employment_referred(years: range, as_of: dt.date) -> list[Part]:
    """PG4.1.4: distinct persons referred to employment per period (by the referral's date)."""
    start, end = _bounds(years)
    rows = JobReferral.objects.filter(referred_on__gte=start, referred_on__lt=end)
    area = ("household__province_id", "household__district_id")
    parts = []
    yearly = (
        rows.annotate(y=ExtractYear("referred_on")).values(*area, "y").annotate(n=Count("person_id", distinct=True))
    )
    parts += [Part("employment_referred", r["y"], 0, *(r[a] for a in area), r["n"]) for r in yearly]
    monthly = (
        rows.annotate(y=ExtractYear("referred_on"), m=ExtractMonth("referred_on"))
        .values(*area, "y", "m")
        .annotate(n=Count("person_id", distinct=True))
    )
    parts += [Part("employment_referred", r["y"], r["m"], *(r[a] for a in area), r["n"]) for r in monthly]
    return parts


def aid_records_share(years: range, as_of: dt.date) -> list[Part]:
    """PG4.1.5: records held / records reported by each giver for its reports' periods, by the report's end year
    and the giver's office's district (province, or the country when it has none)."""
    held = (
        AidRecord.objects.filter(
            giver_id=OuterRef("giver_id"),
            given_on__gte=OuterRef("period_start"),
            given_on__lte=OuterRef("period_end"),
        )
        .order_by()
        .values("giver_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    # the reports are few (one per giver and period): summed here
    sums: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for report in (
        GiverReport.objects.filter(period_end__year__gte=years.start, period_end__year__lt=years.stop)
        .annotate(held=Coalesce(Subquery(held), 0), y=ExtractYear("period_end"))
        .values_list("y", "giver__office__province_id", "giver__office__district_id", "held", "records_given")
    ):
        key = report[:3]
        sums[key][0] += min(report[3], report[4])  # more records than reported counts as all of them
        sums[key][1] += report[4]
    return [Part("aid_records_share", y, 0, p, d, num, den) for (y, p, d), (num, den) in sums.items()]


def _decision_rounds(years: range) -> pl.DataFrame:
    """One row per application decision round decided in the years: area, round, the decision's and the start's
    local dates (the application's for round 1; for a later round the last re-investigation start before it)."""
    start, end = _bounds(years)
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    low = dt.datetime.combine(start, dt.time(), tz)
    high = dt.datetime.combine(end, dt.time(), tz)
    dec, app, ev, hh = table(ProgramDecision), table(Application), table(CaseEvent), table(Household)
    sql = f"""
        WITH r AS (
            SELECT d.application_id AS aid, d.round AS rnd, MIN(d.decided_at) AS decided
              FROM {dec} d WHERE d.decided_at >= %s AND d.decided_at < %s
             GROUP BY d.application_id, d.round)
        SELECT h.province_id, h.district_id, r.aid, r.rnd, {local_date("r.decided")}, {local_date("a.created_at")},
               (SELECT {local_date("MAX(e.at)")} FROM {ev} e
                 WHERE e.application_id = r.aid AND e.at <= r.decided
                   AND (e.to_status = 'objected' OR (e.from_status = 'deferred'
                                                      AND e.to_status = 'under_investigation')))
          FROM r JOIN {app} a ON a.id = r.aid JOIN {hh} h ON h.id = a.household_id"""
    schema = {
        "province_id": pl.Int64,
        "district_id": pl.Int64,
        "application_id": pl.String,
        "round": pl.Int64,
        "decided": pl.Date,
        "applied": pl.Date,
        "restarted": pl.Date,
    }
    rows = [(p, d, str(a), r, _date(x), _date(y), _date(z)) for p, d, a, r, x, y, z in rows_of(sql, [low, high])]
    frame = pl.DataFrame(rows, schema=schema, orient="row")
    frame = frame.with_columns(
        pl.when(pl.col("round") == 1).then(pl.col("applied")).otherwise(pl.col("restarted")).alias("started")
    ).filter(pl.col("started").is_not_null())
    standards = {
        (first, day): deadlines.days("first_application" if first else "re_investigation", day)
        for first, day in frame.select((pl.col("round") == 1).alias("f"), "started").unique().iter_rows()
    }
    standard = [standards[(r == 1, s)] for r, s in frame.select("round", "started").iter_rows()]
    return frame.with_columns(
        pl.Series("standard", standard, dtype=pl.Int64),
        (pl.col("decided") - pl.col("started")).dt.total_days().alias("days"),
        pl.col("decided").dt.year().alias("year"),
        pl.col("decided").dt.month().alias("month"),
    ).with_columns((pl.col("days") <= pl.col("standard")).alias("on_time"))


def decided_late(*, round_kind: str, year: int, month: int = 0) -> pl.DataFrame:
    """The decision rounds (application ids) of a year (month) decided after their standard: for the drill-down."""
    frame = _decision_rounds(range(year, year + 1))
    frame = frame.filter(pl.col("round") == 1 if round_kind == "first" else pl.col("round") > 1)
    if month:
        frame = frame.filter(pl.col("month") == month)
    return frame.filter(~pl.col("on_time"))


def _date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def decisions(years: range, as_of: dt.date) -> tuple[list[Part], list[Figure]]:
    """The decision-time indicators: on-time shares (additive parts) and median days (figures at every level)."""
    frame = _decision_rounds(years)
    parts: list[Part] = []
    figures: list[Figure] = []
    for kind, chosen in (("first", pl.col("round") == 1), ("reinvestigation", pl.col("round") > 1)):
        share_code = "first_decided_on_time" if kind == "first" else "reinvestigation_on_time"
        days_code = "first_decision_days" if kind == "first" else "reinvestigation_days"
        rounds = frame.filter(chosen)
        for months in (False, True):
            time_keys = ["year", "month"] if months else ["year"]
            for level in ("district", "province", "country"):
                area = {"district": ["province_id", "district_id"], "province": ["province_id"], "country": []}[level]
                grouped = rounds.group_by([*area, *time_keys]).agg(
                    pl.len().alias("n"), pl.col("on_time").sum().alias("ok"), pl.col("days").median().alias("median")
                )
                for row in grouped.iter_rows(named=True):
                    province, district = row.get("province_id"), row.get("district_id")
                    month = row["month"] if months else 0
                    if level == "district":
                        parts.append(Part(share_code, row["year"], month, province, district, row["ok"], row["n"]))
                    value = Decimal(str(row["median"])).quantize(ONE, ROUND_HALF_UP)
                    figures.append(Figure(days_code, row["year"], month, province, district, value, n=row["n"]))
    return parts, figures


def payments_on_time(years: range, as_of: dt.date) -> list[Part]:
    """Paid lines (by the batch's execution date) and those recorded paid by the execution date + answer days."""
    start, end = _bounds(years)
    line, batch, ent, hh = table(PaymentLine), table(PaymentBatch), table(Entitlement), table(Household)
    grace = int(getattr(settings, "REFAH_KPI_PAYMENT_ANSWER_DAYS", 2))
    on_time = f"{local_date('l.status_at')} <= {plus_days('b.execution_date', grace)}"
    sql = f"""
        SELECT h.province_id, h.district_id, {year_of("b.execution_date")}, {{month}},
               SUM(CASE WHEN {on_time} THEN 1 ELSE 0 END), COUNT(*)
          FROM {line} l JOIN {batch} b ON b.id = l.batch_id
          JOIN {ent} e ON e.id = l.entitlement_id JOIN {hh} h ON h.id = e.household_id
         WHERE l.status = 'paid' AND b.execution_date >= %s AND b.execution_date < %s
         GROUP BY {{grouping}}"""
    keys = f"h.province_id, h.district_id, {year_of('b.execution_date')}"
    rows = by_year_and_month(sql, [start, end], keys, month_of("b.execution_date"))
    return _split("payments_on_time", rows, with_den=True)


def referrals_on_time(years: range, as_of: dt.date) -> list[Part]:
    """Referrals (not cancelled) with their deadline in the period, past it or done; done by the deadline."""
    start, end = _bounds(years)
    rows = ServiceReferral.objects.filter(deadline__gte=start, deadline__lt=end).exclude(
        status=ReferralStatus.CANCELLED
    )
    rows = rows.filter(Q(deadline__lt=as_of) | Q(status=ReferralStatus.DONE))
    ok = Q(status=ReferralStatus.DONE, closed_on__lte=F("deadline"))
    area = ("household__province_id", "household__district_id")
    parts = []
    for months in (False, True):
        keyed = rows.annotate(
            y=ExtractYear("deadline"), m=ExtractMonth("deadline") if months else ExtractYear("deadline")
        )
        for r in keyed.values(*area, "y", "m").annotate(ok=Count("id", filter=ok), n=Count("id")):
            parts.append(
                Part("referrals_on_time", r["y"], r["m"] if months else 0, *(r[a] for a in area), r["ok"], r["n"])
            )
    return parts


def caseload(years: range, as_of: dt.date) -> list[Part]:
    """SHM cases open at the year's end (as_of for the current year) and the active social workers of the area."""
    parts = []
    workers = (
        get_user_model()
        .objects.filter(groups__name=Role.SOCIAL_WORKER, is_active=True, staff__isnull=False)
        .values("staff__office__province_id", "staff__office__district_id")
        .annotate(n=Count("id", distinct=True))
    )
    workers = [(w["staff__office__province_id"], w["staff__office__district_id"], w["n"]) for w in workers]
    for year in years:
        on = min(dt.date(year, 12, 31), as_of)
        if on < dt.date(year, 1, 1):
            continue
        open_ = SocialCase.objects.filter(Q(closed_on__isnull=True) | Q(closed_on__gt=on), opened_on__lte=on)
        for r in open_.values("household__province_id", "household__district_id").annotate(n=Count("id")):
            parts.append(Part("caseload", year, 0, r["household__province_id"], r["household__district_id"], r["n"], 0))
        parts += [Part("caseload", year, 0, p, d, 0, n) for p, d, n in workers]
    return parts


def surveys(years: range, as_of: dt.date) -> list[Figure]:
    """PG4.1.2 and PG4.1.3 at every level, with n and the margin of error (surveys/figures.py)."""
    provinces: dict[int, list[int]] = defaultdict(list)
    for district_id, province_id in District.objects.values_list("id", "province_id"):
        provinces[province_id].append(district_id)
    figures = []
    for year in years:
        by_district = survey_figures(year=year, by_district=True)
        if not by_district:
            continue
        province_of = dict(District.objects.filter(id__in=by_district).values_list("id", "province_id"))
        levels = [((province_of[d], d), f) for d, f in by_district.items()]
        for province_id in sorted(set(province_of.values())):
            found = survey_figures(year=year, district_ids=provinces[province_id])
            levels += [((province_id, None), f) for f in found.values()]
        levels += [((None, None), f) for f in survey_figures(year=year).values()]
        for (province_id, district_id), found in levels:
            for code, share in (("satisfaction", found.satisfaction), ("fairness", found.fairness)):
                figures.append(
                    Figure(
                        code,
                        year,
                        0,
                        province_id,
                        district_id,
                        share.percent,
                        share.agree,
                        share.n,
                        share.n,
                        share.margin,
                    )
                )
    return figures


ADDITIVE: dict[str, Callable[[range, dt.date], list[Part]]] = {
    "families_aided": families_aided,
    "employment_referred": employment_referred,
    "aid_records_share": aid_records_share,
    "payments_on_time": payments_on_time,
    "referrals_on_time": referrals_on_time,
    "caseload": caseload,
}


# ------------------------------------------------------------------------------------------------ rolling up


def value_of(unit: str, num: int, den: int | None) -> Decimal | None:
    if unit == "count":
        return Decimal(num)
    if not den:
        return None
    if unit == "percent":
        return (Decimal(100 * num) / Decimal(den)).quantize(ONE, ROUND_HALF_UP)
    return (Decimal(num) / Decimal(den)).quantize(TWO, ROUND_HALF_UP)


def rollup(parts: Iterable[Part], units: dict[str, str]) -> list[Figure]:
    """District parts added up per district, per province and for the country (with province- and country-level
    parts), as figures."""
    sums: dict[tuple, list] = defaultdict(lambda: [0, None])
    for part in parts:
        keys = [(part.province_id, part.district_id)] if part.district_id else []
        if part.province_id:
            keys.append((part.province_id, None))
        keys.append((None, None))
        for province_id, district_id in dict.fromkeys(keys):
            cell = sums[(part.code, part.year, part.month, province_id, district_id)]
            cell[0] += part.num
            if part.den is not None:
                cell[1] = (cell[1] or 0) + part.den
    figures = []
    for (code, year, month, province_id, district_id), (num, den) in sums.items():
        unit = units[code]
        figures.append(
            Figure(code, year, month, province_id, district_id, value_of(unit, num, den), num, den, den or num)
        )
    return figures
