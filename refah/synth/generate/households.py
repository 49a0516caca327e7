"""Households: where they live, who they are (composition and ages of the core members).

Distributions and their sources are documented in docs/synthetic.md ("Households").
"""

import numpy as np

from refah.synth.generate import codes as C
from refah.synth.generate.draw import bernoulli, choose, choose_fixed
from refah.synth.generate.reference import districts, places_reference, provinces

MAX_SIZE = 14
SINGLE_PARENT_SHARE = 0.09  # of multi-person households (TÜİK Family Structure Survey ~ 9 %)
NATIONALITY_MIX = {  # shares of SY, AF, IR, IQ among foreign households, by region (approximation)
    "east_border": [0.10, 0.45, 0.35, 0.10],  # Iğdır, Van, Ağrı, Kars…: Afghans and Iranians
    "syria_border": [0.92, 0.03, 0.00, 0.05],
    "other": [0.60, 0.15, 0.10, 0.15],
}
EAST_BORDER = [4, 13, 25, 30, 36, 49, 65, 75, 76]
SYRIA_BORDER = [1, 2, 21, 27, 31, 33, 44, 46, 47, 63, 72, 73, 79, 80]


def draw_places(rng: np.random.Generator, plates: np.ndarray) -> dict[str, np.ndarray]:
    """District, rural flag and neighbourhood of each household."""
    n = len(plates)
    prov, dist = provinces(), districts()
    district = np.searchsorted(dist.cum, plates + rng.random(n), side="right").astype(np.int16)
    rural_share = np.where(prov.metropolitan[plates], 0.10, 0.28)
    rural_share = np.where(plates == 34, 0.01, np.where(np.isin(plates, [6, 35, 41]), 0.04, rural_share))
    rural = bernoulli(rng, rural_share, n)
    places = places_reference()
    count = np.where(rural, dist.n_village[district], dist.n_mahalle[district])
    k = np.floor(rng.random(n) * count).astype(np.int64)
    step = np.where(rural, dist.step_village[district], dist.step_mahalle[district])
    modulus = np.where(rural, places.n_village_names, places.n_mahalle_names)
    name = (dist.offset[district] + k * step) % modulus + np.where(rural, places.n_mahalle_names, 0)
    return {"district": district, "rural": rural, "neighbourhood": name.astype(np.int32)}


def draw_nationality(rng: np.random.Generator, plates: np.ndarray) -> np.ndarray:
    """TR for citizens' households, else SY/AF/IR/IQ by the province's region."""
    n = len(plates)
    foreign = bernoulli(rng, provinces().foreign_share[plates], n)
    region = np.where(np.isin(plates, EAST_BORDER), 0, np.where(np.isin(plates, SYRIA_BORDER), 1, 2))
    mixes = np.array([NATIONALITY_MIX[name] for name in ("east_border", "syria_border", "other")])
    return np.where(foreign, 1 + choose(rng, mixes[region]), C.TR).astype(np.int8)


def draw_size(rng: np.random.Generator, mean_size: np.ndarray) -> np.ndarray:
    """One-person share falls with the province's mean size; the rest is 2 + Poisson, calibrated to the mean."""
    n = len(mean_size)
    p_single = np.clip(0.45 - 0.085 * mean_size, 0.05, 0.25)
    lam = (mean_size - p_single) / (1.0 - p_single) - 2.0
    size = 2 + np.minimum(rng.poisson(lam), MAX_SIZE - 2)
    return np.where(rng.random(n) < p_single, 1, size).astype(np.int64)


def draw_composition(rng: np.random.Generator, size: np.ndarray, east: np.ndarray) -> dict[str, np.ndarray]:
    """Household type and the count of each role: reference, spouse, children, a parent, another relative."""
    n = len(size)
    single_parent = (size >= 2) & bernoulli(rng, SINGLE_PARENT_SHARE, n)
    couple = (size >= 2) & ~single_parent
    has_parent = (size >= 3) & bernoulli(rng, 0.07 + 0.06 * east, n)
    has_other = (size >= 4) & bernoulli(rng, 0.05, n)
    children = size - 1 - couple - has_parent - has_other
    return {
        "size": size,
        "couple": couple,
        "single_parent": single_parent,
        "has_parent": has_parent,
        "has_other": has_other,
        "children": children,
    }


