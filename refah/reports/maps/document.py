"""The risk maps as files: a PDF of one page per map (the map, its legend and the table of the same figures), a
PNG of one map, and the long reports "risk_map_pdf" / "risk_map_png" (a whole province, or one district's
neighbourhoods, with every indicator; progress per indicator)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from fpdf import FPDF

from refah.common.errors import ERR_NO_PERMISSION, PermissionDeniedError, RefahError
from refah.geo.models import District, Province
from refah.reports.jobs import Progress, ReportFile, ReportKind
from refah.reports.maps.counting import Reader
from refah.reports.maps.indicators import (
    INDICATORS,
    count_text,
    figure_text,
    format_value,
    period_parse,
    province_figures,
)
from refah.reports.maps.pdf import draw_choropleth, draw_tiles
from refah.reports.maps.png import risk_map_png
from refah.reports.maps.selectors import RiskMap, area_allowed, compose, whole_province
from refah.reports.roles import VIEW_RISKMAP

FONT = "DejaVu"
FONT_DIR = Path(__file__).resolve().parents[2] / "common" / "fonts"


def _lang() -> str:
    return translation.get_language() or "tr"


def title_of(riskmap: RiskMap) -> str:
    place = riskmap.district.name if riskmap.district else riskmap.allowed.province.name
    return f"{riskmap.indicator.label} — {place}, {riskmap.period:%m.%Y}"


def legend_title(riskmap: RiskMap) -> str:
    return f"{riskmap.indicator.label} ({riskmap.indicator.numerator} / {riskmap.indicator.denominator})"


def fmt_of(riskmap: RiskMap):
    lang = _lang()
    return lambda value: "•" if value is None else format_value(riskmap.indicator, value, lang)


def text_of(riskmap: RiskMap):
    lang = _lang()
    return lambda area: figure_text(riskmap.indicator, area, lang)


def png_of(riskmap: RiskMap) -> bytes:
    return risk_map_png(
        riskmap, title=title_of(riskmap), legend_title=legend_title(riskmap), fmt=fmt_of(riskmap), text=text_of(riskmap)
    )


def _new_pdf() -> FPDF:
    pdf = FPDF(format="A4")
    pdf.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=15)
    return pdf


def _page(pdf: FPDF, riskmap: RiskMap) -> None:
    lang = _lang()
    indicator = riskmap.indicator
    pdf.add_page()
    pdf.set_font(FONT, "B", 13)
    pdf.multi_cell(0, 7, f"{_('Social risk map')}: {title_of(riskmap)}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 8)
    pdf.multi_cell(0, 4, str(indicator.definition), new_x="LMARGIN", new_y="NEXT")
    if riskmap.figures.cutoff is not None:
        pdf.multi_cell(
            0,
            4,
            _("Need cut-off: %(cutoff)s") % {"cutoff": f"{riskmap.figures.cutoff:g}"},
            new_x="LMARGIN",
            new_y="NEXT",
        )
    top = pdf.get_y() + 2
    figures = {a.key: figure_text(indicator, a, lang) for a in riskmap.areas}
    if riskmap.district is None:
        values = {a.key: None if a.value is None else float(a.value) for a in riskmap.areas}
        for shape in riskmap.shapes:
            figures.setdefault(shape.pcode, "—")
        draw_choropleth(
            pdf,
            shapes=riskmap.shapes,
            values=values,
            labels={s.pcode: s.name for s in riskmap.shapes},
            x=15,
            y=top,
            w=180,
            h=120,
            legend_title=legend_title(riskmap),
            fmt=fmt_of(riskmap),
            figures=figures,
        )
        pdf.set_y(top + 124)
    else:
        heading = _("%(district)s: neighbourhoods (schematic, not to scale)") % {"district": riskmap.district.name}
        colours = {a.key: riskmap.colour(a) for a in riskmap.areas}
        height = draw_tiles(
            pdf, tiles=riskmap.tiles(176, gap=1.5), colours=colours, figures=figures, title=heading, x=17, y=top, w=176
        )
        pdf.set_y(top + height + 2)
        pdf.set_font(FONT, "", 7)
        fmt = fmt_of(riskmap)
        classes = "  ".join(f"{fmt(low)}–{fmt(high)}" for _c, low, high in riskmap.scale.legend())
        pdf.multi_cell(0, 4, f"{legend_title(riskmap)}: {classes}", new_x="LMARGIN", new_y="NEXT")
        pdf.multi_cell(
            0,
            4,
            _("Neighbourhoods have no boundaries in the reference data: equal squares in name order."),
            new_x="LMARGIN",
            new_y="NEXT",
        )
    _table(pdf, riskmap, lang)


def _table(pdf: FPDF, riskmap: RiskMap, lang: str) -> None:
    indicator = riskmap.indicator
    widths = (62, 40, 40, 38)
    pdf.ln(2)
    pdf.set_font(FONT, "B", 8)
    heads = (_("Area"), str(indicator.numerator), str(indicator.denominator), str(indicator.label))
    for width, head in zip(widths, heads, strict=True):
        pdf.multi_cell(width, 4, head, border=1, new_x="RIGHT", new_y="TOP", max_line_height=4)
    pdf.ln(8)
    rows = [*riskmap.areas, *([riskmap.total] if riskmap.total else [])]
    for area in rows:
        pdf.set_font(FONT, "B" if area is riskmap.total else "", 8)
        if indicator.unit == "money":
            numerator = "•" if area.amount_kurus is None else format_value(indicator, area.amount_kurus / 100, lang)
        else:
            numerator = count_text(area.numerator, lang)
        cells = (area.name, numerator, count_text(area.denominator, lang), figure_text(indicator, area, lang))
        for i, (width, text) in enumerate(zip(widths, cells, strict=True)):
            pdf.cell(width, 5, text, border=1, align="L" if i == 0 else "R")
        pdf.ln(5)
    pdf.set_font(FONT, "", 7)
    pdf.multi_cell(0, 4, suppression_note(), new_x="LMARGIN", new_y="NEXT")


def suppression_note() -> str:
    return _("•: hidden — fewer than 5, or hidden so that it cannot be derived from the totals.")


def pdf_of(riskmaps: list[RiskMap]) -> bytes:
    pdf = _new_pdf()
    for riskmap in riskmaps:
        _page(pdf, riskmap)
    return bytes(pdf.output())


# ------------------------------------------------------------------------------------------------ long reports


def _clean(user, params: dict) -> dict:
    """A province (P-code) or one district (P-code) in the user's jurisdiction, and a month."""
    if not user.has_perm(VIEW_RISKMAP):
        raise PermissionDeniedError(ERR_NO_PERMISSION)
    province = str(params.get("province") or "") or None
    district = str(params.get("district") or "") or None
    period = period_parse(str(params.get("period") or "") or None)
    allowed, chosen = area_allowed(user, province=province, district=district)
    if chosen is None and not allowed.whole_province:
        raise RefahError(_("Choose your district: a province's map needs the whole province."), field="district")
    cleaned = {"province": allowed.province.pcode, "period": f"{period:%Y-%m}"}
    if chosen is not None:
        cleaned["district"] = chosen.pcode
    return cleaned


