"""The indicators' screens: the dashboard (snapshot figures of an area against their targets), the records behind a
figure (drill-down), the targets, and the refresh button (a background report)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from refah.common.errors import RefahError
from refah.common.views import screen
from refah.reports import jobs
from refah.reports.kpi import selectors, services
from refah.reports.kpi.models import Frequency, IndicatorTarget
from refah.reports.roles import DRILLDOWN, EDIT_TARGETS, VIEW_DASHBOARD

STATUS_LABELS = {
    selectors.ON_TRACK: _("On track"),
    selectors.AT_RISK: _("At risk"),
    selectors.OFF_TRACK: _("Off track"),
    selectors.NO_TARGET: _("No target"),
}


def _year(request) -> int:
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    return min(max(year, 2000), 2100)


def _bars(parts, unit: str) -> list[dict]:
    """The breakdown as SVG bars (width in % of the largest shown value)."""
    values = [v for _name, v, hidden, _pk in parts if v is not None and not hidden]
    top = max(values) if values else 0
    bars = []
    for i, (name, value, hidden, _area_id) in enumerate(parts):
        width = round(float(value / top) * 180, 1) if top and value and not hidden else 0
        short = name if len(name) <= 18 else name[:17] + "…"
        bars.append({"name": short, "value": value, "hidden": hidden, "px": width, "label_x": width + 124, "y": i * 22})
    return bars


@screen(permission=VIEW_DASHBOARD, methods=("GET",))
def dashboard(request):
    year = _year(request)
    area = selectors.area_for(
        user=request.user, province_id=request.GET.get("province"), district_id=request.GET.get("district")
    )
    found = selectors.dashboard(user=request.user, year=year, area=area)
    for row in found["rows"]:
        row.bars = _bars(row.parts, row.indicator.unit)
        row.chart_height = max(22, 22 * len(row.bars))
        row.status_label = STATUS_LABELS[row.status]
    context = {
        **found,
        "year": year,
        "area": area,
        "choices": selectors.areas_choices(user=request.user),
        "may_drill": request.user.has_perm(DRILLDOWN),
        "may_edit": request.user.has_perm(EDIT_TARGETS),
        "drills": selectors.DRILLS,
        "year_choices": range(timezone.localdate().year - 5, timezone.localdate().year + 2),
    }
    return render(request, "reports/kpi/dashboard.html", context)


@screen(permission=DRILLDOWN, methods=("GET",))
def drilldown(request, code):
    indicator = selectors.indicator_get(code)
    year = _year(request)
    area = selectors.area_for(
        user=request.user, province_id=request.GET.get("province"), district_id=request.GET.get("district")
    )
    try:
        page = max(1, int(request.GET.get("page") or 1))
        month = min(12, max(0, int(request.GET.get("month") or 0)))
    except ValueError:
        page, month = 1, 0
    kind, rows, total = selectors.drilldown(user=request.user, code=code, year=year, area=area, month=month, page=page)
    context = {
        "indicator": indicator, "year": year, "area": area, "kind": kind, "rows": rows, "total": total, "page": page,
        "month": month, "has_next": page * 50 < total, "has_previous": page > 1,
    }  # fmt: skip
    return render(request, "reports/kpi/drilldown.html", context)


@screen(permission=EDIT_TARGETS, methods=("GET", "POST"))
def targets(request):
    error = None
    if request.method == "POST":
        data = request.POST
        try:
            indicator = selectors.indicator_get(data.get("indicator", ""))
            if data.get("action") == "indicator":
                services.indicator_update(
                    actor=request.user, indicator=indicator, monitoring=data.get("monitoring"),
                    reporting=data.get("reporting"), responsible_unit=data.get("responsible_unit"),
                    at_risk_margin=data.get("at_risk_margin"), active=data.get("active") == "on",
                )  # fmt: skip
            else:
                services.target_set(
                    actor=request.user, indicator=indicator, year=data.get("year"), value=data.get("value"),
                    province_id=data.get("province") or None, district_id=data.get("district") or None,
                )  # fmt: skip
            messages.success(request, _g("Saved."))
            return redirect(reverse("reports:kpi_targets"))
        except RefahError as exc:
            error = exc
    area = selectors.area_for(user=request.user)
    rows = IndicatorTarget.objects.select_related("indicator", "province", "district").order_by(
        "indicator__position", "-year", "province__name", "district__name"
    )
    if area.district:
        rows = rows.filter(district=area.district) | rows.filter(province=area.province, district__isnull=True)
    elif area.province:
        rows = rows.filter(province=area.province)
    context = {
        "indicators": list(selectors.Indicator.objects.all()), "targets": rows[:500], "error": error,
        "choices": selectors.areas_choices(user=request.user), "frequencies": Frequency.choices,
        "national": area.province is None, "this_year": timezone.localdate().year, "posted": request.POST,
    }  # fmt: skip
    return render(request, "reports/kpi/targets.html", context, status=400 if error else 200)


@screen(permission=VIEW_DASHBOARD, methods=("POST",))
def refresh(request):
    job = jobs.job_request(actor=request.user, kind="indicators_refresh")
    return redirect(reverse("reports:job_detail", args=[job.pk]))
