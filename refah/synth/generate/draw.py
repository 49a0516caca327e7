"""Vectorised sampling helpers: one call draws a column for every row."""

import numpy as np


def choose(rng: np.random.Generator, weights: np.ndarray) -> np.ndarray:
    """One category per row of an (n, k) weight matrix (rows need not sum to 1)."""
    cum = np.cumsum(weights, axis=1)
    u = rng.random(len(weights)) * cum[:, -1]
    return np.minimum((u[:, None] >= cum).sum(axis=1), weights.shape[1] - 1).astype(np.int8)


def choose_fixed(rng: np.random.Generator, probs: list[float], n: int) -> np.ndarray:
    """n draws from one categorical distribution."""
    cum = np.cumsum(np.asarray(probs, dtype=float))
    return np.searchsorted(cum / cum[-1], rng.random(n), side="right").astype(np.int8)


def bernoulli(rng: np.random.Generator, p: np.ndarray | float, n: int) -> np.ndarray:
    return rng.random(n) < p


def uniform_int(rng: np.random.Generator, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Integers uniform in [lo, hi] row by row (hi >= lo)."""
    return lo + np.floor(rng.random(len(lo)) * (hi - lo + 1)).astype(np.int64)


def lognormal_factor(rng: np.random.Generator, mu: float | np.ndarray, sigma: float, n: int) -> np.ndarray:
    return np.exp(rng.normal(mu, sigma, n))
