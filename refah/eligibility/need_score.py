"""The household need score (0–100): a weighted sum of ten need components, each between 0 and 1.

Weights, thresholds and their rationale live in parameters/need_score.yaml (dated versions);
docs/rules.md walks a citizen through the arithmetic. Scores are rounded to 0.1.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from functools import cache
from typing import Any

import numpy as np

from refah.eligibility.context import Context
from refah.eligibility.entities import CODE_LISTS, code
from refah.eligibility.errors import ParameterError, ParameterNotInForce
from refah.eligibility.params import PARAMETER_DIR, load_yaml
from refah.eligibility.result import NeedScore

COMPONENTS = (
    "income",
    "household_size",
    "dependency_ratio",
    "disability_illness",
    "elderly_alone",
    "children_school",
    "housing",
    "heating",
    "assets",
    "region",
)


@cache
def load_versions() -> list[tuple[dt.date, dict[str, Any]]]:
    """The score's dated versions, oldest first, validated."""
    data = load_yaml(PARAMETER_DIR / "need_score.yaml")
    versions = sorted(data["versions"].items())
    for start, version in versions:
        missing = set(COMPONENTS) - set(version["components"])
        if missing:
            raise ParameterError(f"need_score {start}: components missing: {sorted(missing)}")
    return versions


def version_at(day: dt.date) -> dict[str, Any]:
    versions = load_versions()
    current = [version for start, version in versions if start <= day]
    if not current:
        raise ParameterNotInForce("need_score", day, versions[0][0])
    return current[-1]


def _f(value: Any) -> float:
    return float(Fraction(str(value)))


def _table(table: dict[str, Any], field: str) -> np.ndarray:
    """A code-indexed float table; every code of the field must be listed."""
    missing = set(CODE_LISTS[field]) - set(table)
    if missing:
        raise ParameterError(f"need_score table for {field} lacks {sorted(missing)}")
    return np.array([_f(table[value]) for value in CODE_LISTS[field]])


def need_score(ctx: Context) -> NeedScore:
    """Score every household of the context's batch."""
    version = version_at(ctx.period)
    spec = version["components"]
    values: dict[str, np.ndarray] = {}
    needs = {name: globals()[f"_{name}"](ctx, spec[name], values) for name in COMPONENTS}
    total = sum(float(spec[name]["weight"]) for name in COMPONENTS)
    score = sum(float(spec[name]["weight"]) * needs[name] for name in COMPONENTS) * (100.0 / total)
    return NeedScore(str(version["version"]), np.round(score, 1), needs, values)


def _clip(x: np.ndarray) -> np.ndarray:
    return np.clip(x, 0.0, 1.0)


def _income(ctx: Context, spec: dict, values: dict) -> np.ndarray:
    per_capita = ctx.hh_income / ctx.hh_size
    values["income"] = np.rint(per_capita).astype(np.int64)
    return _clip(1.0 - per_capita / (_f(spec["zero_need_ratio"]) * ctx.nmw))


def _household_size(ctx: Context, spec: dict, values: dict) -> np.ndarray:
    values["household_size"] = ctx.hh_size
    return _clip((ctx.hh_size - 1) / (int(spec["full_need_size"]) - 1))


def _dependency_ratio(ctx: Context, spec: dict, values: dict) -> np.ndarray:
    age = ctx.age
    dependants = ctx.hh_count((age < 15) | (age >= 65))
    fully_dependent = ctx.person("dependency") == code("dependency", "full")
    working = ctx.hh_count((age >= 15) & (age < 65) & ~fully_dependent)
    ratio = np.where(working > 0, dependants / np.maximum(working, 1), np.inf)
    values["dependency_ratio"] = ratio
    need = np.where(working > 0, ratio / _f(spec["full_need_ratio"]), 1.0)
    return _clip(need)


def _disability_illness(ctx: Context, spec: dict, values: dict) -> np.ndarray:
    affected = (ctx.person("disability_percent") >= 40) | ctx.person("chronic_illness")
    full = ctx.person("dependency") == code("dependency", "full")
    share = (ctx.hh_count(affected) + ctx.hh_count(full)) / ctx.hh_size
    values["disability_illness"] = share
    return _clip(share / _f(spec["full_need_share"]))


def _elderly_alone(ctx: Context, spec: dict, values: dict) -> np.ndarray:
    elderly = ctx.hh_count(ctx.age >= 65)
    only_elderly = elderly == ctx.hh_size
    values["elderly_alone"] = elderly
    return np.where(
        only_elderly & (ctx.hh_size == 1), _f(spec["alone"]), np.where(only_elderly, _f(spec["elderly_only"]), 0.0)
    )


def _children_school(ctx: Context, spec: dict, values: dict) -> np.ndarray:
    share = ctx.hh_children / ctx.hh_size
    school_age = (ctx.age >= 6) & (ctx.age < 18)
    out = ctx.hh_count(school_age & ctx.is_code("school_level", "out_of_school", "none"))
    values["children_school"] = out
    return _clip(share / _f(spec["full_need_share"]) + out * _f(spec["out_of_school_step"]))


def _housing(ctx: Context, spec: dict, values: dict) -> np.ndarray:
    dwelling = _table(spec["dwelling"], "dwelling_type")[ctx.household("dwelling_type")]
    per_room = ctx.hh_size / np.maximum(ctx.household("rooms"), 1)
    values["housing"] = per_room
    crowding = (per_room - 1.0) / (_f(spec["full_need_persons_per_room"]) - 1.0)
    return _clip(np.maximum(dwelling, crowding))


def _heating(ctx: Context, spec: dict, values: dict) -> np.ndarray:
    return _table(spec["table"], "heating")[ctx.household("heating")]


def _assets(ctx: Context, spec: dict, values: dict) -> np.ndarray:
    hh = ctx.batch.households
    try:
        other = hh["asset_real_estate"] + hh["asset_land"] + hh["asset_livestock"] + hh["asset_other"]
        weighted = other + int(spec["vehicle_factor"]) * hh["asset_vehicle"]
    except KeyError:
        ctx.household("assets")  # raises MissingInputError naming the input
        raise
    per_capita = weighted / ctx.hh_size
    values["assets"] = np.rint(per_capita).astype(np.int64)
    return _clip(1.0 - per_capita / (int(spec["zero_need_nmw_months"]) * ctx.nmw))


def _region(ctx: Context, spec: dict, values: dict) -> np.ndarray:
    tiers = spec["province_tier"]
    lut = np.zeros(82, np.float64)
    for plate, tier in tiers.items():
        lut[int(plate)] = (int(tier) - 1) / 5
    plate = ctx.household("province_plate")
    if not np.isin(plate, np.array(list(tiers), dtype=plate.dtype)).all():
        raise ParameterError("need_score region: a province plate has no development tier")
    return _clip(lut[plate] + np.where(ctx.household("is_rural"), _f(spec["rural_bonus"]), 0.0))
