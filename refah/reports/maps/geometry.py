"""District boundaries for the maps: read once from the shipped GeoJSON (refah/geo/data/tr-districts.geojson,
provenance in refah/geo/data/PROVENANCE.md — credit it wherever a map is shown) and projected onto a page or
screen box.

Projection: equirectangular with the longitude scaled by cos(mean latitude) of the area shown — at a province's
scale indistinguishable from a conformal projection, and simple enough to reproduce in SVG, PNG and PDF alike.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path

GEOJSON = Path(__file__).resolve().parents[2] / "geo" / "data" / "tr-districts.geojson"
CREDIT = "OCHA COD-AB Türkiye (ADM2), via turkiye 0.1.1 (MIT)"

Ring = tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Shape:
    """One district's outline: its P-code (= District.pcode), names and polygons (each a list of rings, the first
    the outer one), in degrees (lon, lat)."""

    pcode: str
    province_pcode: str
    name: str
    province: str
    polygons: tuple[tuple[Ring, ...], ...]

    def bbox(self) -> tuple[float, float, float, float]:
        xs = [x for polygon in self.polygons for ring in polygon for x, _ in ring]
        ys = [y for polygon in self.polygons for ring in polygon for _, y in ring]
        return min(xs), min(ys), max(xs), max(ys)


@functools.cache
def all_shapes() -> dict[str, Shape]:
    """Every district's shape by P-code."""
    data = json.loads(GEOJSON.read_text(encoding="utf-8"))
    shapes = {}
    for feature in data["features"]:
        props, geometry = feature["properties"], feature["geometry"]
        raw = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        polygons = tuple(tuple(tuple((float(x), float(y)) for x, y in ring) for ring in polygon) for polygon in raw)
        shapes[props["ilce_pcode"]] = Shape(
            props["ilce_pcode"], props["il_pcode"], props["ilce"], props["il"], polygons
        )
    return shapes


def province_shapes(province_pcode: str) -> list[Shape]:
    """The districts of a province (P-code like TUR076), in P-code order."""
    return sorted((s for s in all_shapes().values() if s.province_pcode == province_pcode), key=lambda s: s.pcode)


@dataclass(frozen=True)
class Frame:
    """Maps (lon, lat) into a box of `width` × `height` (units of the target: px, mm, pt) with y downwards, keeping
    the shapes' proportions and centring them."""

    min_x: float
    max_y: float
    scale: float
    kx: float
    offset_x: float
    offset_y: float

    @classmethod
    def fit(cls, shapes: list[Shape], width: float, height: float, margin: float = 0.0) -> Frame:
        boxes = [s.bbox() for s in shapes]
        min_x, min_y = min(b[0] for b in boxes), min(b[1] for b in boxes)
        max_x, max_y = max(b[2] for b in boxes), max(b[3] for b in boxes)
        kx = math.cos(math.radians((min_y + max_y) / 2))
        span_x, span_y = max((max_x - min_x) * kx, 1e-9), max(max_y - min_y, 1e-9)
        scale = min((width - 2 * margin) / span_x, (height - 2 * margin) / span_y)
        offset_x = (width - span_x * scale) / 2
        offset_y = (height - span_y * scale) / 2
        return cls(min_x, max_y, scale, kx, offset_x, offset_y)

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        return (
            self.offset_x + (lon - self.min_x) * self.kx * self.scale,
            self.offset_y + (self.max_y - lat) * self.scale,
        )

    def rings(self, shape: Shape) -> list[list[tuple[float, float]]]:
        """The shape's rings in the box's coordinates (outer and holes alike, for an even-odd fill)."""
        return [[self.point(x, y) for x, y in ring] for polygon in shape.polygons for ring in polygon]


def label_point(shape: Shape, frame: Frame) -> tuple[float, float]:
    """Where to write the district's name: the centroid of its largest polygon's outer ring (area-weighted)."""
    outer = max((polygon[0] for polygon in shape.polygons), key=lambda ring: abs(_area(ring)))
    area = _area(outer)
    if abs(area) < 1e-12:
        x, y = outer[0]
    else:
        x = sum((x0 + x1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in zip(outer, outer[1:], strict=False)) / (
            6 * area
        )
        y = sum((y0 + y1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in zip(outer, outer[1:], strict=False)) / (
            6 * area
        )
    return frame.point(x, y)


def _area(ring: Ring) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False)) / 2
