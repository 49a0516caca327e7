"""GET /api/v1/reports/risk-map: one indicator's figures for the districts of a province, or for the neighbourhoods
of a district, cut to the caller's jurisdiction and suppressed (a hidden cell is null with `suppressed: true`)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Router, Schema

from refah.reports.maps.indicators import indicator_get, period_parse
from refah.reports.maps.selectors import risk_map

router = Router(tags=["reports"])


class RiskMapAreaOut(Schema):
    level: str
    code: str
    name: str
    numerator: int | None
    denominator: int | None
    amount_kurus: int | None
    value: Decimal | None
    suppressed: bool
    colour: str


class RiskMapOut(Schema):
    indicator: str
    label: str
    unit: str
    numerator: str
    denominator: str
    definition: str
    period: dt.date
    province: str
    district: str | None
    need_cutoff: float | None
    total: RiskMapAreaOut | None
    areas: list[RiskMapAreaOut]
    breaks: list[float]
    suppression_threshold_note: str


def _area(riskmap, area) -> dict:
    return {
        "level": area.level,
        "code": area.key,
        "name": area.name,
        "numerator": area.numerator,
        "denominator": area.denominator,
        "amount_kurus": area.amount_kurus,
        "value": area.value,
        "suppressed": area.suppressed,
        "colour": riskmap.colour(area),
    }


@router.get("/risk-map", response=RiskMapOut)
def reports_risk_map(
    request,
    indicator: str = "need",
    period: str | None = None,
    province: str | None = None,
    district: str | None = None,
):
    """The risk map's figures: `indicator` (need, elderly_alone, disabled_no_care, out_of_school, protection, aid),
    `period` YYYY-MM (default: this month), `province` or `district` P-code (default: the caller's own). Rates are
    percent (protection: per 1,000 children; aid: TRY per household)."""
    from refah.reports.maps.document import suppression_note

    riskmap = risk_map(
        user=request.user,
        indicator=indicator_get(indicator),
        period=period_parse(period),
        province=province or None,
        district=district or None,
    )
    ind = riskmap.indicator
    return {
        "indicator": ind.code,
        "label": str(ind.label),
        "unit": ind.unit,
        "numerator": str(ind.numerator),
        "denominator": str(ind.denominator),
        "definition": str(ind.definition),
        "period": riskmap.period,
        "province": riskmap.allowed.province.pcode,
        "district": riskmap.district.pcode if riskmap.district else None,
        "need_cutoff": riskmap.figures.cutoff,
        "total": _area(riskmap, riskmap.total) if riskmap.total else None,
        "areas": [_area(riskmap, a) for a in riskmap.areas],
        "breaks": list(riskmap.scale.breaks),
        "suppression_threshold_note": suppression_note(),
    }
