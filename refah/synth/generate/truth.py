"""The hidden side of welfare: under-reported income, private transfers, local prices, location effects, and
real consumption per adult equivalent. Two worlds built by different processes (`WORLDS`):

- "a" (the default): envelope wages, under-declared self-employment and farm income in kind, family help to
  the poor, the elderly and single mothers, a NUTS-1 price table, district and neighbourhood effects drawn
  from a normal law;
- "b": a two-part under-reporting model with province-varying rates on the household's non-formal income
  share, gap-filling transfers and remittances to the east and to foreigners, a price level that is a smooth
  function of the province, heavy-tailed location effects that follow the east gradient, another Engel curve.

Everything here acts on truth only and draws from its own random streams (never the batch's main stream),
so the registry-visible columns of world "a" are those the generator produced before truth was modelled.
Figures and sources: docs/synthetic.md ("Truth" and "World B").
"""

from dataclasses import dataclass
from functools import cache

import numpy as np

from refah.synth.generate import codes as C
from refah.synth.generate.reference import districts, provinces

WORLDS = ("a", "b")
ERR_UNKNOWN_WORLD = "Unknown world: {world!r} (expected one of: {choices})."
NMW = 2_210_467  # net minimum wage 2025-01, kuruş
SUBSISTENCE_PER_ADULT = 250_000  # consumption floor per equivalent adult, national prices (in kind, home production)
TRUTH_STREAM = 101  # rng([seed, batch, TRUTH_STREAM]): per-batch truth draws
LOCATION_STREAM = 102  # rng([seed, LOCATION_STREAM, world]): district and province effects, the same in every batch

# NUTS-1 regions (İBBS Düzey 1) by plate, and world A's price level per region (national = 1).
NUTS1 = {
    "TR1": [34],
    "TR2": [10, 17, 22, 39, 59],
    "TR3": [3, 9, 20, 35, 43, 45, 48, 64],
    "TR4": [11, 14, 16, 26, 41, 54, 77, 81],
    "TR5": [6, 42, 70],
    "TR6": [1, 7, 15, 31, 32, 33, 46, 80],
    "TR7": [38, 40, 50, 51, 58, 66, 68, 71],
    "TR8": [5, 18, 19, 37, 55, 57, 60, 67, 74, 78],
    "TR9": [8, 28, 29, 52, 53, 61],
    "TRA": [4, 24, 25, 36, 69, 75, 76],
    "TRB": [12, 13, 23, 30, 44, 49, 62, 65],
    "TRC": [2, 21, 27, 47, 56, 63, 72, 73, 79],
}
PRICE_A = {
    "TR1": 1.18,
    "TR2": 0.99,
    "TR3": 1.02,
    "TR4": 1.01,
    "TR5": 1.04,
    "TR6": 0.98,
    "TR7": 0.93,
    "TR8": 0.92,
    "TR9": 0.93,
    "TRA": 0.87,
    "TRB": 0.88,
    "TRC": 0.88,
}


@dataclass(frozen=True)
class World:
    name: str
    engel_elasticity: float  # d log consumption / d log resources (per adult equivalent, real)
    consumption_noise: float  # sd of the household's log consumption around the Engel curve
    district_sd: float
    neighbourhood_sd: float
    central_effect: float  # log welfare effect of the province's central district
    village_effect: float  # log welfare effect of living in a village


WORLD = {
    "a": World("a", 0.85, 0.25, 0.14, 0.10, 0.08, -0.10),
    "b": World("b", 0.75, 0.30, 0.10, 0.15, 0.04, -0.04),
}


def check_world(world: str) -> World:
    if world not in WORLD:
        raise ValueError(ERR_UNKNOWN_WORLD.format(world=world, choices=", ".join(WORLDS)))
    return WORLD[world]


def equivalence_scale(hh: dict, p: dict) -> np.ndarray:
    """OECD-modified scale: 1 for the first adult, 0.5 per other member 14+, 0.3 per child under 14."""
    young = np.bincount(p["h"], p["age"] < 14, minlength=len(hh["size"]))
    return 0.5 + 0.5 * (hh["size"] - young) + 0.3 * young


