"""Dated parameters: YAML time series per program, looked up at a period's first day.

A file `parameters/<program>/<name>.yaml` holds one parameter:

    description: {tr: Bekâr bir işçi için net asgari ücret, en: Net minimum wage, single worker}
    unit: TRY            # TRY (→ int kuruş), ratio (→ Fraction), int, kg, percent, years, months, days,
                         # points, score (→ float), date, text, flag (true / false)
    reference: {tr: Public legal source (law, regulation, official page), en: The same in English}
    note: Internal remark for the programme office (optional; never shown on a screen)
    values:
      2025-01-01: {value: 22104.67, reference: {tr: RG 24.12.2024 32762, en: OG 24.12.2024 32762}, note: …}

The description and the references are what citizens and staff read, in Turkish and English; how sure we
are of a value, and why, goes in `note` (and `assumed`).

A value is a scalar, a list or a mapping of scalars. A change of the law is a new dated value; past
values are never edited. YAML floats are read as Decimal so money never passes through a float.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from refah.common.money import tl_to_kurus
from refah.eligibility.errors import ParameterError, ParameterNotInForce

PARAMETER_DIR = Path(__file__).parent / "parameters"
INT_UNITS = {"int", "kg", "percent", "years", "months", "days", "points", "count", "places", "cards", "zone", "km"}


class DecimalLoader(yaml.SafeLoader):
    """SafeLoader that reads YAML floats as Decimal (12500.00 stays exact)."""


def _decimal(loader: yaml.SafeLoader, node: yaml.Node) -> Decimal:
    return Decimal(loader.construct_scalar(node).replace("_", ""))


DecimalLoader.add_constructor("tag:yaml.org,2002:float", _decimal)


def load_yaml(path: Path) -> Any:
    """Read a YAML file with Decimal floats."""
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=DecimalLoader)  # noqa: S506 - DecimalLoader is a SafeLoader


def convert(unit: str, raw: Any) -> Any:
    """Convert a YAML scalar, list or mapping to the unit's Python type (leaves only)."""
    if isinstance(raw, dict):
        return {key: convert(unit, value) for key, value in raw.items()}
    if isinstance(raw, list):
        return [convert(unit, value) for value in raw]
    if isinstance(raw, float):
        raise ParameterError(f"Parameter value {raw!r} is a float; write it as a string or YAML number.")
    if unit == "TRY":
        return tl_to_kurus(raw)
    if unit == "ratio":
        return Fraction(str(raw))
    if unit in INT_UNITS:
        if Decimal(str(raw)) != int(Decimal(str(raw))):
            raise ParameterError(f"Parameter value {raw!r} must be a whole number ({unit}).")
        return int(Decimal(str(raw)))
    if unit == "score":
        return float(Decimal(str(raw)))
    if unit == "date":
        return raw if isinstance(raw, dt.date) else dt.date.fromisoformat(str(raw))
    if unit == "text":
        return raw
    if unit == "flag":
        if not isinstance(raw, bool):
            raise ParameterError(f"Parameter value {raw!r} must be true or false (flag).")
        return raw
    raise ParameterError(f"Unknown parameter unit {unit!r}.")


@dataclass(frozen=True)
class DatedValue:
    start: dt.date
    raw: Any
    value: Any
    reference: dict[str, str]
    assumed: bool
    note: str = ""


@dataclass(frozen=True)
class Parameter:
    """One parameter: its name (`program.name`), description and public legal source ({"tr": …, "en": …}),
    unit, dated values oldest first, and an internal note."""

    name: str
    description: dict[str, str]
    unit: str
    reference: dict[str, str]
    values: tuple[DatedValue, ...] = field(default_factory=tuple)
    note: str = ""

    def entry_at(self, day: dt.date) -> DatedValue:
        """The value in force on `day`; ParameterNotInForce before the first value."""
        current = None
        for entry in self.values:
            if entry.start <= day:
                current = entry
        if current is None:
            raise ParameterNotInForce(self.name, day, self.values[0].start)
        return current

    def at(self, day: dt.date) -> Any:
        return self.entry_at(day).value


def _bilingual(name: str, key: str, text: Any) -> dict[str, str]:
    """A text people read: {"tr": …, "en": …}, both given."""
    if not isinstance(text, dict) or not all(isinstance(text.get(lang), str) and text[lang] for lang in ("tr", "en")):
        raise ParameterError(f"Parameter {name}: {key!r} needs a Turkish and an English text (tr, en).")
    return {"tr": text["tr"], "en": text["en"]}


def parameter_from_dict(name: str, data: dict) -> Parameter:
    """Validate one parameter file's content."""
    for key in ("description", "unit", "reference", "values"):
        if key not in data:
            raise ParameterError(f"Parameter {name}: missing {key!r}.")
    reference = _bilingual(name, "reference", data["reference"])
    values = []
    for start, entry in sorted(data["values"].items()):
        if not isinstance(start, dt.date) or not isinstance(entry, dict) or "value" not in entry:
            raise ParameterError(f"Parameter {name}: each value needs a date key and a 'value'.")
        value = convert(data["unit"], entry["value"])
        own = _bilingual(name, f"reference of {start}", entry["reference"]) if "reference" in entry else reference
        assumed = bool(entry.get("assumed", False))
        values.append(DatedValue(start, entry["value"], value, own, assumed, str(entry.get("note", ""))))
    description = _bilingual(name, "description", data["description"])
    return Parameter(name, description, data["unit"], reference, tuple(values), str(data.get("note", "")))


@cache
def load_parameters(root: Path = PARAMETER_DIR) -> dict[str, Parameter]:
    """All parameters under `root`, keyed `program.name` (need_score.yaml is read by need_score.py)."""
    parameters = {}
    for path in sorted(root.glob("*/*.yaml")):
        name = f"{path.parent.name}.{path.stem}"
        parameters[name] = parameter_from_dict(name, load_yaml(path))
    return parameters


class ParameterSet:
    """The parameters in force on one day, with optional overrides (`{"common.net_minimum_wage": "25000"}`)."""

    def __init__(self, day: dt.date, overrides: dict[str, Any] | None = None):
        self.day = day
        self.parameters = load_parameters()
        self.overrides = {}
        for name, raw in (overrides or {}).items():
            if name not in self.parameters:
                raise ParameterError(f"Unknown parameter {name!r} in overrides.")
            self.overrides[name] = convert(self.parameters[name].unit, raw)

    def __call__(self, name: str) -> Any:
        """The value of `program.name` on this day."""
        if name in self.overrides:
            return self.overrides[name]
        if name not in self.parameters:
            raise ParameterError(f"Unknown parameter {name!r}.")
        return self.parameters[name].at(self.day)
