"""Recompute the indicators' snapshot (IndicatorFigure) from the data: daily by the timer
`reports_refresh_indicators`, and on demand as the background report "indicators_refresh" (progress per indicator).

The years refreshed are the last REFAH_KPI_YEARS (default 5) up to the current one; the snapshot of those years is
replaced as a whole in one transaction, so the dashboard never shows half a refresh."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from refah.reports.jobs import ReportFile, ReportKind
from refah.reports.kpi import figures
from refah.reports.kpi.models import Indicator, IndicatorFigure
from refah.reports.roles import VIEW_DASHBOARD

Progress = Callable[[int, str], None]


def refresh_years(as_of: dt.date) -> range:
    span = int(getattr(settings, "REFAH_KPI_YEARS", 5))
    return range(as_of.year - span + 1, as_of.year + 1)


def indicators_refresh(*, as_of: dt.date | None = None, progress: Progress | None = None) -> int:
    """Compute every indicator for the refreshed years and replace their snapshot; the number of figures stored."""
    as_of = as_of or timezone.localdate()
    years = refresh_years(as_of)
    progress = progress or (lambda percent, stage: None)
    indicators = {i.code: i for i in Indicator.objects.all()}
    units = {code: i.unit for code, i in indicators.items()}
    steps = [*figures.ADDITIVE.items(), ("decisions", None), ("surveys", None)]
    parts: list[figures.Part] = []
    found: list[figures.Figure] = []
    for index, (code, compute) in enumerate(steps):
        name = (
            indicators[code].label
            if code in indicators
            else _g("Decision times")
            if code == "decisions"
            else _g("Surveys")
        )
        progress(int(90 * index / len(steps)), str(name))
        if code == "decisions":
            shares, medians = figures.decisions(years, as_of)
            parts += shares
            found += medians
        elif code == "surveys":
            found += figures.surveys(years, as_of)
        else:
            parts += compute(years, as_of)
    found += figures.rollup(parts, {**units, **{c: "percent" for c in figures.ADDITIVE if c not in units}})
    progress(92, _g("Saving the figures"))
    now = timezone.now()
    rows = [
        IndicatorFigure(
            indicator=indicators[f.code],
            year=f.year,
            month=f.month,
            province_id=f.province_id,
            district_id=f.district_id,
            value=f.value,
            numerator=f.numerator,
            denominator=f.denominator,
            n=f.n,
            margin=f.margin,
            computed_at=now,
        )
        for f in found
        if f.code in indicators
    ]
    with transaction.atomic():
        IndicatorFigure.objects.filter(year__gte=years.start, year__lt=years.stop).delete()
        IndicatorFigure.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def last_computed() -> dt.datetime | None:
    latest = IndicatorFigure.objects.order_by("-computed_at").values_list("computed_at", flat=True).first()
    return latest


# ------------------------------------------------------------------------------------------------ the job


def _clean(user, params: dict) -> dict:
    return {}


def _make(params: dict, progress: Progress) -> ReportFile:
    stored = indicators_refresh(progress=progress)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_g("Indicator"), _g("Year"), _g("Value"), _g("Numerator"), _g("Denominator")])
    national = IndicatorFigure.objects.filter(province__isnull=True, month=0).select_related("indicator")
    for figure in national.order_by("indicator__position", "year"):
        writer.writerow([figure.indicator.label, figure.year, figure.value, figure.numerator, figure.denominator])
    writer.writerow([])
    writer.writerow([_g("Figures stored"), stored])
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return ReportFile(f"indicators-{stamp}.csv", "text/csv; charset=utf-8", out.getvalue().encode("utf-8"))


INDICATORS_REFRESH = ReportKind(
    code="indicators_refresh",
    label=_("Indicators recomputed"),
    permission=VIEW_DASHBOARD,
    clean=_clean,
    make=_make,
)
