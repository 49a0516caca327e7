"""The risk map as inline SVG for the screen: each district a focusable link named with its figure (its P-code in
`data-pcode`), or a district's neighbourhoods as a schematic tile map (no boundaries exist for them). No script:
each area's `<title>` is its tooltip, its `aria-label` what a screen reader says, and the table beside repeats it."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from refah.reports.maps.geometry import Frame, label_point
from refah.reports.maps.scale import NO_VALUE, OUTLINE
from refah.reports.maps.selectors import RiskMap

WIDTH, HEIGHT = 640.0, 480.0
OUTSIDE = "#f4f4f4"


def _path(rings) -> str:
    return " ".join("M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in ring) + " Z" for ring in rings)


def province_svg(riskmap: RiskMap, *, href: Callable[[str], str], figure_of: Callable) -> SafeString:
    """The province's districts coloured by the figure; outside the user's jurisdiction drawn pale, without one."""
    shapes = riskmap.shapes
    frame = Frame.fit(shapes, WIDTH, HEIGHT, margin=8)
    by_key = {a.key: a for a in riskmap.areas}
    title = f"{riskmap.indicator.label} — {riskmap.allowed.province.name}"
    parts = [
        f'<svg class="riskmap-svg" viewBox="0 0 {WIDTH:.0f} {HEIGHT:.0f}" role="group" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
    ]
    labels = []
    for shape in shapes:
        area = by_key.get(shape.pcode)
        d = _path(frame.rings(shape))
        if area is None:
            outside = _("outside your jurisdiction")
            text = f"{shape.name}: {outside}"
            parts.append(
                f'<path d="{d}" fill="{OUTSIDE}" stroke="#bdbdbd" stroke-width="0.8" fill-rule="evenodd" '
                f'data-pcode="{shape.pcode}"><title>{escape(text)}</title></path>'
            )
            continue
        figure = figure_of(area)
        text = f"{shape.name}: {figure}"
        parts.append(
            f'<a href="{escape(href(shape.pcode))}" class="riskmap-area" aria-label="{escape(text)}" '
            f'data-pcode="{shape.pcode}" data-value="{escape(figure)}"><title>{escape(text)}</title>'
            f'<path d="{d}" fill="{riskmap.colour(area)}" stroke="{OUTLINE}" stroke-width="0.8" '
            'fill-rule="evenodd"/></a>'
        )
        x, y = label_point(shape, frame)
        labels.append(
            f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle" class="riskmap-label">'
            f'<tspan x="{x:.1f}" font-weight="bold">{escape(shape.name)}</tspan>'
            f'<tspan x="{x:.1f}" dy="1.2em">{escape(figure)}</tspan></text>'
        )
    parts.append(f'<g aria-hidden="true" pointer-events="none">{"".join(labels)}</g></svg>')
    return mark_safe("".join(parts))  # noqa: S308 — every text above is escaped


def tiles_svg(riskmap: RiskMap, *, figure_of: Callable) -> SafeString:
    """The district's neighbourhoods as equal squares in name order, inside a frame titled with the district; each
    tile links to its row of the table."""
    width, top, pad = WIDTH, 34.0, 10.0
    tiles = riskmap.tiles(width - 2 * pad)
    height = top + pad + (max((t.y + t.size for t in tiles), default=0.0)) + pad
    name = riskmap.district.name if riskmap.district else ""
    heading = _("%(district)s: neighbourhoods (schematic, not to scale)") % {"district": name}
    parts = [
        f'<svg class="riskmap-svg" viewBox="0 0 {width:.0f} {height:.0f}" role="group" aria-label="{escape(heading)}" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<rect x="1" y="1" width="{width - 2:.0f}" height="{height - 2:.1f}" fill="none" stroke="{OUTLINE}"/>',
        f'<text x="{pad}" y="22" class="riskmap-title" font-weight="bold">{escape(heading)}</text>',
    ]
    for tile in tiles:
        area, x, y, s = tile.area, pad + tile.x, top + tile.y, tile.size
        figure = figure_of(area)
        text = f"{area.name}: {figure}"
        short = area.name if len(area.name) <= 10 else area.name[:9] + "…"
        colour = riskmap.colour(area) if area.value is not None else NO_VALUE
        font = max(6.0, min(13.0, s / 7))
        parts.append(
            f'<a href="#area-{area.key}" class="riskmap-area" aria-label="{escape(text)}" '
            f'data-value="{escape(figure)}">'
            f"<title>{escape(text)}</title>"
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{s:.1f}" height="{s:.1f}" fill="{colour}" stroke="{OUTLINE}"/>'
            f'<text x="{x + s / 2:.1f}" y="{y + s / 2 - font * 0.2:.1f}" text-anchor="middle" font-size="{font:.1f}" '
            f'aria-hidden="true">{escape(short)}</text>'
            f'<text x="{x + s / 2:.1f}" y="{y + s / 2 + font:.1f}" text-anchor="middle" font-size="{font:.1f}" '
            f'font-weight="bold" aria-hidden="true">{escape(figure)}</text></a>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text above is escaped
