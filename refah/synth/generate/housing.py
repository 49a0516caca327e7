"""Dwelling, tenure, rent, heating, rooms, address; and the assets the registry sees (vehicles, real
estate, land, livestock). Figures and sources: docs/synthetic.md ("Housing and assets").
"""

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from refah.synth.generate import codes as C
from refah.synth.generate.draw import choose, lognormal_factor
from refah.synth.generate.reference import places_reference, provinces

EARTHQUAKE_HEAVY = [2, 31, 44, 46]  # container cities after the February 2023 earthquakes
EARTHQUAKE_LIGHT = [1, 21, 23, 27, 63, 80]
WARM_COAST = [1, 7, 9, 31, 33, 35, 48, 80]
RENT_BASE = {34: 2_000_000, 6: 1_500_000, 35: 1_500_000, 7: 1_500_000, 48: 1_500_000, 41: 1_400_000}
HOUSE_BASE = 250_000_000  # 2.5 M TL, typical urban flat (approximation of 2025 asking prices)


def rent_base() -> np.ndarray:
    """Typical monthly rent of a 3-room flat by plate, kuruş (approximation of 2025 listings)."""
    base = np.where(provinces().metropolitan, 1_100_000, 800_000)
    for plate, value in RENT_BASE.items():
        base[plate] = value
    return base


def price_factor() -> np.ndarray:
    """House prices relative to HOUSE_BASE by plate."""
    prov = provinces()
    factor = np.where(prov.metropolitan, 1.0, 0.8) * (1 - 0.3 * prov.east)
    factor[34] = 2.0
    factor[[6, 7, 35, 48]] = 1.4
    return factor


def draw_dwelling(rng: np.random.Generator, hh: dict) -> None:
    n, z, rural, east = len(hh["size"]), hh["disadvantage"], hh["rural"], hh["east"]
    foreign = hh["nationality"] != C.TR
    urban_w = np.array([0.74, 0.18, 0.05, 0.01, 0.02])
    rural_w = np.array([0.08, 0.86, 0.01, 0.01, 0.04])
    w = np.where(rural[:, None], rural_w, urban_w)
    w[:, C.D_GECEKONDU] *= np.where(z > 1, 3.0, 1.0)
    w[:, C.D_TEMPORARY] += np.select(
        [np.isin(hh["plate"], EARTHQUAKE_HEAVY), np.isin(hh["plate"], EARTHQUAKE_LIGHT)], [0.04, 0.01], 0
    )
    hh["dwelling"] = choose(rng, w)
    tw = np.where(rural[:, None], [0.85, 0.04, 0.10, 0.0, 0.01], [0.58, 0.28, 0.11, 0.01, 0.01])
    tw[:, C.T_OWNER] *= np.exp(-0.3 * z) * np.where(hh["ref_age"] < 30, 0.4, 1.0) * np.where(foreign, 0.1, 1.0)
    tw[:, C.T_TENANT] *= np.where(foreign, 3.0, 1.0)
    temporary = hh["dwelling"] == C.D_TEMPORARY
    hh["tenure"] = np.where(temporary & (rng.random(n) < 0.6), C.T_PUBLIC, choose(rng, tw)).astype(np.int8)
    rooms = np.round(1.6 + 0.35 * hh["size"] - 0.3 * z + rng.normal(0, 0.7, n))
    rooms = rooms - (hh["dwelling"] == C.D_GECEKONDU)
    hh["rooms"] = np.where(temporary, 1, np.clip(rooms, 1, 8)).astype(np.int8)
    rent = rent_base()[hh["plate"]] * (1 - 0.25 * east) * (0.7 + 0.1 * hh["rooms"]) * lognormal_factor(rng, 0, 0.3, n)
    rent *= np.where(hh["dwelling"] == C.D_GECEKONDU, 0.6, 1.0) * np.where(rural, 0.5, 1.0)
    hh["rent"] = np.where(hh["tenure"] == C.T_TENANT, np.round(rent, -2), 0).astype(np.int64)
    hw = np.where(rural[:, None], [0.35, 0.45, 0.08, 0.01, 0.06, 0.05], [0.12, 0.04, 0.68, 0.10, 0.05, 0.01])
    hw[:, C.H_COAL] += 0.30 * east + 0.15 * (z > 1)
    hw[:, C.H_WOOD] += 0.10 * east * rural
    warm = np.isin(hh["plate"], WARM_COAST)
    hw[:, C.H_ELECTRIC] += 0.15 * warm
    hw[:, C.H_NOHEAT] += 0.04 * warm
    hh["heating"] = choose(rng, hw)


def address_lines(rng: np.random.Generator, hh: dict) -> pa.Array:
    """ "ATATÜRK CADDESİ NO:12 D:3" in towns, "KÖY İÇİ NO:7" in villages."""
    n = len(hh["size"])
    streets = pa.array(places_reference().streets)
    street = streets.take(pa.array(rng.integers(0, len(streets), n)))
    street = pc.if_else(pa.array(hh["rural"]), pa.scalar("KÖY İÇİ"), street)
    number = pa.array(rng.integers(1, 120, n)).cast(pa.string())
    flat = pa.array(rng.integers(1, 25, n)).cast(pa.string())
    flat = pc.binary_join_element_wise(pa.scalar(" D:"), flat, "")
    flat = pc.if_else(pa.array(hh["dwelling"] == C.D_APARTMENT), flat, pa.scalar(""))
    return pc.binary_join_element_wise(street, pa.scalar(" NO:"), number, flat, "")
