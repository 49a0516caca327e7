"""Reference tables the generator draws from: provinces, districts, neighbourhoods and names.

Seed-independent: the same district always has the same neighbourhood names, so data sets generated
with different seeds share one gazetteer.
"""

import csv
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DISTRICTS_CSV = Path(__file__).resolve().parents[2] / "geo" / "data" / "tr-districts.csv"
GAZETTEER_SEED = 2025  # fixed so neighbourhood names do not change with the data seed


@dataclass(frozen=True)
class Provinces:
    """One row per province, indexed by plate (row 0 unused)."""

    population: np.ndarray
    mean_size: np.ndarray
    foreign_share: np.ndarray
    metropolitan: np.ndarray
    east: np.ndarray  # 0 (west) .. 1 (Şanlıurfa): drives poverty, informality, heating, schooling


@dataclass(frozen=True)
class Districts:
    pcodes: list[str]  # dictionary of district_pcode, in CSV order
    plate: np.ndarray
    central: np.ndarray  # the province's central district (same name as the province)
    cum: np.ndarray  # plate + cumulative within-province weight, for a vectorised draw
    n_mahalle: np.ndarray
    n_village: np.ndarray
    offset: np.ndarray
    step_mahalle: np.ndarray
    step_village: np.ndarray


@dataclass(frozen=True)
class Places:
    names: list[str]  # dictionary of the neighbourhood column: mahalle names then village names
    n_mahalle_names: int
    n_village_names: int
    streets: list[str]


def read_list(name: str) -> list[str]:
    lines = (DATA_DIR / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip()]


@cache
def provinces() -> Provinces:
    with open(DATA_DIR / "provinces.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    table = np.zeros((82, 4))
    for row in rows:
        plate = int(row["plate"])
        table[plate] = [
            float(row["population"]),
            float(row["mean_household_size"]),
            float(row["foreign_share"]),
            float(row["metropolitan"]),
        ]
    east = np.clip((table[:, 1] - 3.0) / 2.3, 0.0, 1.0)
    return Provinces(table[:, 0], table[:, 1], table[:, 2], table[:, 3] > 0, east)


@cache
def districts() -> Districts:
    with open(DISTRICTS_CSV, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    rng = np.random.default_rng(GAZETTEER_SEED)
    n = len(rows)
    plate = np.array([int(r["il_pcode"][3:]) for r in rows], dtype=np.int16)
    # No district populations in the reference file: the central district (same name as the
    # province) weighs 4, the others 0.5–1.5 (approximation, documented in docs/synthetic.md).
    central = np.array([r["ilce"] == r["il"] for r in rows])
    weight = np.where(central, 4.0, rng.uniform(0.5, 1.5, n))
    cum = np.empty(n)
    for p in np.unique(plate):
        sel = plate == p
        w = np.cumsum(weight[sel])
        cum[sel] = p + w / w[-1]
    places = places_reference()
    return Districts(
        pcodes=[r["ilce_pcode"] for r in rows],
        plate=plate,
        central=central,
        cum=cum,
        n_mahalle=np.where(central, 40, rng.integers(6, 25, n)),
        n_village=rng.integers(8, 60, n),
        offset=rng.integers(0, 10_000, n),
        step_mahalle=_coprime_steps(rng, places.n_mahalle_names, n),
        step_village=_coprime_steps(rng, places.n_village_names, n),
    )


def _coprime_steps(rng: np.random.Generator, modulus: int, n: int) -> np.ndarray:
    """Steps coprime with the list length, so k -> offset + k*step walks distinct names."""
    candidates = np.array([s for s in range(1, modulus) if math.gcd(s, modulus) == 1])
    return rng.choice(candidates, n)


@cache
def places_reference() -> Places:
    mahalle = read_list("neighbourhoods")
    villages = read_list("villages")
    names = [f"{m} MAHALLESİ" for m in mahalle] + [f"{v} KÖYÜ" for v in villages]
    return Places(names, len(mahalle), len(villages), read_list("streets"))


@cache
def names() -> dict[str, list[str]]:
    """First names by culture and sex, surnames by culture: tr, ar (Arabic), fa (Persian/Dari)."""
    return {
        "tr_M": read_list("male_names"),
        "tr_F": read_list("female_names"),
        "tr_last": read_list("surnames"),
        "ar_M": read_list("arabic_male_names"),
        "ar_F": read_list("arabic_female_names"),
        "ar_last": read_list("arabic_surnames"),
        "fa_M": read_list("persian_male_names"),
        "fa_F": read_list("persian_female_names"),
        "fa_last": read_list("persian_surnames"),
    }
