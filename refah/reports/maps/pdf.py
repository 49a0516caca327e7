"""A choropleth of districts drawn into an fpdf2 page (vector: the names and legend figures stay text, so a test
reads them back from the PDF): the province booklet's map and the risk maps' PDF use it."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from fpdf import FPDF

from refah.reports.maps.geometry import CREDIT, Frame, Shape, label_point
from refah.reports.maps.scale import OUTLINE, Scale, hex_rgb


def _area(shape: Shape) -> float:
    x0, y0, x1, y1 = shape.bbox()
    return (x1 - x0) * (y1 - y0)


def draw_choropleth(
    pdf: FPDF,
    *,
    shapes: list[Shape],
    values: Mapping[str, float | None],
    labels: Mapping[str, str],
    x: float,
    y: float,
    w: float,
    h: float,
    legend_title: str,
    fmt: Callable[[float], str] = lambda v: f"{v:.1f}",
    no_value_label: str = "—",
    font: str = "DejaVu",
    figures: Mapping[str, str] | None = None,
) -> Scale:
    """Draw `shapes` coloured by `values` (by P-code; None = no figure) in the box (x, y, w, h) in the page's units,
    each named by `labels` with its figure (or the text `figures` gives for its P-code: a hidden cell's "•"), a
    legend of the classes under it and the boundaries' credit; the scale."""
    legend_h = 14.0
    frame = Frame.fit(shapes, w, h - legend_h, margin=2.0)
    scale = Scale.of(values.get(s.pcode) for s in shapes)
    pdf.set_draw_color(*hex_rgb(OUTLINE))
    pdf.set_line_width(0.2)
    for shape in sorted(shapes, key=_area, reverse=True):  # an enclave is drawn over the district around it
        pdf.set_fill_color(*hex_rgb(scale.colour(values.get(shape.pcode))))
        for polygon in shape.polygons:
            outer = [(x + px, y + py) for px, py in (frame.point(lon, lat) for lon, lat in polygon[0])]
            pdf.polygon(outer, style="DF")
    pdf.set_text_color(0, 0, 0)
    for shape in shapes:
        lx, ly = label_point(shape, frame)
        value = values.get(shape.pcode)
        pdf.set_font(font, "B", 7)
        text = labels.get(shape.pcode, shape.name)
        pdf.text(x + lx - pdf.get_string_width(text) / 2, y + ly, text)
        pdf.set_font(font, "", 7)
        figure = no_value_label if value is None else fmt(value)
        if figures is not None and shape.pcode in figures:
            figure = figures[shape.pcode]
        pdf.text(x + lx - pdf.get_string_width(figure) / 2, y + ly + 3.2, figure)
    # legend
    top = y + h - legend_h + 2
    pdf.set_font(font, "", 7)
    pdf.text(x, top + 2, legend_title)
    box = min(22.0, (w - 4) / len(scale.legend()))
    for i, (colour, low, high) in enumerate(scale.legend()):
        pdf.set_fill_color(*hex_rgb(colour))
        pdf.rect(x + i * box, top + 3.5, box, 3.5, style="DF")
        pdf.text(x + i * box, top + 10, f"{fmt(low)}–{fmt(high)}")
    pdf.set_font(font, "", 5.5)
    pdf.set_text_color(90, 90, 90)
    pdf.text(x, y + h + 1, CREDIT)
    pdf.set_text_color(0, 0, 0)
    return scale


def draw_tiles(
    pdf: FPDF,
    *,
    tiles: list,
    colours: Mapping[str, str],
    figures: Mapping[str, str],
    title: str,
    x: float,
    y: float,
    w: float,
    font: str = "DejaVu",
) -> float:
    """A schematic tile map (the neighbourhoods, which have no boundaries): `tiles` (selectors.Tile, laid out `w`
    wide) inside a frame titled `title`, each square coloured and labelled with its name and figure; the height."""
    height = 9 + max((t.y + t.size for t in tiles), default=0.0) + 3
    pdf.set_draw_color(*hex_rgb(OUTLINE))
    pdf.set_line_width(0.2)
    pdf.rect(x - 2, y, w + 4, height)
    pdf.set_font(font, "B", 8)
    pdf.text(x, y + 5, title)
    for tile in tiles:
        key = tile.area.key
        left, top, size = x + tile.x, y + 8 + tile.y, tile.size
        pdf.set_fill_color(*hex_rgb(colours.get(key, "#d9d9d9")))
        pdf.rect(left, top, size, size, style="DF")
        points = max(4.0, min(7.0, size * 0.9))
        pdf.set_font(font, "", points)
        name = tile.area.name
        while len(name) > 2 and pdf.get_string_width(name) > size - 1:
            name = name[:-2] + "…"
        pdf.text(left + (size - pdf.get_string_width(name)) / 2, top + size / 2 - 0.5, name)
        pdf.set_font(font, "B", points)
        figure = figures.get(key, "—")
        pdf.text(left + (size - pdf.get_string_width(figure)) / 2, top + size / 2 + points * 0.45, figure)
    return height
