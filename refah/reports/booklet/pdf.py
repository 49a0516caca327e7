"""The province booklet as an A4 PDF (fpdf2, DejaVu): cover, contents, one section per area with its text, tables
and a bar chart drawn as vectors (the figures are text on the bars), the province map, and the methods page.

Everything written is text (tests read the figures back); the same data and production day give the same bytes
(the PDF's creation date is the production day, not the clock)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.fonts import FontFace

from refah.common.money import format_tl
from refah.reports.booklet.figures import Booklet, Section, Table
from refah.reports.maps.geometry import CREDIT, province_shapes
from refah.reports.maps.pdf import draw_choropleth
from refah.reports.suppression import ALL, default_threshold

FONT = "DejaVu"
FONT_DIR = Path(__file__).resolve().parents[2] / "common" / "fonts"
HIDDEN = "•"
BAR = (37, 99, 235)
MAX_COLUMNS = 6  # data columns per block of a table; a wider table continues in another block below


def lang() -> str:
    return "en" if (get_language() or "tr").startswith("en") else "tr"


def fmt_count(value: int | None) -> str:
    if value is None:
        return HIDDEN
    text = f"{int(value):,}"
    return text.replace(",", ".") if lang() == "tr" else text


def fmt_money(kurus: int | None) -> str:
    return HIDDEN if kurus is None else format_tl(int(kurus), lang())


def fmt_rate(value: float) -> str:
    text = f"{value:,.1f}"
    if lang() == "tr":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def fmt_date(day: dt.date) -> str:
    return formats.date_format(day, "j F Y")


class BookletPDF(FPDF):
    def __init__(self, booklet: Booklet):
        super().__init__(format="A4")
        self.booklet = booklet
        self.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(auto=True, margin=18)
        self.set_title(self.title_text())
        self.set_author("Refah")
        self.set_lang(lang())

    def title_text(self) -> str:
        return _("%(province)s province booklet %(year)s") % {
            "province": self.booklet.province.name,
            "year": self.booklet.year,
        }

    def footer(self):
        if self.page_no() == 1:
            return
        self.set_y(-12)
        self.set_font(FONT, "", 7)
        self.set_text_color(110, 110, 110)
        self.cell(0, 5, f"{self.title_text()} — {self.page_no()}", align="C")
        self.set_text_color(0, 0, 0)


def _heading(pdf: FPDF, text: str, size: float = 13) -> None:
    pdf.set_font(FONT, "B", size)
    pdf.multi_cell(0, size * 0.55, text, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(1.5)
    pdf.set_font(FONT, "", 9)


def _para(pdf: FPDF, text: str, size: float = 9) -> None:
    pdf.set_font(FONT, "", size)
    pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(1.5)


def _cover(pdf: BookletPDF, booklet: Booklet, produced: dt.date) -> None:
    pdf.add_page()
    pdf.set_y(70)
    pdf.set_font(FONT, "B", 26)
    pdf.multi_cell(0, 13, booklet.province.name, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "B", 18)
    pdf.multi_cell(
        0, 10, _("Province booklet %(year)s") % {"year": booklet.year}, align="C", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.ln(6)
    pdf.set_font(FONT, "", 11)
    pdf.multi_cell(
        0,
        6,
        _("Social assistance and social services in figures"),
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(30)
    pdf.set_font(FONT, "", 10)
    pdf.multi_cell(
        0,
        5.5,
        _("Computed from Refah's records on %(day)s, for the year %(year)s (records up to %(until)s).")
        % {"day": fmt_date(produced), "year": booklet.year, "until": fmt_date(booklet.data_until)},
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.multi_cell(
        0, 5.5, _("Date of production: %(day)s") % {"day": fmt_date(produced)}, align="C", new_x="LMARGIN", new_y="NEXT"
    )


def _contents(pdf: FPDF, outline) -> None:
    pdf.set_y(20)
    _heading(pdf, _("Contents"), 16)
    pdf.set_font(FONT, "", 11)
    for entry in outline:
        if entry.level:
            continue
        pdf.cell(160, 8, entry.name)
        pdf.cell(0, 8, str(entry.page_number), align="R", new_x="LMARGIN", new_y="NEXT")


def _blocks(table: Table) -> list[list[tuple[object, str]]]:
    width = MAX_COLUMNS // 2 if table.amounts is not None else MAX_COLUMNS
    cols = table.columns
    return [cols[i : i + width] for i in range(0, len(cols), width)] or [[]]


def _table(pdf: FPDF, table: Table) -> None:
    if pdf.get_y() + min(60, 12 + 6 * (len(table.rows) + 2)) > pdf.h - pdf.b_margin:  # title with its table
        pdf.add_page()
    pdf.set_font(FONT, "B", 9.5)
    pdf.multi_cell(0, 5, table.title, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(0.5)
    for block in _blocks(table):
        headings = [_("District")]
        for code, label in block:
            if table.amounts is not None and _has_money(table, code):
                headings += [f"{label}: {table.count_label or _('households')}", f"{label}: {_('amount')}"]
            else:
                headings.append(label)
        first = 34
        rest = min(32.0, (pdf.epw - first) / max(1, len(headings) - 1))
        pdf.set_font(FONT, "", 7.5)
        with pdf.table(
            col_widths=(first, *([rest] * (len(headings) - 1))),
            width=first + rest * (len(headings) - 1),
            align="LEFT",
            text_align=("LEFT", *(["RIGHT"] * (len(headings) - 1))),
            headings_style=FontFace(emphasis="BOLD", fill_color=(235, 238, 245)),
            line_height=4,
            padding=0.8,
        ) as grid:
            row = grid.row()
            for heading in headings:
                row.cell(heading)
            for key, label in table.rows:
                row = grid.row()
                row.cell(label, style=FontFace(emphasis="BOLD") if key == ALL else None)
                for code, _label in block:
                    row.cell(fmt_count(table.value(key, code)))
                    if table.amounts is not None and _has_money(table, code):
                        row.cell(fmt_money(table.amount(key, code)))
        pdf.ln(2)
    if table.note:
        pdf.set_font(FONT, "", 7)
        pdf.multi_cell(0, 3.5, table.note, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(2)


def _has_money(table: Table, code) -> bool:
    return table.amounts is not None and (ALL, code) in table.amounts


def _legend(pdf: FPDF) -> None:
    pdf.set_font(FONT, "", 7)
    pdf.set_text_color(80, 80, 80)
    pdf.multi_cell(
        0,
        3.5,
        _("%(mark)s  hidden: fewer than %(threshold)s, or hidden so that it cannot be derived from the other figures.")
        % {"mark": HIDDEN, "threshold": default_threshold()},
        new_x="LMARGIN",
        new_y="NEXT",
        align="L",
    )
    pdf.set_text_color(0, 0, 0)
    pdf.ln(2)


def bar_items(table: Table, booklet: Booklet) -> tuple[str, list[tuple[str, int | None]]]:
    """What a section's chart shows: a kinds table's province totals per kind, or a series table's first figure
    per district."""
    if len(table.columns) > 1 and (table.total_column or table.key in ("programs", "elderly_programs")):
        items = [(label, table.value(ALL, code)) for code, label in table.columns if code != ALL]
        return _("%(title)s — province") % {"title": table.title}, items
    code, label = table.columns[0]
    items = [(name, table.value(key, code)) for key, name in table.rows if key != ALL]
    return f"{table.title}: {label}", items


def _bar_chart(pdf: FPDF, title: str, items: list[tuple[str, int | None]]) -> None:
    """Horizontal bars drawn as rectangles, each figure written at the bar's end ("•" for a hidden one)."""
    if not items:
        return
    row_h, label_w = 5.5, 60
    need = 8 + row_h * len(items)
    if pdf.get_y() + need > pdf.h - pdf.b_margin:
        pdf.add_page()
    pdf.set_font(FONT, "B", 9)
    pdf.multi_cell(0, 5, title, new_x="LMARGIN", new_y="NEXT", align="L")
    top = pdf.get_y() + 1
    shown = [v for _label, v in items if v]
    largest = max(shown) if shown else 1
    span = pdf.epw - label_w - 30
    pdf.set_font(FONT, "", 7.5)
    for i, (label, value) in enumerate(items):
        y = top + i * row_h
        text = label if pdf.get_string_width(label) <= label_w - 2 else _shorten(pdf, label, label_w - 2)
        pdf.text(pdf.l_margin, y + 3.6, text)
        x = pdf.l_margin + label_w
        length = 0.0 if not value else max(0.6, span * value / largest)
        if length:
            pdf.set_fill_color(*BAR)
            pdf.rect(x, y + 0.8, length, row_h - 1.6, style="F")
        pdf.text(x + length + 1.5, y + 3.6, fmt_count(value))
    pdf.set_fill_color(255, 255, 255)
    pdf.set_y(top + row_h * len(items) + 3)


