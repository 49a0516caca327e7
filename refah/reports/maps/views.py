"""The social risk map screens: the interactive map (SVG, table, legend), its PNG and PDF, and the long report of
every indicator asked for in the background."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation

from refah.common.errors import NotFoundError, PermissionDeniedError, RefahError
from refah.common.views import screen
from refah.reports import jobs
from refah.reports.maps import document, svg
from refah.reports.maps.indicators import INDICATORS, count_text, figure_text, format_value, indicator_get, period_parse
from refah.reports.maps.selectors import provinces_allowed, risk_map
from refah.reports.roles import VIEW_JOBS, VIEW_RISKMAP


def _riskmap(request):
    return risk_map(
        user=request.user,
        indicator=indicator_get(request.GET.get("indicator") or None),
        period=period_parse(request.GET.get("period") or None),
        province=request.GET.get("province") or None,
        district=request.GET.get("district") or None,
    )


def _query(riskmap, **extra) -> str:
    params = {"indicator": riskmap.indicator.code, "period": f"{riskmap.period:%Y-%m}"}
    params["province"] = riskmap.allowed.province.pcode
    if riskmap.district is not None:
        params["district"] = riskmap.district.pcode
    params.update({k: v for k, v in extra.items() if v is not None})
    return urlencode({k: v for k, v in params.items() if v})


@screen(permission=VIEW_RISKMAP, methods=("GET",))
def risk_map_page(request):
    try:
        riskmap = _riskmap(request)
    except (NotFoundError, PermissionDeniedError):
        raise
    except RefahError as exc:  # a wrong indicator or month: the form again, with the reason
        context = {
            "error": exc.message,
            "indicators": INDICATORS.values(),
            "indicator": None,
            "provinces": provinces_allowed(request.user),
            "period": f"{timezone.localdate():%Y-%m}",
            "max_period": f"{timezone.localdate():%Y-%m}",
        }
        return render(request, "reports/maps/risk_map.html", context, status=400)
    lang = translation.get_language() or "tr"
    fmt = document.fmt_of(riskmap)
    indicator = riskmap.indicator
    if riskmap.district is None:
        drawing = svg.province_svg(
            riskmap, href=lambda pcode: "?" + _query(riskmap, district=pcode), figure_of=document.text_of(riskmap)
        )
    else:
        drawing = svg.tiles_svg(riskmap, figure_of=document.text_of(riskmap))
    rows = [
        {
            "area": area,
            "numerator": (
                ("•" if area.amount_kurus is None else format_value(indicator, area.amount_kurus / 100, lang))
                if indicator.unit == "money"
                else count_text(area.numerator, lang)
            ),
            "paid": count_text(area.numerator, lang),
            "denominator": count_text(area.denominator, lang),
            "figure": figure_text(indicator, area, lang),
            "colour": riskmap.colour(area),
            "link": "?" + _query(riskmap, district=area.key) if riskmap.district is None else "",
        }
        for area in [*riskmap.areas, *([riskmap.total] if riskmap.total else [])]
    ]
    context = {
        "riskmap": riskmap,
        "indicator": indicator,
        "indicators": INDICATORS.values(),
        "provinces": provinces_allowed(request.user),
        "drawing": drawing,
        "rows": rows,
        "legend": [(colour, fmt(low), fmt(high)) for colour, low, high in riskmap.scale.legend()],
        "period": f"{riskmap.period:%Y-%m}",
        "max_period": f"{timezone.localdate():%Y-%m}",
        "query": _query(riskmap),
        "province_query": _query(riskmap, district=None) if riskmap.district is None else "",
        "back": "?"
        + urlencode(
            {
                "indicator": indicator.code,
                "period": f"{riskmap.period:%Y-%m}",
                "province": riskmap.allowed.province.pcode,
            }
        ),
        "note": document.suppression_note(),
        "can_jobs": request.user.has_perm(VIEW_JOBS),
    }
    return render(request, "reports/maps/risk_map.html", context)


def _filename(riskmap, ext: str) -> str:
    place = riskmap.district.pcode if riskmap.district else riskmap.allowed.province.pcode
    return f"risk-map-{riskmap.indicator.code}-{place}-{riskmap.period:%Y-%m}.{ext}"


def _refused(exc: RefahError) -> HttpResponse:
    return HttpResponse(str(exc.message), status=400, content_type="text/plain; charset=utf-8")


def _download(request, ext: str, content_type: str, render) -> HttpResponse:
    """The map of the request as a file (`render(riskmap)` → bytes); a bad parameter is a 400 with its reason."""
    try:
        riskmap = _riskmap(request)
    except (NotFoundError, PermissionDeniedError):
        raise
    except RefahError as exc:
        return _refused(exc)
    response = HttpResponse(render(riskmap), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{_filename(riskmap, ext)}"'
    return response


@screen(permission=VIEW_RISKMAP, methods=("GET",))
def risk_map_png(request):
    return _download(request, "png", "image/png", document.png_of)


@screen(permission=VIEW_RISKMAP, methods=("GET",))
def risk_map_pdf(request):
    return _download(request, "pdf", "application/pdf", lambda riskmap: document.pdf_of([riskmap]))


@screen(permission=VIEW_RISKMAP, methods=("POST",))
def risk_map_job(request):
    kind = "risk_map_png" if request.POST.get("format") == "png" else "risk_map_pdf"
    params = {key: request.POST.get(key, "") for key in ("province", "district", "period")}
    try:
        job = jobs.job_request(actor=request.user, kind=kind, params=params)
    except (NotFoundError, PermissionDeniedError):
        raise
    except RefahError as exc:
        return _refused(exc)
    return redirect("reports:job_detail", job_id=job.pk)
