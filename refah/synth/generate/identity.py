"""Nationality, protection status, identity numbers and names.

TC Kimlik No and foreigners' numbers (99…) are checksum-valid and unique across a whole data set:
the nine leading digits are an affine bijection (seeded) of the person key (citizens) or of a running
count of numbered foreigners, and the two check digits are computed column-wise.
"""

import math

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from refah.synth.generate import codes as C
from refah.synth.generate.reference import names

CITIZEN_BASE, CITIZEN_SPACE = 100_000_000, 890_000_000  # first nine digits 100000000..989999999, never 99…
FOREIGN_BASE, FOREIGN_SPACE = 990_000_000, 10_000_000  # 990000000..999999999
# Mobile numbers 052X XXX XX XX: the whole 52X block, which BTK's numbering plan has not allocated to an operator.
PHONE_PREFIX, PHONE_SPACE = "052", 100_000_000
OWN_MOBILE_SHARE = 0.85  # adults other than the reference person with a mobile of their own
_DIGIT_PAIRS = np.array([[48 + i // 10, 48 + i % 10] for i in range(100)], np.uint8)  # "00" … "99" as bytes
CULTURE = {C.TR: "tr", C.SY: "ar", C.IQ: "ar", C.AF: "fa", C.IR: "fa"}


def affine_permutation(keys: np.ndarray, space: int, seed: int, salt: int) -> np.ndarray:
    """A seeded bijection of [0, space): distinct keys give distinct values."""
    rng = np.random.default_rng([seed, salt])
    while True:
        a = int(rng.integers(space // 3, space))
        if math.gcd(a, space) == 1:
            break
    b = int(rng.integers(0, space))
    if keys.size and int(keys.max()) >= space:
        raise ValueError("too many persons for the identity number space")
    return (keys.astype(np.int64) * a + b) % space


def complete_numbers(first9: np.ndarray) -> np.ndarray:
    """Append the two TC Kimlik No check digits to nine-digit integers."""
    d = [(first9 // 10 ** (8 - i)) % 10 for i in range(9)]
    d10 = ((d[0] + d[2] + d[4] + d[6] + d[8]) * 7 - (d[1] + d[3] + d[5] + d[7])) % 10
    d11 = (sum(d) + d10) % 10
    return first9 * 100 + d10 * 10 + d11


def draw_status(rng: np.random.Generator, hh: dict, p: dict) -> None:
    """Syrians under temporary protection; Afghans, Iranians, Iraqis under international protection or
    residents. Some have no number yet (id_kind internal)."""
    h = p["h"]
    nat = hh["nationality"][h]
    u = rng.random(len(hh["nationality"]))[h]  # one draw per household: the family shares its status
    protection = np.select(
        [nat == C.TR, nat == C.SY, u < 0.6], [C.CITIZEN, C.TEMPORARY, C.INTERNATIONAL], C.RESIDENT
    ).astype(np.int8)
    no_number_share = np.select([protection == C.TEMPORARY, protection == C.INTERNATIONAL], [0.15, 0.3], 0.0)
    numbered = rng.random(len(hh["nationality"]))[h] >= no_number_share
    p["nationality"] = nat
    p["protection"] = protection
    p["id_kind"] = np.select([nat == C.TR, numbered], [C.ID_TC, C.ID_FOREIGN], C.ID_INTERNAL).astype(np.int8)


def national_ids(p: dict, person_keys: np.ndarray, foreign_offset: int, seed: int) -> tuple[pa.Array, int]:
    """Identity numbers as strings (null for id_kind internal) and the count of numbered foreigners."""
    kind = p["id_kind"]
    foreign = kind == C.ID_FOREIGN
    running = foreign_offset + np.cumsum(foreign) - 1
    citizen9 = CITIZEN_BASE + affine_permutation(person_keys, CITIZEN_SPACE, seed, 1)
    foreign9 = FOREIGN_BASE + affine_permutation(np.where(foreign, running, 0), FOREIGN_SPACE, seed, 2)
    number = complete_numbers(np.where(foreign, foreign9, citizen9))
    ids = pa.array(number).cast(pa.string())
    ids = pc.if_else(pa.array(kind == C.ID_INTERNAL), pa.scalar(None, pa.string()), ids)
    return ids, int(foreign.sum())


def phones(rng: np.random.Generator, p: dict, person_keys: np.ndarray, seed: int) -> pa.Array:
    """Mobile numbers (null for none) in the unallocated 052X block, unique across the data set (a seeded
    bijection of the person key): every reference person and most other adults; no child. The eleven
    characters of each are written side by side in one numpy block, two digits at a time."""
    n = len(person_keys)
    has = (p["role"] == C.REFERENCE) | ((p["age"] >= 18) & (rng.random(n) < OWN_MOBILE_SHARE))
    rest = affine_permutation(person_keys, PHONE_SPACE, seed, 3).astype(np.int32)
    text = np.empty((n, 11), np.uint8)
    text[:, :3] = np.frombuffer(PHONE_PREFIX.encode(), np.uint8)
    for at in (9, 7, 5, 3):
        rest, pair = np.divmod(rest, 100)
        text[:, at : at + 2] = _DIGIT_PAIRS[pair]
    offsets = pa.py_buffer(np.arange(0, 11 * (n + 1), 11, dtype=np.int32))
    valid = pa.py_buffer(np.packbits(has, bitorder="little"))
    return pa.StringArray.from_buffers(n, offsets, pa.py_buffer(text), valid, n - int(has.sum()))


def _name_table() -> tuple[pa.Array, dict[str, tuple[int, int]]]:
    """All name lists in one Arrow array, with the (offset, length) of each list."""
    lists = names()
    spans, offset = {}, 0
    for key, values in lists.items():
        spans[key] = (offset, len(values))
        offset += len(values)
    return pa.array([v for values in lists.values() for v in values]), spans


def draw_names(rng: np.random.Generator, hh: dict, p: dict) -> tuple[pa.Array, pa.Array]:
    """First names by culture and sex; the household's surname for most members."""
    table, spans = _name_table()
    h, n = p["h"], len(p["h"])
    culture = np.array([CULTURE[int(c)] for c in range(5)])[p["nationality"]]
    first = np.zeros(n, dtype=np.int64)
    last = np.zeros(n, dtype=np.int64)
    family_u = rng.random(len(hh["nationality"]))[h]
    own_u = rng.random(n)
    keeps_own = (p["role"] == C.PARENT) & (rng.random(n) < 0.3) | (p["role"] == C.OTHER) & (rng.random(n) < 0.4)
    keeps_own |= (p["role"] == C.SPOUSE) & (rng.random(n) < 0.05)
    for cult in ("tr", "ar", "fa"):
        for sex, code in (("F", C.FEMALE), ("M", C.MALE)):
            sel = (culture == cult) & (p["sex"] == code)
            off, length = spans[f"{cult}_{sex}"]
            first[sel] = off + np.floor(rng.random(int(sel.sum())) * length)
        sel = culture == cult
        off, length = spans[f"{cult}_last"]
        u = np.where(keeps_own, own_u, family_u)[sel]
        last[sel] = off + np.floor(u * length)
    return table.take(pa.array(first)), table.take(pa.array(last))
