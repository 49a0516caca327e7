"""Side by side: the published need score, the linear PMT and the GBM, at the same coverage, against the truth.

For each scope (the survey's held-out test part, the whole population; a second world's whole population) and
each method, the households are ranked by need (the need score from the engine, highest first; a model's predicted
consumption per adult equivalent, lowest first) and the cut-off set by policy to propose `coverage` of the
population's households (policy.cutoff_for_coverage); a scope's figures are then counted on its households (the
test part weighted by its design weights).

- inclusion error: share of the proposed who are not truly poor (1 − precision);
- exclusion error: share of the truly poor who are not proposed (1 − recall, the false negative rate);
- 95 % intervals: Wilson score intervals, on the effective sample size (Kish) when weighted;
- groups: women-headed households, with a disabled member (40 %+), with a member 65+, refugees (a member under
  temporary or international protection), rural, urban, and each district; each group's errors beside the rest's
  (what fairlearn's MetricFrame over "group" vs "rest" gives; a test checks it), the gap group − rest with its
  95 % interval (Newcombe's hybrid score interval from the two Wilson intervals), and the largest gap per method.

With the levelling-up offsets (`levelling_for`, fitted on the survey's train and validation parts), the GBM's
ranking with them is measured too, as method "gbm_levelled": what levelling up would do, never applied.

Truly poor: truth.poor_mask (person-weighted bottom `poor_share` of real consumption per adult equivalent).
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from refah.eligibility.accuracy import district_names
from refah.eligibility.entities import Batch, code
from refah.targeting.features import feature_matrix
from refah.targeting.models import Artifact
from refah.targeting.policy import apply_offsets, cutoff_for_coverage, levelling_offsets
from refah.targeting.survey import Sample
from refah.targeting.truth import ages, poor_mask
from refah.targeting.world import World

Z = 1.959963984540054
NEED_SCORE = "need_score"
LEVELLED = "gbm_levelled"  # the GBM with the levelling-up offsets (policy.levelling_offsets): measured, not applied
PERIOD = "2025-07"
MIN_POOR_FOR_GAP = 30  # groups with fewer truly poor households are listed, but left out of the largest gap


def wilson(successes: float, n: float) -> tuple[float, float, float]:
    """(share, low, high) of a 95 % Wilson score interval; nan when n is 0."""
    if n <= 0:
        return math.nan, math.nan, math.nan
    p = successes / n
    denominator = 1 + Z * Z / n
    centre = (p + Z * Z / (2 * n)) / denominator
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / denominator
    return p, max(0.0, centre - half), min(1.0, centre + half)


def _rate(mask: np.ndarray, hit: np.ndarray, weights: np.ndarray | None) -> tuple[float, float, float, float]:
    """(share, low, high, effective n) of `hit` among `mask`."""
    if weights is None:
        n = float(mask.sum())
        return (*wilson(float((mask & hit).sum()), n), n)
    w = weights[mask]
    total = float(w.sum())
    if total <= 0:
        return math.nan, math.nan, math.nan, 0.0
    effective = total * total / float((w * w).sum())
    share = float(w[hit[mask]].sum()) / total
    return (*wilson(share * effective, effective), effective)


@dataclass
class Row:
    scope: str
    method: str
    group: str
    households: int
    poor: float
    selected: float
    inclusion: float
    inclusion_low: float
    inclusion_high: float
    exclusion: float
    exclusion_low: float
    exclusion_high: float
    inclusion_gap: float = math.nan  # group − rest
    exclusion_gap: float = math.nan
    # 95 % intervals of the gaps: Newcombe's hybrid score interval for a difference of proportions (from the two
    # Wilson intervals; Newcombe 1998, method 10), on Kish's effective sizes when weighted
    exclusion_gap_low: float = math.nan
    exclusion_gap_high: float = math.nan
    inclusion_gap_low: float = math.nan
    inclusion_gap_high: float = math.nan


@dataclass
class Report:
    world: str
    households: int
    poor_share: float
    coverage: float
    methods: dict[str, dict[str, Any]]  # method → version, hash, cut-off
    rows: list[Row] = field(default_factory=list)
    largest_gaps: dict[str, dict[str, Any]] = field(default_factory=dict)  # scope/method → group, gaps

    def to_dict(self) -> dict[str, Any]:
        return _clean(asdict(self))

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True, allow_nan=False, indent=1)

    def row(self, scope: str, method: str, group: str = "all") -> Row:
        for row in self.rows:
            if (row.scope, row.method, row.group) == (scope, method, group):
                return row
        raise KeyError((scope, method, group))

    def to_markdown(self, lang: str = "en") -> str:
        from refah.targeting.card import report_markdown

        return report_markdown(self, lang)


def _clean(value: Any) -> Any:
    """Floats rounded to 6 decimals and nan as None, so that the JSON is stable and valid."""
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 6)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def groups_of(world: World) -> dict[str, np.ndarray]:
    """The households of each reported group (boolean masks)."""
    batch = world.batch
    pp, row, n = batch.persons, batch.person_household, batch.n_households
    head = pp["role"] == code("role", "reference")
    woman_head = np.zeros(n, bool)
    woman_head[row[head]] = pp["sex"][head] == code("sex", "F")
    disabled = np.bincount(row[pp["disability_percent"] >= 40], minlength=n) > 0
    elderly = np.bincount(row[ages(batch) >= 65], minlength=n) > 0
    rural = batch.households["is_rural"].astype(bool)
    out = {
        "women_headed": woman_head,
        "disabled_member": disabled,
        "elderly_member": elderly,
        "refugee": world.extra.get("refugee", np.zeros(n, bool)),
        "rural": rural,
        "urban": ~rural,
    }
    names = district_names()
    district = batch.households["district"]
    for index, pcode in enumerate(batch.districts):
        out[f"district:{pcode}:{names.get(pcode, pcode)}"] = district == index
    return out


def levelling_for(artifact: Artifact, world: World, sample: Sample, poor_share: float = 0.2) -> dict[str, float]:
    """The levelling-up offsets of the model's ranking (policy.levelling_offsets), fitted on the survey's train and
    validation parts (design-weighted; the test part stays held out) for the groups of the report but "urban"
    (the complement of "rural")."""
    fit = sample.part <= 1
    rows, weights = sample.rows[fit], sample.weights[fit]
    poor = poor_mask(world.batch, poor_share)
    pred = artifact.predict(feature_matrix(world.batch))[rows]
    groups = {name: members[rows] for name, members in groups_of(world).items() if name != "urban"}
    groups = {name: members for name, members in groups.items() if members.any()}  # districts of the survey only
    return levelling_offsets(pred, poor[rows], groups, float(poor.mean()), weights)


def need_ranking(batch: Batch) -> np.ndarray:
    """The published need score as a ranking value (lower = more in need, like a model's prediction)."""
    from refah.eligibility.engine import evaluate as engine_evaluate

    return -engine_evaluate(batch, PERIOD, [NEED_SCORE]).need_score.score.astype(np.float64)


def evaluate(
    world: World,
    artifacts: dict[str, Artifact],
    *,
    poor_share: float = 0.2,
    coverage: float | None = None,
    sample: Sample | None = None,
    levelled: dict[str, float] | None = None,
) -> Report:
    """The report for one world; `sample` (the survey the models were trained on, drawn from this world) adds the
    held-out test scope. `coverage` defaults to the share of households that are truly poor. `levelled` (offsets
    from `levelling_for`) adds the GBM's ranking with the levelling-up offsets as method "gbm_levelled": measured,
    never applied by a scoring run."""
    batch = world.batch
    poor = poor_mask(batch, poor_share)
    coverage = float(poor.mean()) if coverage is None else coverage
    matrix = feature_matrix(batch)
    groups = groups_of(world)
    rankings = {NEED_SCORE: need_ranking(batch)}
    methods: dict[str, dict[str, Any]] = {NEED_SCORE: {"version": "need score (published weights)"}}
    for name, artifact in artifacts.items():
        rankings[name] = artifact.predict(matrix)
        methods[name] = {"version": artifact.version, "weights_sha256": artifact.weights_sha256}
    if levelled is not None and "gbm" in rankings:
        rankings[LEVELLED] = apply_offsets(rankings["gbm"], groups, levelled)
        methods[LEVELLED] = {**methods["gbm"], "offsets": dict(sorted(levelled.items()))}
    selected = {}
    for name, ranking in rankings.items():
        cutoff = cutoff_for_coverage(ranking, coverage)
        selected[name] = ranking <= cutoff
        methods[name]["cutoff"] = -cutoff if name == NEED_SCORE else cutoff
        methods[name]["coverage"] = float(selected[name].mean())
    scopes: dict[str, tuple[np.ndarray, np.ndarray | None]] = {"population": (np.ones(batch.n_households, bool), None)}
    if sample is not None:
        rows, weights = sample.of("test")
        mask = np.zeros(batch.n_households, bool)
        mask[rows] = True
        full_weights = np.zeros(batch.n_households)
        full_weights[rows] = weights
        scopes = {"test": (mask, full_weights), **scopes}
    report = Report(world.name, int(batch.n_households), poor_share, coverage, methods)
    for scope, (in_scope, weights) in scopes.items():
        for name, chosen in selected.items():
            report.rows.append(_row(scope, name, "all", in_scope, poor, chosen, weights))
            gap_rows = _group_rows(scope, name, groups, in_scope, poor, chosen, weights)
            report.rows.extend(gap_rows)
            report.largest_gaps[f"{scope}/{name}"] = _largest(gap_rows)
    return report


def _row(scope, method, group, mask, poor, chosen, weights) -> Row:
    inc = _rate(mask & chosen, ~poor, weights)
    exc = _rate(mask & poor, ~chosen, weights)
    w = np.ones(len(mask)) if weights is None else weights
    return Row(
        scope,
        method,
        group,
        int(mask.sum()),
        float(w[mask & poor].sum()),
        float(w[mask & chosen].sum()),
        inc[0],
        inc[1],
        inc[2],
        exc[0],
        exc[1],
        exc[2],
    )


def _group_rows(scope, method, groups, in_scope, poor, chosen, weights) -> list[Row]:
    """Each group beside the rest of the scope: the group's errors with intervals, and the gaps group − rest.

    The same figures as fairlearn's `MetricFrame` over "group" vs "rest" (a test checks them against it), counted
    here as weighted sums over the scope: one frame per group × method × scope cost about 3 s per evaluation."""
    w = np.ones(len(in_scope)) if weights is None else np.asarray(weights, dtype=np.float64)
    w = np.where(in_scope, w, 0.0)
    poor_w, chosen_w = w * poor, w * chosen
    totals = {
        "poor": poor_w.sum(),
        "missed": (poor_w * ~chosen).sum(),
        "chosen": chosen_w.sum(),
        "wrong": (chosen_w * ~poor).sum(),
    }
    rows = []
    for name, members in groups.items():
        inside = members & in_scope
        if not inside.any() or np.array_equal(inside, in_scope):
            continue
        row = _row(scope, method, name, inside, poor, chosen, weights)
        group = {
            "poor": poor_w[inside].sum(),
            "missed": (poor_w * ~chosen)[inside].sum(),
            "chosen": chosen_w[inside].sum(),
            "wrong": (chosen_w * ~poor)[inside].sum(),
        }
        rest = {key: totals[key] - value for key, value in group.items()}
        row.exclusion_gap = _share(group["missed"], group["poor"]) - _share(rest["missed"], rest["poor"])
        row.inclusion_gap = _share(group["wrong"], group["chosen"]) - _share(rest["wrong"], rest["chosen"])
        others = in_scope & ~members
        row.exclusion_gap_low, row.exclusion_gap_high = _newcombe(
            (row.exclusion, row.exclusion_low, row.exclusion_high), _rate(others & poor, ~chosen, weights)
        )
        row.inclusion_gap_low, row.inclusion_gap_high = _newcombe(
            (row.inclusion, row.inclusion_low, row.inclusion_high), _rate(others & chosen, ~poor, weights)
        )
        rows.append(row)
    return rows


def _newcombe(group: tuple, rest: tuple) -> tuple[float, float]:
    """95 % interval of group − rest from each one's (share, Wilson low, Wilson high)."""
    (p1, l1, u1), (p2, l2, u2) = group[:3], rest[:3]
    if any(math.isnan(v) for v in (p1, l1, u1, p2, l2, u2)):
        return math.nan, math.nan
    difference = p1 - p2
    return (
        difference - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2),
        difference + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2),
    )


