"""A synthetic population with noisy duplicates, for the linkage bench and the engine's quality tests.

Persons come in families (surname, parents' names, address shared; siblings a few years apart, 1.5 % of
births twins on the same day); 95 % hold a valid TC Kimlik No. Duplicates are copies of other persons as
another institution typed them: identity number missing or mistyped, names typed without Turkish letters
or with them dropped, a typo, first and last name swapped, birth day and month swapped or one part wrong,
parents' names left out, moved to another district, another or no phone. Deterministic by seed.
"""

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute  # noqa: F401  (pa.compute)

from refah.linkage.engine import RECORD_COLUMNS
from refah.synth.generate.identity import affine_permutation, complete_numbers

DATA = Path(__file__).resolve().parent.parent / "synth" / "data"
TURKISH_TO_ASCII = str.maketrans("şŞçÇğĞıİöÖüÜâÂ", "sScCgGiIoOuUaA")
TURKISH_LETTERS = "şŞçÇğĞıİöÖüÜ"
ALPHABET = "abcçdefgğhıijklmnoöprsştuüvyz"
DISTRICTS = 40
# Real Turkish names are far more varied than the synthetic lists: a quarter of people carry two given names
# ("Ayşe Nur", "Mehmet Ali"), and surnames are built from a stem and a prefix or suffix ("Karaosmanoğlu").
SECOND_GIVEN_NAME = 0.25
COMPOUND_SURNAME = 0.5
SURNAME_PREFIXES = ("Kara", "Ak", "Öz", "Demir", "Gök", "Er", "Ay", "Taş", "Kızıl", "Bay", "Uz", "Yiğit")
SURNAME_SUFFIXES = ("oğlu", "er", "soy", "türk", "han", "can", "gil", "el", "kan", "göz", "tekin", "baş")
EPOCH = np.datetime64("1970-01-01")


@dataclass(frozen=True)
class Noise:
    """Probability of each kind of noise on a duplicate, independently."""

    id_missing: float = 0.35
    id_mistyped: float = 0.05
    ascii_names: float = 0.35
    letters_dropped: float = 0.04
    first_typo: float = 0.10
    last_typo: float = 0.08
    names_swapped: float = 0.03
    day_month_swapped: float = 0.04
    date_part_wrong: float = 0.03
    date_missing: float = 0.01
    parent_missing: float = 0.30
    parent_typo: float = 0.04
    moved: float = 0.15
    neighbourhood_missing: float = 0.2
    phone_missing: float = 0.4
    phone_changed: float = 0.1
    upper_case: float = 0.3


@dataclass(frozen=True)
class Generated:
    records: pa.Table  # RECORD_COLUMNS, originals then duplicates
    true_pairs: np.ndarray  # (k, 2) record indices (original, duplicate)


def _names(file: str) -> list[str]:
    return [line.strip() for line in (DATA / file).read_text(encoding="utf-8").splitlines() if line.strip()]


def _zipf(rng: np.random.Generator, size: int, n: int, exponent: float = 0.5) -> np.ndarray:
    """Indices into a list of n names, the first ones more common (the commonest about 4 %, as Mehmet is)."""
    weights = 1.0 / np.arange(1, n + 1) ** exponent
    return rng.choice(n, size=size, p=weights / weights.sum())


