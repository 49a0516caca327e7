"""The truth a model is measured against (synthetic worlds only): real consumption per adult equivalent.

`target_of(batch)` is the one place that says what the target is. With the generator's
`true_consumption_ae_kurus` column (real consumption per adult equivalent, regional prices taken out) it is that
column; an older data set without it falls back to `true_consumption_per_person_kurus` × size / OECD-modified
scale (1 for the first adult, 0.5 per other member 14+, 0.3 per child under 14), deflated by
`true_price_index_permille` when present.

`poor_mask(batch, share)`: the truly poor are the households whose target is at or below the poverty line, the
line being the person-weighted `share` quantile of the target (the share of *people* below the line is `share`,
as poverty rates are stated); the share of households below it is usually a little lower or higher.
"""

from __future__ import annotations

import numpy as np

from refah.eligibility.entities import Batch

REFERENCE_DAY = np.datetime64("2025-07-01")


def ages(batch: Batch, day: np.datetime64 = REFERENCE_DAY) -> np.ndarray:
    """Age in whole years on `day` of every person (int16)."""
    birth = batch.persons["birth_date"].astype("datetime64[D]")
    years = birth.astype("datetime64[Y]").astype(np.int64) + 1970
    day_y = int(day.astype("datetime64[Y]").astype(np.int64)) + 1970
    anniversary = (birth - birth.astype("datetime64[Y]")).astype(np.int64)
    day_of_year = int((day - day.astype("datetime64[Y]")).astype(np.int64))
    return (day_y - years - (anniversary > day_of_year)).astype(np.int16)


def oecd_scale(batch: Batch, age: np.ndarray | None = None) -> np.ndarray:
    """OECD-modified equivalence scale of each household (float64)."""
    age = ages(batch) if age is None else age
    weight = np.where(age >= 14, 0.5, 0.3)
    total = np.bincount(batch.person_household, weights=weight, minlength=batch.n_households)
    return total + 0.5  # the first adult counts 1, not 0.5 (every household has an adult reference person)


def target_of(batch: Batch) -> np.ndarray:
    """Real consumption per adult equivalent (kuruş a month, float64) of every household."""
    truth = batch.truth
    if "true_consumption_ae_kurus" in truth:
        return truth["true_consumption_ae_kurus"].astype(np.float64)
    if "true_consumption_per_person_kurus" not in truth:
        raise ValueError("the batch has no true consumption column: the target is known on synthetic data only")
    value = truth["true_consumption_per_person_kurus"] * batch.sizes / oecd_scale(batch)
    if "true_price_index_permille" in truth:
        value = value / (truth["true_price_index_permille"] / 1000.0)
    return value.astype(np.float64)


def weighted_quantile(values: np.ndarray, q: float, weights: np.ndarray | None = None) -> float:
    """The smallest value whose cumulative weight share reaches q."""
    if weights is None:
        return float(np.quantile(values, q, method="inverted_cdf"))
    order = np.argsort(values, kind="stable")
    cumulative = np.cumsum(weights[order], dtype=np.float64)
    index = int(np.searchsorted(cumulative, q * cumulative[-1], side="left"))
    return float(values[order][min(index, len(values) - 1)])


def poverty_line(batch: Batch, share: float) -> float:
    return weighted_quantile(target_of(batch), share, batch.sizes.astype(np.float64))


def poor_mask(batch: Batch, share: float) -> np.ndarray:
    """True for the truly poor households: target ≤ the person-weighted `share` quantile."""
    if not 0 < share < 1:
        raise ValueError(f"poor share must be between 0 and 1, not {share}")
    return target_of(batch) <= poverty_line(batch, share)
