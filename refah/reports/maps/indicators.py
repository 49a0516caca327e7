"""The social risk indicators of the maps, per neighbourhood, district and province, computed set-wise.

One month is shown at a time (`period`, its first day the reference day, as the eligibility engine reads the
registry): the registry's members on that day, the month's determinations and the payments of the month's
entitlements. Every indicator is a numerator, a denominator and their rate:

- need: households whose need score this month is at or above the need cut-off / households with a score;
- elderly_alone: persons 65+ who are their household's only member / persons 65+;
- disabled_no_care: persons with a disability of 40 % or more, not in a care institution on the day and whose
  household has no eligible home-care allowance this month or the two before / persons with 40 % or more;
- out_of_school: children 7–17 not enrolled, or absent 10 days or more in the latest month MEB reported (as the
  ASDEP proposals read it) / children 7–17;
- protection: children with a court's protection or care decision in force on the day (refah.care only: the
  sealed shelter services are never read here) / children 0–17, per 1,000;
- aid: the amounts of the month's paid payment lines (TRY entitlements) / households — the numerator's count is
  the number of households paid.

Counts per neighbourhood come from one GROUP BY (or one columnar pass with Polars over the members); districts and
the province add them up. Every count then goes through suppression.py with the province's hierarchy as its
groups (docs/reports-maps.md).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import polars as pl
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from refah.care.models import Placement, ProtectionDecision
from refah.common.errors import RefahError
from refah.common.money import format_tl
from refah.eligibility.db_batch import _query
from refah.eligibility.models import Determination
from refah.eligibility.overlay import overrides_on
from refah.eligibility.params import ParameterSet, load_parameters
from refah.geo.models import District, Neighbourhood, Province
from refah.payments.enums import LineStatus
from refah.payments.models import PaymentLine
from refah.registry.models import Household, Membership, Person, SchoolAttendance
from refah.reports.suppression import Group, suppress

ELDERLY_AGE = 65
DISABILITY_PERCENT = 40
SCHOOL_AGES = (7, 17)
ADULT_AGE = 18
ABSENCE_DAYS = 10
HOME_CARE_MONTHS = 3
HOME_CARE_PROGRAM = "home_care"
CUTOFF_SUFFIX = ".need_score_cutoff"

PERCENT, PER_MILLE, MONEY = "percent", "per_mille", "money"

ERR_INDICATOR = _("Choose one of the indicators shown.")
ERR_PERIOD = _("Give the month as YYYY-MM (for example 2025-03), not after the current month.")


@dataclass(frozen=True)
class Indicator:
    code: str
    label: Promise
    numerator: Promise
    denominator: Promise
    unit: str
    definition: Promise


INDICATORS: dict[str, Indicator] = {
    i.code: i
    for i in (
        Indicator(
            "need",
            _("Households in need"),
            _("households at or above the need cut-off"),
            _("households with a need score"),
            PERCENT,
            _(
                "Share of the households scored this month whose need score is at or above the need cut-off (the "
                "lowest of the programmes' published cut-offs)."
            ),
        ),
        Indicator(
            "elderly_alone",
            _("Elderly living alone"),
            _("persons 65 or over living alone"),
            _("persons 65 or over"),
            PERCENT,
            _("Share of the persons aged 65 or over who are the only member of their household."),
        ),
        Indicator(
            "disabled_no_care",
            _("Disability without care"),
            _("persons with a disability of 40 % or more without care"),
            _("persons with a disability of 40 % or more"),
            PERCENT,
            _(
                "Share of the persons with a disability of 40 % or more who are not in a care institution and whose "
                "household has no home-care allowance in this month or the two before."
            ),
        ),
        Indicator(
            "out_of_school",
            _("Children out of school"),
            _("children 7–17 out of school"),
            _("children 7–17"),
            PERCENT,
            _(
                "Share of the children aged 7 to 17 who are not enrolled, or were absent 10 days or more in the "
                "latest month the Ministry of Education reported."
            ),
        ),
        Indicator(
            "protection",
            _("Open child protection decisions"),
            _("children with a protection decision in force"),
            _("children 0–17"),
            PER_MILLE,
            _("Children with a court's protection or care decision in force, per 1,000 children aged 0 to 17."),
        ),
        Indicator(
            "aid",
            _("Aid per household"),
            _("aid paid"),
            _("households"),
            MONEY,
            _(
                "The amounts of the month's paid payment lines divided by all households; the count shown is the "
                "number of households paid."
            ),
        ),
    )
}


def indicator_get(code: str | None) -> Indicator:
    try:
        return INDICATORS[code or "need"]
    except KeyError:
        raise RefahError(ERR_INDICATOR, field="indicator") from None


def period_parse(text: str | None) -> dt.date:
    """The month's first day from "YYYY-MM" (the current month when empty)."""
    this_month = timezone.localdate().replace(day=1)
    if not text:
        return this_month
    match = re.fullmatch(r"(\d{4})-(\d{2})", text.strip())
    if not match:
        raise RefahError(ERR_PERIOD, field="period")
    year, month = int(match.group(1)), int(match.group(2))
    if not (2000 <= year <= 2100 and 1 <= month <= 12) or dt.date(year, month, 1) > this_month:
        raise RefahError(ERR_PERIOD, field="period")
    return dt.date(year, month, 1)


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


class _Reader:
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


