"""A household budget survey drawn from a synthetic population, as ISAIS's score was fitted on one.

TÜİK's Household Budget Survey measures consumption for a sample stratified by region and urban/rural, with design
weights; ISAIS's need score was fitted on 43,124 such households. `survey_sample` draws `size` households
stratified by province × urban/rural (allocation ∝ √N_h, at least 2 per stratum, so small rural strata are
sampled at a higher rate, as surveys do), gives each its design weight N_h / n_h, and splits the sample by
household into train (60 %), validation (20 %) and test (20 %). Everything follows from the seed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from refah.eligibility.entities import Batch

PARTS = ("train", "validation", "test")
SHARES = (0.6, 0.2, 0.2)


@dataclass
class Sample:
    population: Batch
    rows: np.ndarray  # household rows of the population in the sample (ascending)
    weights: np.ndarray  # design weight of each sampled household (population households it stands for)
    part: np.ndarray  # 0 train, 1 validation, 2 test
    seed: int

    @property
    def size(self) -> int:
        return len(self.rows)

    def of(self, part: str) -> tuple[np.ndarray, np.ndarray]:
        """(population rows, design weights) of one part."""
        mask = self.part == PARTS.index(part)
        return self.rows[mask], self.weights[mask]

    def description(self) -> dict:
        counts = {name: int((self.part == i).sum()) for i, name in enumerate(PARTS)}
        return {"population": int(self.population.n_households), "survey": self.size, **counts, "seed": self.seed}


def survey_sample(batch: Batch, *, size: int, seed: int) -> Sample:
    """A stratified sample of `size` households of the batch, with design weights and a train/validation/test split."""
    n = batch.n_households
    if not 0 < size <= n:
        raise ValueError(f"survey size must be between 1 and the population ({n:,}), not {size:,}")
    rng = np.random.default_rng([seed, 18])
    stratum = batch.households["province_plate"].astype(np.int64) * 2 + batch.households["is_rural"].astype(np.int64)
    strata, inverse, counts = np.unique(stratum, return_inverse=True, return_counts=True)
    want = np.sqrt(counts) / np.sqrt(counts).sum() * size
    take = np.minimum(np.maximum(np.floor(want).astype(np.int64), np.minimum(2, counts)), counts)
    short = size - int(take.sum())
    order = np.argsort(-(want - take), kind="stable")
    for index in order:  # largest remainders first; at most one pass over the strata (not per household)
        if short <= 0:
            break
        extra = min(short, int(counts[index] - take[index]), max(1, short // len(strata)))
        take[index] += extra
        short -= extra
    while short > 0:  # a few leftovers: one more in each stratum with room, largest first
        room = np.flatnonzero(take < counts)
        add = room[np.argsort(-counts[room], kind="stable")][:short]
        take[add] += 1
        short -= len(add)
    keys = rng.random(n)
    # within each stratum the households with the smallest random keys are drawn
    by_stratum = np.lexsort((keys, inverse))
    first = np.concatenate([[0], np.cumsum(counts)[:-1]])
    rank = np.empty(n, np.int64)
    rank[by_stratum] = np.arange(n) - np.repeat(first, counts)
    chosen = rank < take[inverse]
    rows = np.flatnonzero(chosen)
    weights = (counts / take)[inverse[rows]]
    shuffled = rng.permutation(len(rows))
    bounds = np.floor(np.cumsum(SHARES) * len(rows)).astype(np.int64)
    part = np.searchsorted(bounds, np.arange(len(rows)), side="right").astype(np.int8)
    part_of = np.empty(len(rows), np.int8)
    part_of[shuffled] = part
    return Sample(batch, rows, weights.astype(np.float64), part_of, seed)
