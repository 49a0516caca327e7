"""The colour classes of every map (screen SVG, PNG, PDF alike): five classes of a sequential, colour-blind-safe
scale (ColorBrewer YlOrRd), breaks at equal steps between the lowest and highest shown value; an area without a
figure (none, or suppressed) is grey."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

COLOURS = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")
NO_VALUE = "#d9d9d9"
OUTLINE = "#4d4d4d"


@dataclass(frozen=True)
class Scale:
    breaks: tuple[float, ...]  # len(COLOURS) + 1 ascending bounds

    @classmethod
    def of(cls, values: Iterable[float | None]) -> Scale:
        shown = [float(v) for v in values if v is not None]
        if not shown:
            return cls((0.0,) * (len(COLOURS) + 1))
        low, high = min(shown), max(shown)
        if high == low:
            high = low + 1.0
        step = (high - low) / len(COLOURS)
        return cls(tuple(low + step * i for i in range(len(COLOURS) + 1)))

    def colour(self, value: float | None) -> str:
        if value is None:
            return NO_VALUE
        for i in range(len(COLOURS)):
            if float(value) <= self.breaks[i + 1]:
                return COLOURS[i]
        return COLOURS[-1]

    def legend(self) -> list[tuple[str, float, float]]:
        """(colour, from, to) per class."""
        return [(COLOURS[i], self.breaks[i], self.breaks[i + 1]) for i in range(len(COLOURS))]


def colours_of(values: Mapping[str, float | None]) -> tuple[Scale, dict[str, str]]:
    scale = Scale.of(values.values())
    return scale, {key: scale.colour(value) for key, value in values.items()}


def hex_rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)
