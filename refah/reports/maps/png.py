"""The risk map as a PNG image (Pillow, DejaVu fonts): title, the districts (or the neighbourhood tiles) coloured
and labelled with their figures, the legend of the classes and the boundaries' credit."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from refah.reports.maps.geometry import CREDIT, Frame, label_point
from refah.reports.maps.scale import NO_VALUE, OUTLINE, hex_rgb
from refah.reports.maps.selectors import RiskMap

FONT_DIR = Path(__file__).resolve().parents[2] / "common" / "fonts"
WIDTH, MAP_HEIGHT = 1200, 860
TOP, LEGEND = 70, 130
OUTSIDE = "#f4f4f4"


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), size)


def _centred(draw: ImageDraw.ImageDraw, x: float, y: float, text: str, font) -> None:
    draw.text((x, y), text, fill=(0, 0, 0), font=font, anchor="mm", stroke_width=2, stroke_fill=(255, 255, 255))


def legend_boxes(width: int = WIDTH) -> list[tuple[int, int, int, int]]:
    """Where the legend's class swatches are drawn (the "no figure" one last): (x0, y0, x1, y1)."""
    top = TOP + MAP_HEIGHT + 40
    box = (width - 80) // 6
    return [(40 + i * box, top, 40 + i * box + box - 10, top + 28) for i in range(6)]


def risk_map_png(riskmap: RiskMap, *, title: str, legend_title: str, fmt: Callable, text: Callable) -> bytes:
    """`fmt` writes a value of the legend, `text` an area's figure ("•" when hidden)."""
    image = Image.new("RGB", (WIDTH, TOP + MAP_HEIGHT + LEGEND), "white")
    draw = ImageDraw.Draw(image)
    draw.text((40, 22), title, fill=(0, 0, 0), font=_font(26, True))
    if riskmap.district is None:
        _districts(draw, riskmap, text)
    else:
        _tiles(draw, riskmap, text)
    boxes = legend_boxes()
    small = _font(16)
    draw.text((40, boxes[0][1] - 26), legend_title, fill=(0, 0, 0), font=small)
    classes = [(colour, f"{fmt(low)} – {fmt(high)}") for colour, low, high in riskmap.scale.legend()]
    for (colour, label), (x0, y0, x1, y1) in zip([*classes, (NO_VALUE, _("hidden or none"))], boxes, strict=True):
        draw.rectangle((x0, y0, x1, y1), fill=hex_rgb(colour), outline=hex_rgb(OUTLINE))
        draw.text((x0, y1 + 6), label, fill=(0, 0, 0), font=_font(14))
    draw.text((40, image.height - 22), CREDIT, fill=(90, 90, 90), font=_font(13))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _districts(draw: ImageDraw.ImageDraw, riskmap: RiskMap, text: Callable) -> None:
    shapes = riskmap.shapes
    frame = Frame.fit(shapes, WIDTH, MAP_HEIGHT, margin=20)
    by_key = {a.key: a for a in riskmap.areas}
    for shape in shapes:
        area = by_key.get(shape.pcode)
        fill = hex_rgb(OUTSIDE if area is None else riskmap.colour(area))
        for polygon in shape.polygons:
            outer = [(x, y + TOP) for x, y in (frame.point(lon, lat) for lon, lat in polygon[0])]
            draw.polygon(outer, fill=fill, outline=hex_rgb(OUTLINE), width=2)
            for hole in polygon[1:]:
                draw.polygon([(x, y + TOP) for x, y in (frame.point(lon, lat) for lon, lat in hole)], fill="white")
    bold, plain = _font(17, True), _font(16)
    for shape in shapes:
        area = by_key.get(shape.pcode)
        x, y = label_point(shape, frame)
        _centred(draw, x, y + TOP - 10, shape.name, bold)
        _centred(draw, x, y + TOP + 12, "—" if area is None else text(area), plain)


def _tiles(draw: ImageDraw.ImageDraw, riskmap: RiskMap, text: Callable) -> None:
    pad = 40
    tiles = riskmap.tiles(WIDTH - 2 * pad, gap=6)
    bottom = max((t.y + t.size for t in tiles), default=0)
    scale = min(1.0, (MAP_HEIGHT - 60) / bottom) if bottom else 1.0
    draw.rectangle((20, TOP, WIDTH - 20, TOP + MAP_HEIGHT), outline=hex_rgb(OUTLINE), width=2)
    heading = _("%(district)s: neighbourhoods (schematic, not to scale)") % {"district": riskmap.district.name}
    draw.text((pad, TOP + 12), heading, fill=(0, 0, 0), font=_font(18, True))
    for tile in tiles:
        s = tile.size * scale
        x, y = pad + tile.x * scale, TOP + 50 + tile.y * scale
        area = tile.area
        colour = NO_VALUE if area.value is None else riskmap.colour(area)
        draw.rectangle((x, y, x + s, y + s), fill=hex_rgb(colour), outline=hex_rgb(OUTLINE), width=1)
        size = int(max(9, min(16, s / 7)))
        font = _font(size)
        name = area.name
        while len(name) > 2 and font.getlength(name) > s - 8:
            name = name[:-2] + "…"
        _centred(draw, x + s / 2, y + s / 2 - size * 0.6, name, font)
        _centred(draw, x + s / 2, y + s / 2 + size * 0.8, text(area), _font(size, True))