def draw_core_ages(rng: np.random.Generator, hh: dict[str, np.ndarray], east: np.ndarray) -> None:
    """Ages and sexes of the reference person, the spouse and the mother of the children."""
    n = len(east)
    kids = np.minimum(hh["children"], 6)
    mother = 20 + 1.5 * kids + rng.gamma(2.6, 8.0 - 2.0 * east)
    mother = np.minimum(np.round(mother), 75).astype(np.int64)
    young = rng.random(n) < 0.25  # young couples among childless couples
    old_couple = np.minimum(50 + rng.gamma(2.0, 8.0, n), 95).astype(np.int64)
    wife = np.where(hh["children"] > 0, mother, np.where(young, rng.integers(20, 33, n), old_couple))
    husband = wife + np.maximum(np.round(rng.normal(3.5, 3.0, n)), -3).astype(np.int64)
    husband = np.clip(husband, 18, 100)
    female_ref = bernoulli(rng, 0.04, n)  # couples where the wife is the reference person
    single_age, single_female = _single_person(rng, n)
    parent_female = bernoulli(rng, 0.8, n)
    lone_parent_age = np.minimum(mother + np.where(parent_female, 0, 3) + rng.integers(0, 6, n), 85)
    couple, lone = hh["couple"], hh["single_parent"]
    hh["ref_female"] = np.where(couple, female_ref, np.where(lone, parent_female, single_female))
    hh["ref_age"] = np.where(couple, np.where(female_ref, wife, husband), np.where(lone, lone_parent_age, single_age))
    hh["spouse_age"] = np.where(female_ref, husband, wife)
    hh["mother_age"] = np.where(couple, wife, lone_parent_age)


def _single_person(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """One-person households: ~30 % young adults, ~30 % middle-aged, ~40 % elderly (mostly women)."""
    band = choose_fixed(rng, [0.30, 0.30, 0.40], n)
    age = np.select(
        [band == 0, band == 1],
        [rng.integers(19, 35, n), rng.integers(35, 65, n)],
        np.minimum(65 + rng.gamma(2.0, 6.0, n), 100).astype(np.int64),
    )
    female = rng.random(n) < np.array([0.40, 0.45, 0.70])[band]
    return age, female


# World B's observable processes differ a little (docs/synthetic.md, "World B"): households 5 % larger, and the
# latent disadvantage weighs the east less and villages and foreigners more.
SIZE_FACTOR = {"a": 1.0, "b": 1.05}
DISADVANTAGE_WEIGHTS = {"a": (0.8, 0.3, 0.6), "b": (0.6, 0.5, 0.8)}  # east, rural, foreign


def draw_households(rng: np.random.Generator, plates: np.ndarray, world: str = "a") -> dict[str, np.ndarray]:
    """All household-level columns that persons depend on."""
    prov = provinces()
    east = prov.east[plates]
    hh = draw_places(rng, plates)
    hh["plate"] = plates
    hh["east"] = east
    hh["nationality"] = draw_nationality(rng, plates)
    hh.update(draw_composition(rng, draw_size(rng, prov.mean_size[plates] * SIZE_FACTOR[world]), east))
    draw_core_ages(rng, hh, east)
    foreign = hh["nationality"] != C.TR
    # latent disadvantage: correlates unemployment, low wages, schooling, housing within a household
    w_east, w_rural, w_foreign = DISADVANTAGE_WEIGHTS[world]
    hh["disadvantage"] = rng.normal(0, 1, len(plates)) + w_east * east + w_rural * hh["rural"] + w_foreign * foreign
    return hh
