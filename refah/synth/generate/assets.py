"""Assets the registry sees through the land and vehicle registers: real estate (the owned dwelling and
second homes), vehicles, land and livestock. Figures and sources: docs/synthetic.md ("Assets").
"""

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from refah.synth.generate import codes as C
from refah.synth.generate.draw import bernoulli, lognormal_factor
from refah.synth.generate.economy import NMW
from refah.synth.generate.housing import HOUSE_BASE, price_factor

CAR_NEW = 180_000_000  # 1.8 M TL, a new mid-range car (approximation)
TRACTOR_NEW = 120_000_000
LAND_PER_HECTARE = 40_000_000  # 400,000 TL per hectare of dry farmland (approximation)
CATTLE_HEAD, SHEEP_HEAD = 6_000_000, 600_000


class AssetRows:
    def __init__(self) -> None:
        self.household: list[np.ndarray] = []
        self.kind: list[int] = []
        self.value: list[np.ndarray] = []
        self.description: list[pa.Array] = []

    def add(self, who: np.ndarray, kind: int, value: np.ndarray, description: pa.Array) -> None:
        idx = np.flatnonzero(who)
        self.household.append(idx)
        self.kind.append(np.full(len(idx), kind, dtype=np.int8))
        self.value.append(np.round(value[idx], -2).astype(np.int64))
        self.description.append(description.filter(pa.array(who)))

    def columns(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, pa.Array]:
        household = np.concatenate(self.household)
        order = np.argsort(household, kind="stable")
        description = pa.concat_arrays(self.description).take(pa.array(order))
        return household[order], np.concatenate(self.kind)[order], np.concatenate(self.value)[order], description


def _text(*parts: pa.Array | str) -> pa.Array:
    values = [pa.scalar(part) if isinstance(part, str) else part for part in parts]
    return pc.binary_join_element_wise(*values, "")


def _number(values: np.ndarray) -> pa.Array:
    return pa.array(values.astype(np.int64)).cast(pa.string())


# (slope, intercept) of the car ownership logit in log(income / NMW); world B: fewer cars, less tied to income
CAR_LOGIT = {"a": (1.2, -0.6), "b": (0.9, -0.9)}


def draw_assets(
    rng: np.random.Generator, hh: dict, income: np.ndarray, world: str = "a"
) -> tuple[AssetRows, np.ndarray]:
    """Asset rows and, per household, the monthly rent received from a second home (0 if none)."""
    n, rural, east = len(hh["size"]), hh["rural"], hh["east"]
    rows = AssetRows()
    owner = hh["tenure"] == C.T_OWNER
    house = HOUSE_BASE * price_factor()[hh["plate"]] * hh["rooms"] / 3 * lognormal_factor(rng, 0, 0.35, n)
    house *= np.where(rural, 0.4, 1.0) * np.where(hh["dwelling"] == C.D_GECEKONDU, 0.4, 1.0)
    rows.add(owner, C.A_REAL_ESTATE, house, _text("Oturulan konut, ", _number(hh["rooms"]), " oda"))
    second = owner & bernoulli(rng, 0.04 + 0.10 * (income > 3 * NMW), n)
    second_value = HOUSE_BASE * price_factor()[hh["plate"]] * lognormal_factor(rng, -0.2, 0.4, n)
    rows.add(second, C.A_REAL_ESTATE, second_value, pa.array(np.full(n, "İkinci konut")))
    rent_received = np.where(second & bernoulli(rng, 0.5, n), np.round(second_value * 0.0035, -2), 0)
    _vehicles(rng, hh, income, rows, world)
    hectares10 = np.maximum(np.round(10 * lognormal_factor(rng, 0.5, 0.9, n)), 1)
    land = bernoulli(rng, np.where(rural, 0.55, 0.04), n)
    land_value = hectares10 / 10 * LAND_PER_HECTARE * (1 - 0.4 * east) * lognormal_factor(rng, 0, 0.3, n)
    ha_text = _text("Tarla, ", _number(hectares10 // 10), ",", _number(hectares10 % 10), " ha")
    rows.add(land, C.A_LAND, land_value, ha_text)
    herd = rural & bernoulli(rng, 0.35, n)
    cattle = rng.random(n) < 0.6
    heads = np.where(cattle, 1 + rng.poisson(4, n), 10 + rng.poisson(40, n))
    herd_value = heads * np.where(cattle, CATTLE_HEAD, SHEEP_HEAD) * lognormal_factor(rng, 0, 0.2, n)
    kind_text = pc.if_else(pa.array(cattle), pa.scalar("Büyükbaş, "), pa.scalar("Küçükbaş, "))
    rows.add(herd, C.A_LIVESTOCK, herd_value, _text(kind_text, _number(heads), " baş"))
    return rows, rent_received.astype(np.int64)


def _vehicles(rng: np.random.Generator, hh: dict, income: np.ndarray, rows: AssetRows, world: str) -> None:
    """A car more likely with income; some farmers own a tractor instead."""
    n = len(hh["size"])
    slope, intercept = CAR_LOGIT[world]
    logit = slope * np.log(np.maximum(income, NMW / 10) / NMW) + intercept
    p_car = 1 / (1 + np.exp(-logit)) * np.where(hh["nationality"] != C.TR, 0.3, 1.0)
    car = bernoulli(rng, p_car, n)
    age = np.minimum(rng.gamma(2.0, 5.0, n), 29).astype(np.int64)
    tractor = hh["rural"] & bernoulli(rng, 0.3, n)
    value = np.where(tractor, TRACTOR_NEW * 0.93**age, CAR_NEW * 0.9**age) * lognormal_factor(rng, 0, 0.25, n)
    kind = pc.if_else(pa.array(tractor), pa.scalar("Traktör, "), pa.scalar("Otomobil, "))
    rows.add(car, C.A_VEHICLE, value, _text(kind, _number(2025 - age), " model"))
