"""Cut-offs set by policy: a coverage or a budget, not a fixed score that drifts with the data.

A model ranks households by predicted consumption per adult equivalent (lower = more in need); the need score by
its score (higher = more in need: pass `-score`). A cut-off is the predicted value at and below which households
are proposed: `selected = pred <= cutoff`.
"""

from __future__ import annotations

import numpy as np


def _check_share(coverage: float) -> None:
    if not 0 < coverage <= 1:
        raise ValueError(f"coverage must be a share between 0 and 1, not {coverage}")


def cutoff_for_coverage(pred: np.ndarray, coverage: float, weights: np.ndarray | None = None) -> float:
    """The cut-off that proposes `coverage` of the households (weighted: of the weights' total)."""
    _check_share(coverage)
    if len(pred) == 0:
        raise ValueError("no households to set a cut-off on")
    order = np.argsort(pred, kind="stable")
    cumulative = np.cumsum(np.ones(len(pred)) if weights is None else weights[order], dtype=np.float64)
    index = int(np.searchsorted(cumulative, coverage * cumulative[-1] - 1e-9, side="left"))
    return float(pred[order][min(index, len(pred) - 1)])


def cutoff_for_budget(pred: np.ndarray, amounts: np.ndarray, budget: int) -> float:
    """The highest cut-off whose proposed households' amounts (kuruş, integers) fit within `budget` (kuruş).

    Households are taken in order of need; -inf when not even the neediest household fits."""
    if budget < 0:
        raise ValueError("budget must not be negative")
    if not np.issubdtype(np.asarray(amounts).dtype, np.integer):
        raise ValueError("amounts must be integer kuruş")
    order = np.argsort(pred, kind="stable")
    spent = np.cumsum(amounts[order], dtype=np.int64)
    fits = int(np.searchsorted(spent, budget, side="right"))
    if fits == 0:
        return float("-inf")
    cutoff = float(pred[order][fits - 1])
    # ties at the cut-off would all be selected: step below them when they overspend
    if int(amounts[pred <= cutoff].sum()) > budget:
        lower = pred[order][: fits - 1]
        below = lower[lower < cutoff]
        return float(below.max()) if len(below) else float("-inf")
    return cutoff


def cutoffs_by_group(
    pred: np.ndarray, groups: np.ndarray, coverage: float, weights: np.ndarray | None = None
) -> dict[int, float]:
    """A cut-off per group (e.g. province plate) where a program sets coverage by province."""
    _check_share(coverage)
    out = {}
    for group in np.unique(groups):
        mask = groups == group
        out[int(group)] = cutoff_for_coverage(pred[mask], coverage, None if weights is None else weights[mask])
    return out


def select(pred: np.ndarray, cutoff: float | dict[int, float], groups: np.ndarray | None = None) -> np.ndarray:
    """The proposed households: pred ≤ cut-off (per group when the cut-offs are per group)."""
    if isinstance(cutoff, dict):
        if groups is None:
            raise ValueError("per-group cut-offs need the groups")
        keys = np.array(sorted(cutoff))
        values = np.array([cutoff[k] for k in keys])
        position = np.searchsorted(keys, groups)
        if len(groups) and (position.max() >= len(keys) or not np.array_equal(keys[position], groups)):
            raise ValueError("a household's group has no cut-off")
        return pred <= values[position]
    return pred <= cutoff


def exclusion_gap(
    pred: np.ndarray, poor: np.ndarray, members: np.ndarray, coverage: float, weights: np.ndarray | None = None
) -> float:
    """Exclusion error of a group minus the rest's (shares) when `coverage` of the households is proposed."""
    w = np.ones(len(pred)) if weights is None else weights
    missed = poor & (pred > cutoff_for_coverage(pred, coverage, weights))
    inside, outside = poor & members, poor & ~members
    if w[inside].sum() <= 0 or w[outside].sum() <= 0:
        return float("nan")
    return float(w[missed & members].sum() / w[inside].sum() - w[missed & ~members].sum() / w[outside].sum())


def levelling_offsets(
    pred: np.ndarray,
    poor: np.ndarray,
    groups: dict[str, np.ndarray],
    coverage: float,
    weights: np.ndarray | None = None,
    *,
    rounds: int = 6,
    steps: int = 25,
    span: float = 1.5,
    min_poor: int = 30,
) -> dict[str, float]:
    """One offset per group (log consumption, never above 0) so that no group's exclusion error is above the
    rest's: "levelling up", fitted where the truth is known (the survey), by coordinate bisection over the groups
    (they overlap, so a few rounds). A group the ranking already favours keeps 0: nobody is moved away from the list;
    so does a group with fewer than `min_poor` truly poor households in the data (too few to fit anything on).

    The offsets are a policy instrument, not part of the model: they enter a ranking only through `apply_offsets`,
    and only where a dated parameter says so (docs/targeting.md, "Fairness")."""
    _check_share(coverage)
    offsets = {name: 0.0 for name in groups}
    log_pred = np.log(np.maximum(pred, 1e-9))
    for _ in range(rounds):
        for name, members in groups.items():
            others = log_pred + sum(offsets[k] * groups[k] for k in groups if k != name)
            low, high = -span, 0.0
            gap = exclusion_gap(np.exp(others), poor, members, coverage, weights)
            if int((poor & members).sum()) < min_poor or not gap > 0:  # in its favour, even, or nan
                offsets[name] = 0.0
                continue
            for _ in range(steps):
                middle = (low + high) / 2
                gap = exclusion_gap(np.exp(others + middle * members), poor, members, coverage, weights)
                if gap > 0:  # still missed more often: move further towards the list
                    high = middle
                else:
                    low = middle
            offsets[name] = round(low, 6)  # the smallest move found that brings the gap to 0 or below
    return offsets


def apply_offsets(pred: np.ndarray, groups: dict[str, np.ndarray], offsets: dict[str, float]) -> np.ndarray:
    """The ranking value with each group's offset applied (multiplicative on predicted consumption)."""
    shift = np.zeros(len(pred))
    for name, offset in offsets.items():
        if offset and name in groups:  # a district of another province is not in this population
            shift += offset * groups[name]
    return pred * np.exp(shift)