def population(rng: np.random.Generator, n: int, seed: int) -> pa.Table:
    """n persons in families, every column of RECORD_COLUMNS."""
    sizes = rng.choice([1, 2, 3, 4, 5, 6], size=n, p=[0.15, 0.2, 0.25, 0.2, 0.12, 0.08])
    families = int(np.searchsorted(np.cumsum(sizes), n)) + 1
    family = np.repeat(np.arange(families), sizes[:families])[:n]
    order = np.arange(n) - np.searchsorted(family, family)  # child's place in the family
    male, female = _names("male_names.txt"), _names("female_names.txt")
    surnames = _surnames()
    sex = rng.random(n) < 0.5
    first = np.where(sex, _zipf(rng, n, len(male)), len(male) + _zipf(rng, n, len(female)))
    first = _distinct_in_family(rng, family, first, sex, len(male), len(female))
    first_names = _given_names(
        rng, first, male + female, np.where(sex, 0, len(male)), np.where(sex, len(male), len(female))
    )
    fathers = _given_names(rng, _zipf(rng, families, len(male)), male, 0, len(male))
    mothers = _given_names(rng, _zipf(rng, families, len(female)), female, 0, len(female))
    mother_year = rng.integers(1935, 2000, families)
    gap_days = rng.integers(300, 1600, n)
    twin = (order > 0) & (rng.random(n) < 0.015)
    gap_days[twin | (order == 0)] = 0
    start = (mother_year[family] + 19 - 1970) * 365 + rng.integers(0, 365, families)[family]
    birth = start + _cumsum_within(family, gap_days)
    numbers = complete_numbers(100_000_000 + affine_permutation(np.arange(n), 890_000_000, seed, 7))
    phones = 5_300_000_000 + affine_permutation(np.arange(n), 100_000_000, seed, 8)
    has_phone = (rng.random(n) < 0.55) & (birth < (2008 - 1970) * 365)
    neighbourhoods = _names("neighbourhoods.txt")
    return pa.table(
        {
            "record_id": pa.array(np.char.add("p", np.arange(n).astype(str))),
            "national_id": pa.array(numbers.astype(str), mask=rng.random(n) < 0.05),
            "first_name": first_names,
            "last_name": pa.array(surnames).take(pa.array(_zipf(rng, families, len(surnames), 0.7)[family])),
            "birth_date": pa.array((EPOCH + birth.astype("timedelta64[D]")).astype("datetime64[D]")),
            "father_name": fathers.take(pa.array(family)),
            "mother_name": mothers.take(pa.array(family)),
            "district": pa.array(rng.integers(1, DISTRICTS + 1, families)[family].astype(str)),
            "neighbourhood": pa.array(neighbourhoods).take(
                pa.array(rng.integers(0, len(neighbourhoods), families)[family])
            ),
            "phone": pa.array(np.char.add("0", phones.astype(str)), mask=~has_phone),
        },
        schema=RECORD_COLUMNS,
    )


def _given_names(rng, first: np.ndarray, names: list[str], offset, count) -> pa.Array:
    """Given names from indices `first` into `names`, a share of them with a second name of the same list part."""
    n = len(first)
    second = offset + (_zipf(rng, n, int(np.max(count))) % count)
    given, given_second = pa.array(names).take(pa.array(first)), pa.array(names).take(pa.array(second))
    two_names = pa.array((rng.random(n) < SECOND_GIVEN_NAME) & (second != first))
    return pa.compute.if_else(two_names, pa.compute.binary_join_element_wise(given, given_second, " "), given)


def _surnames() -> list[str]:
    """The stems first (the commonest), then each stem with each prefix and suffix."""
    stems = _names("surnames.txt")
    compound = [p + s.lower() for s in stems for p in SURNAME_PREFIXES if not s.lower().startswith(p.lower())]
    compound += [s + suffix for s in stems for suffix in SURNAME_SUFFIXES]
    order = np.random.default_rng(0).permutation(len(compound))
    return stems + [compound[i] for i in order]


def _cumsum_within(group: np.ndarray, values: np.ndarray) -> np.ndarray:
    total = np.cumsum(values)
    starts = np.searchsorted(group, group)
    return total - total[starts] + values[starts]


def _distinct_in_family(rng, family, first, sex, n_male, n_female) -> np.ndarray:
    """Siblings get different first names (parents do not give one name twice)."""
    for _ in range(20):
        key = family.astype(np.int64) * 1000 + first
        _, index, counts = np.unique(key, return_index=True, return_counts=True)
        repeated = np.ones(len(first), dtype=bool)
        repeated[index] = False
        if not repeated.any():
            break
        redraw = np.flatnonzero(repeated)
        first[redraw] = np.where(
            sex[redraw], rng.integers(0, n_male, len(redraw)), n_male + rng.integers(0, n_female, len(redraw))
        )
    return first