def _maps(params: dict, progress: Progress):
    province = Province.objects.get(pcode=params["province"])
    district = District.objects.get(pcode=params["district"]) if params.get("district") else None
    period = period_parse(params["period"])
    allowed, reader = whole_province(province), Reader(province.pk, period)
    count = len(INDICATORS)
    for i, indicator in enumerate(INDICATORS.values()):
        progress(int(90 * i / count), str(indicator.label))
        yield compose(province_figures(province, indicator, period, reader=reader), allowed, district)


def _name(params: dict) -> str:
    return f"risk-maps-{params.get('district') or params['province']}-{params['period']}"


def _make_pdf(params: dict, progress: Progress) -> ReportFile:
    data = pdf_of(list(_maps(params, progress)))
    return ReportFile(f"{_name(params)}.pdf", "application/pdf", data)


def _make_png(params: dict, progress: Progress) -> ReportFile:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for riskmap in _maps(params, progress):
            archive.writestr(f"{_name(params)}-{riskmap.indicator.code}.png", png_of(riskmap))
    return ReportFile(f"{_name(params)}.zip", "application/zip", out.getvalue())


RISK_MAP_PDF = ReportKind(
    "risk_map_pdf", gettext_lazy("Social risk maps (PDF, every indicator)"), VIEW_RISKMAP, _clean, _make_pdf
)
RISK_MAP_PNG = ReportKind(
    "risk_map_png", gettext_lazy("Social risk maps (PNG images, every indicator)"), VIEW_RISKMAP, _clean, _make_png
)
