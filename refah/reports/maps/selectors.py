"""The risk map a user may see: permission, jurisdiction (a district's user sees the figures of their district and
its neighbourhoods only; another district or province is not found) and the areas drawn, with their colours."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from refah.accounts.selectors import jurisdiction_scope
from refah.common.errors import ERR_NO_PERMISSION, NotFoundError, PermissionDeniedError
from refah.geo.models import District, Province
from refah.registry.models import Household
from refah.reports.maps import geometry
from refah.reports.maps.indicators import AreaFigure, Indicator, ProvinceFigures, province_figures
from refah.reports.maps.scale import Scale
from refah.reports.roles import VIEW_RISKMAP

ERR_AREA_NOT_FOUND = _("No such province or district in your jurisdiction.")


@dataclass(frozen=True)
class Allowed:
    """The user's area: the province shown and the districts (P-codes) whose figures they may see."""

    province: Province
    districts: frozenset[str]
    whole_province: bool


def _scope(user) -> tuple[str, list]:
    if user is None or not user.has_perm(VIEW_RISKMAP):
        raise PermissionDeniedError(ERR_NO_PERMISSION)
    scope = jurisdiction_scope(user)
    if scope is None:
        raise PermissionDeniedError(ERR_NO_PERMISSION)
    return scope


def area_allowed(user, *, province: str | None = None, district: str | None = None) -> tuple[Allowed, District | None]:
    """The province (P-code, or the user's own) and optional district (P-code) asked for, checked against the
    user's jurisdiction: anything outside it is not found, as a wrong code."""
    kind, ids = _scope(user)
    chosen = None
    if district:
        chosen = District.objects.select_related("province").filter(pcode=district).first()
        if (
            chosen is None
            or (kind == "district" and chosen.pk not in ids)
            or (kind == "province" and chosen.province_id not in ids)
        ):
            raise NotFoundError(ERR_AREA_NOT_FOUND)
        if province and chosen.province.pcode != province:
            raise NotFoundError(ERR_AREA_NOT_FOUND)
    if kind == "district":
        own = District.objects.select_related("province").get(pk=ids[0])
        if province and province != own.province.pcode:
            raise NotFoundError(ERR_AREA_NOT_FOUND)
        return Allowed(own.province, frozenset([own.pcode]), False), chosen
    if chosen is not None:
        target = chosen.province
    elif province:
        target = Province.objects.filter(pcode=province).first()
    elif kind == "province":
        target = Province.objects.get(pk=ids[0])
    else:  # a national user: the province with the most registered households (the alphabet's first without any)
        target = _busiest_province()
    if target is None or (kind == "province" and target.pk not in ids):
        raise NotFoundError(ERR_AREA_NOT_FOUND)
    pcodes = frozenset(District.objects.filter(province=target).values_list("pcode", flat=True))
    return Allowed(target, pcodes, True), chosen


def _busiest_province() -> Province | None:
    by_district = dict(Household.objects.values_list("district_id").annotate(n=Count("id")).order_by())
    provinces: dict[int, int] = {}
    for district_id, province_id in District.objects.filter(pk__in=by_district).values_list("pk", "province_id"):
        provinces[province_id] = provinces.get(province_id, 0) + by_district[district_id]
    if not provinces:
        return Province.objects.order_by("name_ascii").first()
    return Province.objects.get(pk=max(sorted(provinces), key=provinces.get))


def provinces_allowed(user) -> list[Province]:
    kind, ids = _scope(user)
    if kind == "district":
        return list(Province.objects.filter(districts__pk__in=ids).distinct())
    if kind == "province":
        return list(Province.objects.filter(pk__in=ids))
    return list(Province.objects.order_by("name_ascii"))


@dataclass
class Tile:
    area: AreaFigure
    x: float
    y: float
    size: float
    number: int


@dataclass
class RiskMap:
    """What a map shows: the figures, the areas drawn (districts of the province, or a district's neighbourhoods
    as tiles) with the user's own in `shown`, the total and the colour scale."""

    figures: ProvinceFigures
    allowed: Allowed
    district: District | None
    areas: list[AreaFigure]  # the areas with a figure for this user, in the table's order
    total: AreaFigure | None
    scale: Scale

    @property
    def indicator(self) -> Indicator:
        return self.figures.indicator

    @property
    def period(self) -> dt.date:
        return self.figures.period

    @property
    def shapes(self) -> list[geometry.Shape]:
        return geometry.province_shapes(self.allowed.province.pcode)

    def values(self) -> dict[str, float | None]:
        return {a.key: None if a.value is None else float(a.value) for a in self.areas}

    def colour(self, area: AreaFigure | None) -> str:
        return self.scale.colour(None if area is None or area.value is None else float(area.value))

    def tiles(self, width: float, gap: float = 4.0) -> list[Tile]:
        """The neighbourhoods as equal squares in a grid, in the table's (name) order, `width` wide."""
        count = len(self.areas)
        columns = max(1, min(count, math.ceil(math.sqrt(count * 1.5))))
        size = (width - gap * (columns - 1)) / columns
        return [
            Tile(area, (i % columns) * (size + gap), (i // columns) * (size + gap), size, i + 1)
            for i, area in enumerate(self.areas)
        ]


def risk_map(
    *, user, indicator: Indicator, period: dt.date, province: str | None = None, district: str | None = None
) -> RiskMap:
    """The map of `indicator` in `period` for the user: the province's districts, or `district`'s neighbourhoods."""
    allowed, chosen = area_allowed(user, province=province, district=district)
    return compose(province_figures(allowed.province, indicator, period), allowed, chosen)


def compose(figures: ProvinceFigures, allowed: Allowed, district: District | None = None) -> RiskMap:
    """The map of computed figures: the allowed districts of the province, or `district`'s neighbourhoods."""
    if district is not None:
        areas = figures.neighbourhoods.get(district.pcode, [])
        total = next(d for d in figures.districts if d.key == district.pcode)
    else:
        areas = [d for d in figures.districts if d.key in allowed.districts]
        total = figures.total if allowed.whole_province else None
    scale = Scale.of(None if a.value is None else float(a.value) for a in areas)
    return RiskMap(figures, allowed, district, areas, total, scale)


def whole_province(province: Province) -> Allowed:
    """Every district of the province (the background reports, asked for by a user allowed all of it)."""
    return Allowed(
        province, frozenset(District.objects.filter(province=province).values_list("pcode", flat=True)), True
    )
