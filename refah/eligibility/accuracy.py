"""Targeting accuracy of the need score against the households' true welfare (synthetic data only).

Truly poor: the households with the lowest true consumption per person (the bottom `poor_share`).
Selected: need score ≥ cut-off. Inclusion error: share of the selected who are not truly poor
(leakage); exclusion error: share of the truly poor who are not selected (under-coverage).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from refah.eligibility.engine import evaluate
from refah.eligibility.entities import Batch, code

DISTRICTS_CSV = Path(__file__).resolve().parents[1] / "geo" / "data" / "tr-districts.csv"


@dataclass
class Errors:
    group: str
    households: int
    poor: int
    selected: int
    inclusion: float  # share of selected not poor
    exclusion: float  # share of poor not selected


def errors(group: str, poor: np.ndarray, selected: np.ndarray) -> Errors:
    n_sel, n_poor = int(selected.sum()), int(poor.sum())
    inclusion = float((selected & ~poor).sum() / n_sel) if n_sel else float("nan")
    exclusion = float((poor & ~selected).sum() / n_poor) if n_poor else float("nan")
    return Errors(group, len(poor), n_poor, n_sel, inclusion, exclusion)


def district_names() -> dict[str, str]:
    with DISTRICTS_CSV.open(encoding="utf-8") as handle:
        return {row["ilce_pcode"]: row["ilce"] for row in csv.DictReader(handle)}


def accuracy(batch: Batch, period: str, cutoff: float | None, poor_share: float) -> tuple[float, list[Errors]]:
    """(cut-off used, errors overall, per district and for women- and men-headed households).

    Without a cut-off, the score that selects the same share as `poor_share` is used (the usual way
    to compare proxy means tests)."""
    if "true_consumption_per_person_kurus" not in batch.truth:
        raise ValueError("accuracy needs the synthetic households' true_consumption_per_person_kurus column")
    score = evaluate(batch, period, ["need_score"]).need_score.score
    consumption = batch.truth["true_consumption_per_person_kurus"]
    poor = consumption <= np.quantile(consumption, poor_share)
    if cutoff is None:
        cutoff = float(np.quantile(score, 1 - poor_share))
    selected = score >= cutoff
    rows = [errors("all households", poor, selected)]
    names = district_names()
    district = batch.households["district"]
    for index, pcode in enumerate(batch.districts):
        mask = district == index
        if not mask.any():
            continue
        rows.append(errors(f"{names.get(pcode, pcode)} ({pcode})", poor[mask], selected[mask]))
    persons = batch.persons
    reference = persons["role"] == code("role", "reference")
    woman_head = np.zeros(batch.n_households, bool)
    woman_head[batch.person_household[reference]] = persons["sex"][reference] == code("sex", "F")
    rows.append(errors("women-headed", poor[woman_head], selected[woman_head]))
    rows.append(errors("men-headed", poor[~woman_head], selected[~woman_head]))
    return cutoff, rows