def _shorten(pdf: FPDF, text: str, width: float) -> str:
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text + "…"


def _section(pdf: FPDF, booklet: Booklet, section: Section, *, new_page: bool = True) -> None:
    if new_page:
        pdf.add_page()
    pdf.start_section(section.title)
    _heading(pdf, section.title, 15)
    _para(pdf, section.text, 9.5)
    if section.facts:
        pdf.set_font(FONT, "", 9)
        for label, value in section.facts:
            pdf.set_font(FONT, "B", 9)
            pdf.cell(110, 5, label)
            pdf.set_font(FONT, "", 9)
            pdf.cell(0, 5, value, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    for note in section.notes:
        _para(pdf, note, 8.5)
    if section.tables:
        title, items = bar_items(section.tables[0], booklet)
        _bar_chart(pdf, title, items)
    for table in section.tables:
        _table(pdf, table)
    if any(t.has_hidden for t in section.tables):
        _legend(pdf)


def _map(pdf: FPDF, booklet: Booklet) -> None:
    shapes = province_shapes(booklet.province.pcode)
    pdf.add_page()
    pdf.start_section(_("Map: households helped"))
    _heading(pdf, _("Households helped per 1,000 households in the registry, by district"), 13)
    if not shapes:
        _para(pdf, _("No district boundaries are available for this province."))
        return
    labels = {d.pcode: d.name for d in booklet.districts}
    top = pdf.get_y() + 2
    draw_choropleth(
        pdf,
        shapes=shapes,
        values=booklet.map_values,
        labels=labels,
        x=pdf.l_margin,
        y=top,
        w=pdf.epw,
        h=150,
        legend_title=_("Households helped per 1,000 households (grey: no figure, or hidden)"),
        fmt=fmt_rate,
        font=FONT,
    )
    pdf.set_fill_color(255, 255, 255)
    pdf.set_y(top + 156)
    pdf.set_font(FONT, "", 8)
    with pdf.table(
        col_widths=(60, 40), width=100, align="LEFT", text_align=("LEFT", "RIGHT"), line_height=4, padding=0.8
    ) as grid:
        row = grid.row()
        row.cell(_("District"))
        row.cell(_("Per 1,000 households"))
        for d in booklet.districts:
            row = grid.row()
            row.cell(d.name)
            value = booklet.map_values.get(d.pcode)
            row.cell(HIDDEN if value is None else fmt_rate(value))


def _methods(pdf: FPDF, booklet: Booklet) -> None:
    pdf.add_page()
    pdf.start_section(_("Methods and sources"))
    _heading(pdf, _("Methods and sources"), 15)
    year = booklet.year
    items = [
        (
            _("Households helped"),
            _(
                "Households of the province with at least one aid entitlement for a month of %(year)s that was "
                "paid (its latest payment line paid, or credited to the aid card) or delivered in kind. Amounts are "
                "the paid entitlements of money programs, in Turkish lira."
            )
            % {"year": year},
        ),
        (
            _("Map"),
            _(
                "Households helped per 1,000 households registered in the district (the registry's households "
                "of the district when the booklet is made)."
            ),
        ),
        (
            _("Applications and decisions"),
            _(
                "Applications registered in the year; decisions of the boards of trustees taken in the year, "
                "one per program decided."
            ),
        ),
        (
            _("SHM cases"),
            _(
                "Social work cases of the province's households: opened and closed in the year, and open on "
                "31 December."
            ),
        ),
        (
            _("ASDEP"),
            _("Household visits of the year where the team met the family, and the distinct households visited."),
        ),
        (
            _("Referrals"),
            _(
                "Referrals of the province's households made in the year, by the kind of service; referrals to the "
                "sealed women's protection services are not recorded here and not counted."
            ),
        ),
        (
            _("Children and care"),
            _(
                "Decisions taken in the year; children and adults in an institution or with a foster family on "
                "31 December, by the district of their family's household; adoptions decided by the court in the "
                "year; SED as households paid."
            ),
        ),
        (
            _("Martyrs' relatives and veterans"),
            _(
                "Records of martyrs' relatives and veterans whose event falls on or before 31 December; free travel "
                "cards issued in the year."
            ),
        ),
        (
            _("Other givers"),
            _("Aid records that municipalities, NGOs and other bodies reported to the system, given in the year."),
        ),
        (
            _("Offices and institutions"),
            _(
                "Social Service Centres, foundations and care institutions registered in the province, with their "
                "places: facts about the services, shown as they are."
            ),
        ),
        (
            _("Small numbers"),
            _(
                "Every count of persons, households or records is checked before it is published: a count from 1 to "
                "%(below)s is hidden (%(mark)s), and so are as many other cells as needed for no hidden count to "
                "be worked out from the totals by subtraction. An amount is hidden with its count."
            )
            % {"below": default_threshold() - 1, "mark": HIDDEN},
        ),
        (
            _("Sources"),
            _(
                "Refah's records: the household registry, applications and board decisions, payments, social work "
                "cases, ASDEP visits, referrals, specialised care services, martyrs' relatives and veterans, and "
                "aid reported by other givers. District boundaries: %(credit)s."
            )
            % {"credit": CREDIT},
        ),
    ]
    for title, text in items:
        pdf.set_font(FONT, "B", 9)
        pdf.multi_cell(0, 4.5, title, new_x="LMARGIN", new_y="NEXT", align="L")
        _para(pdf, text, 8.5)


def render(booklet: Booklet, *, produced: dt.date) -> bytes:
    """The booklet's PDF bytes (in the active language)."""
    pdf = BookletPDF(booklet)
    pdf.set_creation_date(dt.datetime(produced.year, produced.month, produced.day, tzinfo=dt.UTC))
    _cover(pdf, booklet, produced)
    pdf.add_page()
    pdf.insert_toc_placeholder(_contents, pages=1)
    for i, section in enumerate(booklet.sections):
        _section(pdf, booklet, section, new_page=i > 0)  # the contents' placeholder left a new page open
    _map(pdf, booklet)
    _methods(pdf, booklet)
    return bytes(pdf.output())
