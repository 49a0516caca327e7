"""Persons: roles, ages, sexes and everything that follows from them (marital status, education,
school, work, social security, disability, social flags).

Every attribute is drawn for all persons of a batch at once. Distributions and sources:
docs/synthetic.md ("Persons").
"""

import numpy as np

from refah.synth.generate import codes as C
from refah.synth.generate.draw import bernoulli, choose, uniform_int

# Education of adults by age band (18–29, 30–44, 45–64, 65+), levels illiterate … higher (approximation of
# TÜİK National Education Statistics / ADNKS educational attainment 2023).
EDU_M = np.array(
    [
        [0.005, 0.01, 0.04, 0.20, 0.42, 0.325],
        [0.01, 0.02, 0.15, 0.20, 0.32, 0.30],
        [0.01, 0.03, 0.40, 0.15, 0.24, 0.17],
        [0.04, 0.10, 0.55, 0.08, 0.13, 0.10],
    ]
)
EDU_F = np.array(
    [
        [0.01, 0.015, 0.05, 0.20, 0.40, 0.325],
        [0.02, 0.03, 0.20, 0.18, 0.28, 0.29],
        [0.06, 0.06, 0.48, 0.10, 0.18, 0.12],
        [0.25, 0.15, 0.45, 0.04, 0.07, 0.04],
    ]
)
# Employment by age band (15–17 out of school, 18–24 not studying, 25–49, 50–64, 65+); columns in
# EmploymentStatus order: child, student, formal, informal, civil servant, self-employed, unemployed,
# homemaker, retired, unable (approximation of TÜİK Labour Force Statistics 2024).
EMP_M = np.array(
    [
        [0, 0, 0.10, 0.50, 0, 0.02, 0.25, 0, 0, 0.03],
        [0, 0, 0.48, 0.25, 0.02, 0.03, 0.15, 0, 0, 0.03],
        [0, 0, 0.54, 0.14, 0.08, 0.10, 0.05, 0, 0.01, 0.03],
        [0, 0, 0.22, 0.08, 0.04, 0.08, 0.03, 0, 0.52, 0.03],
        [0, 0, 0.01, 0.02, 0, 0.05, 0, 0, 0.82, 0.10],
    ]
)
EMP_F = np.array(
    [
        [0, 0, 0.03, 0.15, 0, 0, 0.20, 0.60, 0, 0.02],
        [0, 0, 0.30, 0.10, 0.02, 0.01, 0.10, 0.40, 0, 0.02],
        [0, 0, 0.22, 0.07, 0.06, 0.02, 0.04, 0.55, 0, 0.02],
        [0, 0, 0.08, 0.05, 0.02, 0.02, 0.01, 0.50, 0.30, 0.02],
        [0, 0, 0, 0.01, 0, 0.01, 0, 0.45, 0.43, 0.10],
    ]
)
DISABILITY_BY_AGE = ([0, 15, 45, 65, 75, 85, 100], [0.018, 0.032, 0.063, 0.135, 0.235, 0.36, 0.43])
CHRONIC_BY_AGE = ([0, 15, 45, 65, 100], [0.02, 0.05, 0.20, 0.50, 0.65])


def expand(hh: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """One row per person, in household order: reference, spouse, children, parent, other relative."""
    size = hh["size"]
    h = np.repeat(np.arange(len(size)), size)
    start = np.cumsum(size) - size
    pos = np.arange(len(h)) - start[h]
    spouse_n = hh["couple"][h].astype(np.int64)
    child_end = 1 + spouse_n + hh["children"][h]
    role = np.full(len(h), C.OTHER, dtype=np.int8)
    role[pos == 0] = C.REFERENCE
    role[(pos == 1) & (spouse_n == 1)] = C.SPOUSE
    role[(pos >= 1 + spouse_n) & (pos < child_end)] = C.CHILD
    role[(pos == child_end) & hh["has_parent"][h]] = C.PARENT
    return {"h": h, "role": role, "start": start}


def draw_age_sex(rng: np.random.Generator, hh: dict, p: dict) -> None:
    h, role = p["h"], p["role"]
    n = len(h)
    ref_age, mother = hh["ref_age"][h], hh["mother_age"][h]
    lo = np.maximum(mother - 43, 0)
    child_age = uniform_int(rng, lo, np.maximum(np.minimum(mother - 18, 30), lo))
    parent_age = np.minimum(ref_age + 20 + rng.gamma(2.0, 4.0, n).astype(np.int64), 100)
    grandchild = ref_age >= 50
    other_age = np.where(
        grandchild, rng.integers(0, 16, n), np.clip(ref_age + np.round(rng.normal(0, 6, n)), 15, 90)
    ).astype(np.int64)
    p["age"] = np.select(
        [role == C.REFERENCE, role == C.SPOUSE, role == C.CHILD, role == C.PARENT],
        [ref_age, hh["spouse_age"][h], child_age, parent_age],
        other_age,
    )
    ref_female = hh["ref_female"][h]
    female = np.select(
        [role == C.REFERENCE, role == C.SPOUSE, role == C.PARENT],
        [ref_female, ~ref_female, bernoulli(rng, 0.7, n)],
        bernoulli(rng, 0.488, n),
    )
    p["sex"] = np.where(female, C.FEMALE, C.MALE).astype(np.int8)
    p["grandchild"] = (role == C.OTHER) & grandchild


def draw_marital(rng: np.random.Generator, hh: dict, p: dict) -> None:
    h, role, age = p["h"], p["role"], p["age"]
    n = len(h)
    female = p["sex"] == C.FEMALE
    lone_widowed = rng.random(n) < np.clip((age - 35) / 40, 0.1, 0.8)
    lone = np.where(lone_widowed, C.WIDOWED, C.DIVORCED)
    band = np.digitize(age, [35, 65])
    single_probs = np.array([[0.85, 0, 0.15, 0], [0.45, 0, 0.40, 0.15], [0.10, 0, 0.07, 0.83]])
    alone = choose(rng, single_probs[band])
    alone = np.where((band == 2) & ~female & (alone == C.WIDOWED) & (rng.random(n) < 0.3), C.SINGLE, alone)
    adult_other = np.where((age >= 18) & (rng.random(n) < 0.08), C.DIVORCED, C.SINGLE)
    ref = np.where(hh["couple"][h], C.MARRIED, np.where(hh["single_parent"][h], lone, alone))
    p["marital"] = np.select(
        [role == C.REFERENCE, role == C.SPOUSE, role == C.PARENT, p["grandchild"]],
        [ref, C.MARRIED, C.WIDOWED, C.SINGLE],
        adult_other,
    ).astype(np.int8)


def draw_education(rng: np.random.Generator, hh: dict, p: dict) -> None:
    age, n = p["age"], len(p["age"])
    band = np.digitize(age, [30, 45, 65])
    adult = choose(rng, np.where((p["sex"] == C.FEMALE)[:, None], EDU_F[band], EDU_M[band]))
    z = hh["disadvantage"][p["h"]]
    shift = bernoulli(rng, np.clip(-0.1 * z, 0, 0.3), n).astype(np.int8) - bernoulli(
        rng, np.clip(0.15 * z, 0, 0.5), n
    ).astype(np.int8)
    adult = np.clip(adult + shift, C.ILLITERATE, C.HIGHER_EDU)
    adult = np.where(age < 22, np.minimum(adult, C.UPPER_EDU), adult)
    child = np.digitize(age, [7, 11, 15]).astype(np.int8)  # illiterate, literate, primary, lower secondary
    p["education"] = np.where(age >= 18, adult, child).astype(np.int8)
