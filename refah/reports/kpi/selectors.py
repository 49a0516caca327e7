"""What the dashboard and the API read: the snapshot's figures of an area within the user's jurisdiction, with the
target that applies, the status against it, the trend over the years and the breakdown by district (or province).

Without DRILLDOWN, the breakdown's small counts are suppressed (suppression.py: the area's figure is the total of its
districts', so cells that could be derived are hidden too); the drill-down lists (records behind a figure) are
jurisdiction-filtered and logged as reads of a list of households."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from refah.accounts.selectors import jurisdiction_q, jurisdiction_scope
from refah.audit.enums import AccessChannel, AccessKind, AccessPurpose
from refah.audit.services_access import access_record
from refah.common.errors import ERR_NO_PERMISSION, NotFoundError, PermissionDeniedError, RefahError
from refah.geo.models import District, Province
from refah.registry.models import Household
from refah.reports.kpi import errors
from refah.reports.kpi.models import Direction, Indicator, IndicatorFigure, IndicatorTarget
from refah.reports.roles import DRILLDOWN, VIEW_DASHBOARD
from refah.reports.suppression import Group, suppress

ON_TRACK, AT_RISK, OFF_TRACK, NO_TARGET = "on_track", "at_risk", "off_track", "no_target"


@dataclass(frozen=True)
class Area:
    province: Province | None = None
    district: District | None = None

    @property
    def name(self) -> str:
        if self.district:
            return f"{self.district.name} ({self.district.province.name})"
        return self.province.name if self.province else "Türkiye"


@dataclass
class Row:
    indicator: Indicator
    figure: IndicatorFigure | None
    value: Decimal | None
    target: Decimal | None
    target_now: Decimal | None  # the target for the months elapsed (counts of the current year)
    status: str
    trend: list = field(default_factory=list)  # [(year, value, target)]
    parts: list = field(default_factory=list)  # [(area name, value, hidden, area id)]
    months: list = field(default_factory=list)  # [(month, value, hidden)]


def _require(user, perm: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDeniedError(ERR_NO_PERMISSION)


def area_for(*, user, province_id=None, district_id=None) -> Area:
    """The area asked for, within the user's jurisdiction (by default the whole of it); another is not found."""
    scope = jurisdiction_scope(user)
    if scope is None:
        raise PermissionDeniedError(ERR_NO_PERMISSION)
    kind, ids = scope
    try:
        if district_id:
            district = District.objects.select_related("province").get(pk=int(district_id))
            if (kind == "district" and district.pk not in ids) or (
                kind == "province" and district.province_id not in ids
            ):
                raise NotFoundError(errors.ERR_AREA)
            return Area(district.province, district)
        if province_id:
            province = Province.objects.get(pk=int(province_id))
            if kind == "district" or (kind == "province" and province.pk not in ids):
                raise NotFoundError(errors.ERR_AREA)
            return Area(province)
    except (District.DoesNotExist, Province.DoesNotExist, ValueError, TypeError):
        raise NotFoundError(errors.ERR_AREA) from None
    if kind == "district":
        district = District.objects.select_related("province").get(pk=ids[0])
        return Area(district.province, district)
    if kind == "province":
        return Area(Province.objects.get(pk=ids[0]))
    return Area()


def areas_choices(*, user) -> dict:
    """The provinces and districts the user may choose."""
    kind, ids = jurisdiction_scope(user) or ("none", [])
    districts = District.objects.select_related("province").order_by("province__name", "name")
    provinces = Province.objects.order_by("name")
    if kind == "district":
        return {"national": False, "provinces": [], "districts": list(districts.filter(pk__in=ids))}
    if kind == "province":
        return {
            "national": False,
            "provinces": list(provinces.filter(pk__in=ids)),
            "districts": list(districts.filter(province_id__in=ids)),
        }
    if kind == "none":
        return {"national": False, "provinces": [], "districts": []}
    return {"national": True, "provinces": list(provinces), "districts": []}