def _typo(rng, text: str) -> str:
    if len(text) < 3:
        return text + rng.choice(list(ALPHABET))
    i = int(rng.integers(1, len(text) - 1))
    kind = int(rng.integers(0, 4))
    if kind == 0:
        return text[:i] + rng.choice(list(ALPHABET)) + text[i + 1 :]
    if kind == 1:
        return text[:i] + text[i + 1 :]
    if kind == 2:
        return text[:i] + rng.choice(list(ALPHABET)) + text[i:]
    return text[: i - 1] + text[i] + text[i - 1] + text[i + 1 :]


def _mistype_number(rng, number: str) -> str:
    i = int(rng.integers(0, 11))
    digit = str((int(number[i]) + int(rng.integers(1, 10))) % 10)
    return number[:i] + digit + number[i + 1 :]


def _names_noise(rng, row: dict, noise: Noise) -> None:
    first, last = row["first_name"], row["last_name"]
    if rng.random() < noise.first_typo:
        first = _typo(rng, first)
    if rng.random() < noise.last_typo:
        last = _typo(rng, last)
    if rng.random() < noise.ascii_names:
        first, last = first.translate(TURKISH_TO_ASCII), last.translate(TURKISH_TO_ASCII)
    elif rng.random() < noise.letters_dropped:
        first = "".join(c for c in first if c not in TURKISH_LETTERS) or first
        last = "".join(c for c in last if c not in TURKISH_LETTERS) or last
    if rng.random() < noise.names_swapped:
        first, last = last, first
    if rng.random() < noise.upper_case:
        first, last = first.upper(), last.upper()
    row["first_name"], row["last_name"] = first, last
    for parent in ("father_name", "mother_name"):
        if rng.random() < noise.parent_missing:
            row[parent] = None
        elif rng.random() < noise.parent_typo:
            row[parent] = _typo(rng, row[parent])


def _date_noise(rng, row: dict, noise: Noise) -> None:
    born = row["birth_date"]
    if rng.random() < noise.date_missing:
        row["birth_date"] = None
    elif rng.random() < noise.day_month_swapped and born.day <= 12 and born.day != born.month:
        row["birth_date"] = born.replace(month=born.day, day=born.month)
    elif rng.random() < noise.date_part_wrong:
        row["birth_date"] = born.replace(day=int(rng.integers(1, 29)))


def _other_noise(rng, row: dict, noise: Noise) -> None:
    if row["national_id"] is not None:
        if rng.random() < noise.id_missing:
            row["national_id"] = None
        elif rng.random() < noise.id_mistyped:
            row["national_id"] = _mistype_number(rng, row["national_id"])
    if rng.random() < noise.moved:
        row["district"], row["neighbourhood"] = str(int(rng.integers(1, DISTRICTS + 1))), None
    elif rng.random() < noise.neighbourhood_missing:
        row["neighbourhood"] = None
    if rng.random() < noise.phone_missing:
        row["phone"] = None
    elif rng.random() < noise.phone_changed:
        row["phone"] = "05" + "".join(str(d) for d in rng.integers(0, 10, 9))


def generate(records: int, *, duplicates: float = 0.10, seed: int = 1, noise: Noise = Noise()) -> Generated:
    """`records` rows, `duplicates` of them noisy copies of the others (originals first)."""
    rng = np.random.default_rng(seed)
    n_dup = int(round(records * duplicates))
    n_orig = records - n_dup
    persons = population(rng, n_orig, seed)
    source = np.sort(rng.choice(n_orig, size=n_dup, replace=False))
    rows = persons.take(pa.array(source)).to_pylist()
    for k, row in enumerate(rows):
        row["record_id"] = f"d{k}"
        _names_noise(rng, row, noise)
        _date_noise(rng, row, noise)
        _other_noise(rng, row, noise)
    copies = pa.Table.from_pylist(rows, schema=RECORD_COLUMNS)
    del rows
    pairs = np.stack([source, n_orig + np.arange(n_dup)], axis=1)
    return Generated(pa.concat_tables([persons, copies]), pairs)


def quality(found_pairs: set[tuple[int, int]], true_pairs: np.ndarray) -> tuple[float, float]:
    """Precision and recall of found pairs of record indices against the true ones (order-free)."""
    truth = {(min(a, b), max(a, b)) for a, b in true_pairs.tolist()}
    found = {(min(a, b), max(a, b)) for a, b in found_pairs}
    hits = len(truth & found)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(truth) if truth else 1.0
    return precision, recall