# ----------------------------------------------------------------------------------------- figures


@dataclass
class AreaFigure:
    """One area's figure: counts and rate, None where suppressed (or, for the rate, where nobody is counted)."""

    level: str  # province | district | neighbourhood
    key: str  # P-code (province, district) or the neighbourhood's id
    name: str
    numerator: int | None
    denominator: int | None
    amount_kurus: int | None
    value: Decimal | None
    suppressed: bool
    district_pcode: str = ""


@dataclass
class ProvinceFigures:
    """One indicator's figures for a province: the province, its districts, each district's neighbourhoods."""

    indicator: Indicator
    period: dt.date
    province: Province
    total: AreaFigure
    districts: list[AreaFigure]
    neighbourhoods: dict[str, list[AreaFigure]] = field(default_factory=dict)  # by district P-code
    cutoff: float | None = None


def rate(indicator: Indicator, counts: Counts) -> Decimal | None:
    if counts.denominator <= 0:
        return None
    if indicator.unit == MONEY:  # TRY per household, to the kuruş
        kurus = (Decimal(counts.amount_kurus) / counts.denominator).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        return (kurus / 100).quantize(Decimal("0.01"))
    scale = 1000 if indicator.unit == PER_MILLE else 100
    return (Decimal(counts.numerator * scale) / counts.denominator).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def format_value(indicator: Indicator, value, lang: str = "tr") -> str:
    """A figure as people read it: %12,5 / 12.5% · 3,2‰ · 1.234,56 TL."""
    if value is None:
        return "•"
    value = Decimal(str(value))
    if indicator.unit == MONEY:
        return format_tl(int((value * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)), lang)
    text = f"{value:.1f}"
    if lang.startswith("tr"):
        text = text.replace(".", ",")
        return f"%{text}" if indicator.unit == PERCENT else f"{text}‰"
    return f"{text}%" if indicator.unit == PERCENT else f"{text}‰"


def figure_text(indicator: Indicator, area: AreaFigure, lang: str = "tr") -> str:
    """The area's figure as shown: "•" when hidden, "—" when nobody is counted."""
    if area.suppressed:
        return "•"
    return "—" if area.value is None else format_value(indicator, area.value, lang)


def count_text(value: int | None, lang: str = "tr") -> str:
    if value is None:
        return "•"
    text = f"{value:,}"
    return text.replace(",", ".") if lang.startswith("tr") else text


def _suppressed(counts: dict, groups: list[Group]) -> set:
    """The keys hidden: the denominators' suppression first; the numerators' with those kept hidden (a key hidden
    for its denominator counts as a small numerator, so that no subtraction gives it back)."""
    hidden = suppress({k: c.denominator for k, c in counts.items()}, groups)
    numerators = {k: 1 if k in hidden else c.numerator for k, c in counts.items()}
    return hidden | suppress(numerators, groups)


def province_figures(province: Province, indicator: Indicator, day: dt.date, *, reader=None) -> ProvinceFigures:
    """The indicator's suppressed figures for the province, its districts and their neighbourhoods."""
    reader = reader or _Reader(province.pk, day)
    by_neighbourhood = reader.counts(indicator.code)
    districts = list(District.objects.filter(province=province).order_by("name_ascii"))
    neighbourhoods = defaultdict(list)
    for nid, district_id, name in (
        Neighbourhood.objects.filter(district__province=province)
        .order_by("name_folded", "pk")
        .values_list("pk", "district_id", "name")
    ):
        neighbourhoods[district_id].append((nid, name))
    counts: dict[tuple, Counts] = {("P",): Counts()}
    groups = []
    for district in districts:
        total = counts[("D", district.pcode)] = Counts()
        members = []
        for nid, _name in neighbourhoods[district.pk]:
            own = by_neighbourhood.get(nid, Counts())
            counts[("N", nid)] = own
            members.append(("N", nid))
            for part in (total, counts[("P",)]):
                part.numerator += own.numerator
                part.denominator += own.denominator
                part.amount_kurus += own.amount_kurus
        groups.append(Group(("D", district.pcode), tuple(members)))
    groups.append(Group(("P",), tuple(("D", d.pcode) for d in districts)))
    hidden = _suppressed(counts, groups)

    def figure(key, level, code, name, district_pcode="") -> AreaFigure:
        own, secret = counts[key], key in hidden
        return AreaFigure(
            level,
            code,
            name,
            None if secret else own.numerator,
            None if secret else own.denominator,
            None if secret or indicator.unit != MONEY else own.amount_kurus,
            None if secret else rate(indicator, own),
            secret,
            district_pcode,
        )

    return ProvinceFigures(
        indicator,
        day,
        province,
        figure(("P",), "province", province.pcode, province.name),
        [figure(("D", d.pcode), "district", d.pcode, d.name, d.pcode) for d in districts],
        {
            d.pcode: [
                figure(("N", nid), "neighbourhood", str(nid), name, d.pcode) for nid, name in neighbourhoods[d.pk]
            ]
            for d in districts
        },
        need_cutoff(day) if indicator.code == "need" else None,
    )


def province_all(province: Province, day: dt.date) -> list[ProvinceFigures]:
    """Every indicator's figures for the province (the members read once)."""
    reader = _Reader(province.pk, day)
    return [province_figures(province, indicator, day, reader=reader) for indicator in INDICATORS.values()]