def _area_q(area: Area, prefix: str = "") -> dict:
    if area.district:
        return {f"{prefix}district": area.district}
    if area.province:
        return {f"{prefix}province": area.province, f"{prefix}district__isnull": True}
    return {f"{prefix}province__isnull": True}


def targets_for(indicators, years, area: Area) -> dict[tuple, Decimal]:
    """{(indicator id, year): target} — the district's, else the province's, else the national one."""
    rows = IndicatorTarget.objects.filter(indicator__in=indicators, year__in=list(years))
    found: dict[tuple, tuple] = {}
    for target in rows:
        if target.district_id and (not area.district or target.district_id != area.district.pk):
            continue
        if (
            target.province_id
            and not target.district_id
            and (not area.province or target.province_id != area.province.pk)
        ):
            continue
        rank = 2 if target.district_id else 1 if target.province_id else 0
        key = (target.indicator_id, target.year)
        if key not in found or found[key][0] < rank:
            found[key] = (rank, target.value)
    return {key: value for key, (_, value) in found.items()}


def status_of(indicator: Indicator, value: Decimal | None, target: Decimal | None) -> str:
    if value is None or target is None:
        return NO_TARGET
    margin = abs(target) * indicator.at_risk_margin / Decimal(100)
    if indicator.direction == Direction.HIGHER:
        return ON_TRACK if value >= target else AT_RISK if value >= target - margin else OFF_TRACK
    return ON_TRACK if value <= target else AT_RISK if value <= target + margin else OFF_TRACK


def _elapsed(year: int, today: dt.date) -> Decimal:
    """The share of the year elapsed (months), for counts of the current year."""
    if year < today.year:
        return Decimal(1)
    if year > today.year:
        return Decimal(0)
    return Decimal(today.month) / Decimal(12)


def dashboard(*, user, year: int, area: Area, today: dt.date | None = None) -> dict:
    """Every shown indicator's figure of `area` for `year` (the snapshot only), target, status, trend and parts."""
    _require(user, VIEW_DASHBOARD)
    today = today or timezone.localdate()
    hide_small = not user.has_perm(DRILLDOWN)
    indicators = list(Indicator.objects.filter(active=True))
    own = IndicatorFigure.objects.filter(indicator__in=indicators, month=0, **_area_q(area)).select_related("indicator")
    by_year: dict[tuple, IndicatorFigure] = {(f.indicator_id, f.year): f for f in own}
    years = sorted({y for _, y in by_year} | {year})
    targets = targets_for(indicators, years, area)
    if area.district:
        parts_q = IndicatorFigure.objects.none()
    elif area.province:
        parts_q = IndicatorFigure.objects.filter(year=year, month=0, province=area.province, district__isnull=False)
    else:
        parts_q = IndicatorFigure.objects.filter(year=year, month=0, province__isnull=False, district__isnull=True)
    parts_q = parts_q.filter(indicator__in=indicators).select_related("district", "province", "indicator")
    parts: dict = {}
    for figure in parts_q:
        parts.setdefault(figure.indicator_id, []).append(figure)
    monthly: dict = {}
    month_q = IndicatorFigure.objects.filter(indicator__in=indicators, year=year, month__gt=0, **_area_q(area))
    for figure in month_q.select_related("indicator").order_by("month"):
        monthly.setdefault(figure.indicator_id, []).append(figure)
    rows = []
    for indicator in indicators:
        figure = by_year.get((indicator.pk, year))
        target = targets.get((indicator.pk, year))
        target_now = target
        if target is not None and indicator.unit == "count":
            target_now = (target * _elapsed(year, today)).quantize(Decimal("1"))
        value = figure.value if figure else None
        members = sorted(parts.get(indicator.pk, []), key=lambda f: (f.district or f.province).name)
        shown = _suppressed(indicator, figure, members) if hide_small else set()
        if figure is not None and figure.pk in shown:
            value = None
        trend = [
            (
                y,
                by_year[(indicator.pk, y)].value if (indicator.pk, y) in by_year else None,
                targets.get((indicator.pk, y)),
            )
            for y in years
        ]
        if hide_small:
            trend = [
                (y, None if (indicator.pk, y) in by_year and _small(by_year[(indicator.pk, y)]) else v, t)
                for y, v, t in trend
            ]
        breakdown = [
            (
                (m.district or m.province).name,
                None if m.pk in shown else m.value,
                m.pk in shown,
                (m.district or m.province).pk,
            )
            for m in members
        ]
        in_months = monthly.get(indicator.pk, [])
        secret = _suppressed(indicator, figure, in_months) if hide_small else set()
        months = [(m.month, None if m.pk in secret else m.value, m.pk in secret) for m in in_months]
        status = status_of(indicator, value, target_now)
        rows.append(Row(indicator, figure, value, target, target_now, status, trend, breakdown, months))
    # one refresh writes every figure with the same time: the area's own figures say when
    computed = max((f.computed_at for f in by_year.values()), default=None)
    return {"rows": rows, "computed_at": computed, "years": years, "hide_small": hide_small}


