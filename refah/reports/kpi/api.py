"""The indicators under /api/v1/reports/: figures with targets by year and area, target set, refresh request."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from django.utils import timezone
from ninja import Router, Schema
from ninja.responses import Status

from refah.reports import jobs
from refah.reports.kpi import selectors, services

router = Router(tags=["reports"])


class KpiTrendOut(Schema):
    year: int
    value: Decimal | None
    target: Decimal | None


class KpiPartOut(Schema):
    area_id: int
    name: str
    value: Decimal | None
    suppressed: bool


class KpiMonthOut(Schema):
    month: int
    value: Decimal | None
    suppressed: bool


class KpiIndicatorOut(Schema):
    code: str
    plan_ref: str
    name: str
    definition: str
    unit: str
    direction: str
    monitoring: str
    reporting: str
    responsible_unit: str
    value: Decimal | None
    numerator: int | None
    denominator: int | None
    n: int | None
    margin: Decimal | None
    target: Decimal | None
    target_now: Decimal | None
    status: str
    trend: list[KpiTrendOut]
    parts: list[KpiPartOut]
    months: list[KpiMonthOut]


class KpiDashboardOut(Schema):
    year: int
    area: str
    computed_at: dt.datetime | None
    indicators: list[KpiIndicatorOut]


class KpiTargetIn(Schema):
    indicator: str
    year: int
    value: str
    province: int | None = None
    district: int | None = None


class KpiTargetOut(Schema):
    id: uuid.UUID
    indicator: str
    year: int
    province: int | None
    district: int | None
    value: Decimal


@router.get("/indicators", response=KpiDashboardOut)
def reports_indicators(request, year: int | None = None, province: int | None = None, district: int | None = None):
    """Every shown indicator of an area of your jurisdiction (all of it by default) for a year: the figure (with n and
    the margin for the survey's shares), the target, the status, the trend and the breakdown by district or
    province (small cells suppressed unless you may open the records)."""
    year = year or timezone.localdate().year
    area = selectors.area_for(user=request.user, province_id=province, district_id=district)
    found = selectors.dashboard(user=request.user, year=year, area=area)
    indicators = []
    for row in found["rows"]:
        figure = row.figure
        hidden = row.value is None and figure is not None
        indicators.append(
            {
                "code": row.indicator.code, "plan_ref": row.indicator.plan_ref, "name": row.indicator.label,
                "definition": row.indicator.description, "unit": row.indicator.unit,
                "direction": row.indicator.direction, "monitoring": row.indicator.monitoring,
                "reporting": row.indicator.reporting, "responsible_unit": row.indicator.responsible_unit,
                "value": row.value,
                "numerator": None if hidden or not figure else figure.numerator,
                "denominator": None if hidden or not figure else figure.denominator,
                "n": None if hidden or not figure else figure.n,
                "margin": None if hidden or not figure else figure.margin,
                "target": row.target, "target_now": row.target_now, "status": row.status,
                "trend": [{"year": y, "value": v, "target": t} for y, v, t in row.trend],
                "months": [{"month": m, "value": v, "suppressed": sup} for m, v, sup in row.months],
                "parts": [
                    {"area_id": pk, "name": name, "value": value, "suppressed": sup}
                    for name, value, sup, pk in row.parts
                ],
            }
        )  # fmt: skip
    return {"year": year, "area": area.name, "computed_at": found["computed_at"], "indicators": indicators}


@router.put("/indicators/targets", response=KpiTargetOut)
def reports_indicator_target_set(request, payload: KpiTargetIn):
    """Set an indicator's target for a year: the country's (no province, no district; ministry staff only), a
    province's or a district's of your jurisdiction."""
    indicator = selectors.indicator_get(payload.indicator)
    target = services.target_set(
        actor=request.user, indicator=indicator, year=payload.year, value=payload.value,
        province_id=payload.province, district_id=payload.district,
    )  # fmt: skip
    return {
        "id": target.pk, "indicator": indicator.code, "year": target.year, "province": target.province_id,
        "district": target.district_id, "value": target.value,
    }  # fmt: skip


@router.post("/indicators/refresh", response={202: dict})
def reports_indicators_refresh(request):
    """Recompute the indicators now, in the background: follow the report at /api/v1/reports/jobs/{id}."""
    job = jobs.job_request(actor=request.user, kind="indicators_refresh")
    return Status(202, {"id": str(job.pk), "follow": f"/api/v1/reports/jobs/{job.pk}"})