def _share(part: float, whole: float) -> float:
    return float(part / whole) if whole > 0 else math.nan


def _exclusion(y_true, y_pred, sample_weight=None) -> float:
    """Exclusion error as a fairlearn metric (the test's cross-check of the gaps)."""
    w = np.ones(len(y_true)) if sample_weight is None else np.asarray(sample_weight)
    poor = np.asarray(y_true) == 1
    total = w[poor].sum()
    return float(w[poor & (np.asarray(y_pred) == 0)].sum() / total) if total else math.nan


def _inclusion(y_true, y_pred, sample_weight=None) -> float:
    """Inclusion error as a fairlearn metric (the test's cross-check of the gaps)."""
    w = np.ones(len(y_true)) if sample_weight is None else np.asarray(sample_weight)
    chosen = np.asarray(y_pred) == 1
    total = w[chosen].sum()
    return float(w[chosen & (np.asarray(y_true) == 0)].sum() / total) if total else math.nan


def _largest(rows: list[Row]) -> dict[str, Any]:
    """The group whose exclusion error differs most from the rest's (groups with enough poor households), and the
    same for inclusion."""
    counted = [row for row in rows if row.poor >= MIN_POOR_FOR_GAP and not math.isnan(row.exclusion_gap)]
    out: dict[str, Any] = {}
    for metric in ("exclusion", "inclusion"):
        valid = [row for row in counted if not math.isnan(getattr(row, f"{metric}_gap"))]
        if not valid:
            continue
        worst = max(valid, key=lambda row: abs(getattr(row, f"{metric}_gap")))
        out[metric] = {"group": worst.group, "gap": getattr(worst, f"{metric}_gap")}
        named = [row for row in valid if not row.group.startswith("district:")]
        if named:
            worst = max(named, key=lambda row: abs(getattr(row, f"{metric}_gap")))
            out[f"{metric}_without_districts"] = {"group": worst.group, "gap": getattr(worst, f"{metric}_gap")}
    return out