def _count_of(figure: IndicatorFigure) -> int:
    """The count a figure rests on (for suppression): its denominator, or its number."""
    if figure.denominator is not None and figure.indicator.unit != "ratio":  # a ratio's people: its numerator
        return int(figure.denominator)
    return int(figure.numerator if figure.numerator is not None else (figure.n or 0))


def _small(figure: IndicatorFigure) -> bool:
    count = _count_of(figure)
    return 0 < count < 5 if figure.indicator.unit != "days" else 0 < (figure.n or 0) < 5


def _suppressed(indicator, total: IndicatorFigure | None, members: list[IndicatorFigure]) -> set:
    """The figures (ids) to hide: the breakdown and its total as one group, by the counts they rest on (and by
    their numerators too for shares)."""
    if total is None:
        return {m.pk for m in members if _count_of(m) and _count_of(m) < 5}
    hidden: set = set()
    keyed = {m.pk: m for m in members}
    counts = {m.pk: _count_of(m) for m in members}
    counts[total.pk] = _count_of(total)
    hidden |= suppress(counts, [Group(total.pk, tuple(keyed))])
    if indicator.unit in ("percent", "ratio") and total.numerator is not None:
        nums = {m.pk: int(m.numerator or 0) for m in members}
        nums[total.pk] = int(total.numerator or 0)
        if indicator.unit == "percent":  # the people counted in a share are a count of their own
            hidden |= suppress(nums, [Group(total.pk, tuple(keyed))])
    return hidden


# ------------------------------------------------------------------------------------------------ drill-down

DRILLS = (
    "families_aided",
    "first_decided_on_time",
    "reinvestigation_on_time",
    "payments_on_time",
    "employment_referred",
    "referrals_on_time",
)


def drilldown(*, user, code: str, year: int, area: Area, month: int = 0, page: int = 1, size: int = 50):
    """The records behind a figure, in the user's jurisdiction and the area: (kind, rows, total, households listed).
    Each page shown is logged as a read of a list of households."""
    _require(user, DRILLDOWN)
    if code not in DRILLS:
        raise RefahError(errors.ERR_NO_DRILL, field="indicator")
    from refah.reports.kpi import drill

    kind, queryset = drill.records(code=code, year=year, month=month)
    queryset = queryset.filter(jurisdiction_q(user, prefix=drill.PREFIX[kind]))
    if area.district:
        queryset = queryset.filter(**{f"{drill.PREFIX[kind]}district": area.district})
    elif area.province:
        queryset = queryset.filter(**{f"{drill.PREFIX[kind]}province": area.province})
    total = queryset.count()
    rows = list(queryset[(page - 1) * size : page * size])
    households = [drill.household_of(kind, row) for row in rows]
    access_record(
        actor=user, purpose=AccessPurpose.AUDIT, channel=AccessChannel.SCREEN, kind=AccessKind.HOUSEHOLD_LIST,
        households=[h for h in households if h is not None],
    )  # fmt: skip
    return kind, rows, total


def indicator_get(code: str) -> Indicator:
    try:
        return Indicator.objects.get(code=code)
    except Indicator.DoesNotExist:
        raise NotFoundError(errors.ERR_INDICATOR) from None


__all__ = ["Household"]