# ---- location: prices and welfare effects, fixed per district / neighbourhood by the seed -------------------


def _plate_region() -> np.ndarray:
    region = np.zeros(82, dtype=np.int64)
    for i, plates in enumerate(NUTS1.values()):
        region[plates] = i
    return region


@cache
def _location_tables(seed: int, world: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(district log welfare effect, district price level, province price level), indexed by district / plate."""
    w = WORLD[world]
    dist, prov = districts(), provinces()
    rng = np.random.default_rng([seed, LOCATION_STREAM, WORLDS.index(world)])
    n = len(dist.pcodes)
    central = dist.central
    if world == "a":
        effect = rng.normal(0.0, w.district_sd, n) + np.where(central, w.central_effect, -0.02)
        province_price = np.array([PRICE_A[r] for r in NUTS1])[_plate_region()]
        district_price = np.where(central, 1.03, 0.98) * np.ones(n)
    else:
        # heavy tails (Student t, 3 df) and a gradient: districts far from the west lag behind more
        effect = w.district_sd * rng.standard_t(3, n) + np.where(central, w.central_effect, 0.0)
        effect -= 0.12 * prov.east[dist.plate] * ~central
        metro = prov.metropolitan.astype(float)
        size = np.log(np.maximum(prov.population, 1.0) / np.median(prov.population[1:]))
        province_price = 0.96 + 0.03 * size + 0.05 * metro + 0.12 * (np.arange(82) == 34) - 0.10 * prov.east
        province_price *= np.exp(rng.normal(0.0, 0.03, 82))
        district_price = np.exp(rng.normal(0.0, 0.03, n)) * np.where(central, 1.02, 1.0)
    return effect, district_price, province_price


def _hash_normal(seed: int, a: np.ndarray, b: np.ndarray, salt: int) -> np.ndarray:
    """A standard normal value fixed by (seed, a, b): the same neighbourhood gets the same draw in every batch."""
    with np.errstate(over="ignore"):
        x = (a.astype(np.uint64) << np.uint64(32)) ^ b.astype(np.uint64) ^ np.uint64((seed * 0x9E3779B1 + salt) % 2**64)
        u = []
        for k in (1, 2):
            z = x + np.uint64((k * 0x9E3779B97F4A7C15) % 2**64)
            z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
            z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
            z = z ^ (z >> np.uint64(31))
            u.append(((z >> np.uint64(11)).astype(np.float64) + 0.5) / 2.0**53)
    return np.sqrt(-2.0 * np.log(u[0])) * np.cos(2.0 * np.pi * u[1])


def location(seed: int, world: str, hh: dict) -> tuple[np.ndarray, np.ndarray]:
    """(log welfare effect, price level permille) of each household's district and neighbourhood."""
    w = WORLD[world]
    effect, district_price, province_price = _location_tables(seed, world)
    district, rural = hh["district"].astype(np.int64), hh["rural"]
    salt = 7 + WORLDS.index(world)
    neighbourhood = w.neighbourhood_sd * _hash_normal(seed, district, hh["neighbourhood"], salt)
    log_effect = effect[district] + neighbourhood + np.where(rural, w.village_effect, 0.0)
    village_price = 0.93 if world == "a" else 0.88
    price = province_price[hh["plate"]] * district_price[district] * np.where(rural, village_price, 1.0)
    return log_effect, np.round(1000 * price).astype(np.int64)


# ---- hidden income ------------------------------------------------------------------------------------------


def hidden_income_a(rng: np.random.Generator, hh: dict, p: dict, declared_person: np.ndarray) -> np.ndarray:
    """World A, per person: envelope wages on top of a declared minimum wage, self-employment and farm income
    declared in part (on top of what the base model hides), home production in villages, cash work of
    homemakers and the unemployed."""
    emp, n = p["employment"], len(p["h"])
    z = hh["disadvantage"][p["h"]]
    rural = hh["rural"][p["h"]]
    near_nmw = (emp == C.E_FORMAL) & (declared_person <= 1.05 * NMW)
    envelope = near_nmw & (rng.random(n) < 0.35)
    hidden = np.where(envelope, NMW * rng.uniform(0.1, 0.7, n), 0.0)
    farmer = (emp == C.E_SELF) & rural
    hidden += np.where(emp == C.E_SELF, NMW * np.exp(rng.normal(np.where(farmer, -0.7, -0.3), 0.7, n)), 0.0)
    home_production = rural & (p["role"] == C.REFERENCE) & (rng.random(n) < 0.6)
    hidden += np.where(home_production, NMW * np.exp(rng.normal(-1.6, 0.5, n)), 0.0)
    cash_work = ((emp == C.E_HOMEMAKER) | (emp == C.E_UNEMPLOYED)) & (rng.random(n) < 0.06 + 0.04 * (z > 1))
    hidden += np.where(cash_work, NMW * np.exp(rng.normal(-1.0, 0.5, n)), 0.0)
    informal = emp == C.E_INFORMAL  # the base model's informal earnings are set low: part of them is in cash tips
    hidden += np.where(informal & (rng.random(n) < 0.5), NMW * np.exp(rng.normal(-1.2, 0.5, n)), 0.0)
    return hidden


def hidden_income_b(
    rng: np.random.Generator, seed: int, hh: dict, p: dict, declared_person: np.ndarray, base_informal: np.ndarray
) -> np.ndarray:
    """World B, per person: a two-part model. Whether a household hides income at all depends on its
    disadvantage and place; how much is a province-varying rate applied to its non-formal income mix."""
    h, emp, n = p["h"], p["employment"], len(p["h"])
    n_hh = len(hh["size"])
    prov_rng = np.random.default_rng([seed, LOCATION_STREAM, 99])
    rate = np.clip(0.25 + 0.25 * provinces().east + prov_rng.normal(0.0, 0.06, 82), 0.05, 0.75)[hh["plate"]]
    logit = -0.4 + 0.6 * hh["disadvantage"] + 0.5 * hh["rural"]
    hides = rng.random(n_hh) < 1.0 / (1.0 + np.exp(-logit))
    formal = (emp == C.E_FORMAL) | (emp == C.E_CIVIL) | (emp == C.E_RETIRED)
    formal_income = np.bincount(h, np.where(formal, declared_person, 0.0), minlength=n_hh)
    other_income = np.bincount(h, np.where(formal, 0.0, declared_person), minlength=n_hh)
    workers = np.bincount(h, (emp != C.E_CHILD) & (emp != C.E_UNABLE) & (emp != C.E_STUDENT), minlength=n_hh)
    mix = other_income / np.maximum(formal_income + other_income, 1.0)
    # hidden share of true income = rate × (non-formal share, and a floor for households of only formal earners)
    share = rate * (0.25 + 0.75 * mix) * np.exp(rng.normal(0.0, 0.3, n_hh))
    share = np.clip(share, 0.0, 0.85)
    declared = formal_income + other_income
    hidden_hh = np.where(hides, declared * share / (1.0 - share), 0.0)
    # households with nothing declared: cash work by a member, amounts by the province's informal wage
    nothing = hides & (declared == 0) & (workers > 0)
    hidden_hh += np.where(nothing, NMW * rate * np.exp(rng.normal(0.0, 0.5, n_hh)), 0.0)
    # spread over persons: to the reference person (what matters is the household total)
    person = np.zeros(n)
    person[p["start"]] = hidden_hh
    # world B keeps only a share of the base model's informal earnings: its hidden income is the two-part model
    return person + 0.5 * base_informal


# ---- private transfers ---------------------------------------------------------------------------------------


def private_transfers(rng: np.random.Generator, world: str, hh: dict, p: dict, resources_ae: np.ndarray) -> np.ndarray:
    """Family help and remittances a month, per household (kuruş, nominal)."""
    n = len(hh["size"])
    ref = p["start"]
    elderly_head = p["age"][ref] >= 65
    woman_head = p["sex"][ref] == C.FEMALE
    single_mother = hh["single_parent"] & woman_head & (hh["children"] > 0)
    alone_elderly = (hh["size"] == 1) & elderly_head
    poor = resources_ae < 0.5 * NMW
    foreign = hh["nationality"] != C.TR
    if world == "a":
        prob = 0.08 + 0.15 * poor + 0.15 * elderly_head + 0.20 * single_mother + 0.10 * alone_elderly - 0.05 * foreign
        amount = NMW * np.exp(rng.normal(-1.4 + 0.3 * single_mother + 0.2 * elderly_head, 0.6, n))
        return np.round(np.where(rng.random(n) < prob, amount, 0.0)).astype(np.int64)
    # world B: gap-filling family help (a share of the shortfall below 60 % of the NMW per adult equivalent),
    # and remittances from abroad or from migrants in the west, more to the east and to foreign households
    scale = equivalence_scale(hh, p)
    gap = np.maximum(0.0, 0.6 * NMW - resources_ae) * scale
    helped = rng.random(n) < 0.35
    remit = rng.random(n) < 0.03 + 0.10 * hh["east"] + 0.12 * foreign
    amount = np.where(helped, gap * rng.uniform(0.2, 0.6, n), 0.0)
    amount += np.where(remit, NMW * np.exp(rng.normal(-0.9, 0.7, n)), 0.0)
    return np.round(amount).astype(np.int64)


# ---- putting it together -------------------------------------------------------------------------------------


def true_welfare(rng: np.random.Generator, noise: np.ndarray, seed: int, world: str, hh: dict, p: dict, rows) -> None:
    """Sets hh true_income, true_informal, private_transfers, price_index (permille), consumption_ae (real, per
    adult equivalent, national prices) and consumption_pp (nominal per person, local prices).

    `rng` is the batch's truth stream; `noise` two standard normal rows per household from the batch's main
    stream (the draws the generator always made there for consumption, so the columns after them keep theirs)."""
    w = check_world(world)
    n_hh = len(hh["size"])
    declared_person = np.zeros(len(p["h"]))
    person = np.concatenate(rows.person)
    np.add.at(declared_person, person, np.concatenate(rows.amount).astype(np.float64))
    if world == "a":
        hidden_person = rows.informal + hidden_income_a(rng, hh, p, declared_person)
    else:
        hidden_person = hidden_income_b(rng, seed, hh, p, declared_person, rows.informal)
    declared = np.round(np.bincount(p["h"], declared_person, minlength=n_hh)).astype(np.int64)
    hidden = np.round(np.bincount(p["h"], hidden_person, minlength=n_hh)).astype(np.int64)
    hh["true_income"] = declared + hidden
    hh["true_informal"] = hidden
    scale = equivalence_scale(hh, p)
    log_effect, price_permille = location(seed, world, hh)
    price = price_permille / 1000.0
    transfers = private_transfers(rng, world, hh, p, hh["true_income"] / scale)
    hh["private_transfers"] = transfers
    hh["price_index"] = price_permille.astype(np.int32)
    real_resources = (hh["true_income"] + transfers) / scale / price
    k = 0.9 * 2_500_000 ** (1 - w.engel_elasticity)  # consumption ≈ 90 % of resources at 25,000 TL per adult
    real = k * real_resources**w.engel_elasticity * np.exp(log_effect + w.consumption_noise * noise[0])
    floor = SUBSISTENCE_PER_ADULT * np.exp(0.2 * noise[1])
    consumption_ae = np.round(np.maximum(real, floor)).astype(np.int64)
    hh["consumption_ae"] = consumption_ae
    hh["consumption_pp"] = np.round(consumption_ae * price * scale / hh["size"]).astype(np.int64)
