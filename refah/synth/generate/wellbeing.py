"""Disability, dependency, chronic illness, pregnancy and the social flags. Sources: docs/synthetic.md."""

import numpy as np

from refah.synth.generate import codes as C
from refah.synth.generate.draw import bernoulli
from refah.synth.generate.persons import CHRONIC_BY_AGE, DISABILITY_BY_AGE


def draw_disability(rng: np.random.Generator, p: dict) -> None:
    """~7 % of persons, rising with age; percent 20–100; full dependency for part of those ≥ 70 %."""
    age, n = p["age"], len(p["age"])
    disabled = bernoulli(rng, np.interp(age, *DISABILITY_BY_AGE), n)
    percent = np.clip(np.round(20 + 80 * rng.beta(1.3, 1.6, n)), 20, 100).astype(np.int8)
    p["disability"] = np.where(disabled, percent, 0).astype(np.int8)
    u = rng.random(n)
    full = (p["disability"] >= 70) & (u < 0.35 + 0.3 * (age >= 75))
    partial = ~full & (((p["disability"] >= 70) & (u < 0.75)) | ((p["disability"] >= 40) & (u < 0.3)))
    p["dependency"] = np.select([full, partial], [C.DEP_FULL, C.DEP_PARTIAL], C.DEP_NONE).astype(np.int8)
    p["chronic"] = bernoulli(rng, np.interp(age, *CHRONIC_BY_AGE), n)


def draw_pregnancy(rng: np.random.Generator, hh: dict, p: dict) -> None:
    """Married women 18–45, about 6 % at a time (more in the east), peaking at 20–35."""
    age, n = p["age"], len(p["age"])
    at_risk = (p["sex"] == C.FEMALE) & (p["marital"] == C.MARRIED) & (age >= 18) & (age <= 45)
    peak = np.where((age >= 20) & (age <= 35), 1.3, 0.6)
    p["pregnant"] = at_risk & bernoulli(rng, 0.06 * peak * (1 + 0.6 * hh["east"][p["h"]]), n)


def draw_flags(rng: np.random.Generator, hh: dict, p: dict) -> None:
    """Orphans, children at risk (SED), in state care, widow(er)s, check-ups of 0–6 year olds."""
    h, age, n = p["h"], p["age"], len(p["age"])
    z = hh["disadvantage"][h]
    minor = age < 18
    ref_widowed = p["marital"][p["start"][h]] == C.WIDOWED
    orphan = minor & (p["role"] == C.CHILD) & hh["single_parent"][h] & ref_widowed
    p["orphan"] = orphan | (p["grandchild"] & minor & bernoulli(rng, 0.15, n))
    p["sed_risk"] = minor & (z > 1.5) & bernoulli(rng, 0.03, n)
    p["in_state_care"] = minor & (z > 1.0) & bernoulli(rng, 0.002, n)
    p["spouse_deceased"] = p["marital"] == C.WIDOWED
    p["checkups"] = (age <= 6) & bernoulli(rng, 0.92 - 0.12 * hh["east"][h], n)
