"""Identity numbers of a synthetic load: each batch's numbers made unique within the load and against the
database, redrawn (checksum-valid, 99… for foreigners) where taken."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import polars as pl
from django.db import connection

from refah.registry import enums

if TYPE_CHECKING:  # the load's state is built in columns.py, which imports this module
    from refah.synth.load.columns import LoadState


def free_national_ids(numbers: pl.Series, kinds: pl.Series, load: LoadState) -> pl.Series:
    """The batch's identity numbers, each one already taken (in this load or the database) drawn anew."""
    values = numbers.cast(pl.Int64).fill_null(-1).to_numpy().copy()
    foreign = (kinds.cast(pl.String) == enums.IdKind.FOREIGN.value).to_numpy()
    present = values >= 0
    while True:
        taken = present & (_seen(values, load.seen_ids) | _duplicated(values) | _in_database(values, present, load))
        if not taken.any():
            break
        values[taken] = _identity_numbers(load.rng, foreign[taken])
    fresh = np.sort(values[present])
    load.seen_ids = np.insert(load.seen_ids, np.searchsorted(load.seen_ids, fresh), fresh)
    return pl.Series("national_id", values).cast(pl.String).replace("-1", None)


def _seen(values: np.ndarray, seen: np.ndarray) -> np.ndarray:
    """Which values the sorted array `seen` holds: a binary search each, not a sort of both (np.isin) per batch."""
    if not seen.size:
        return np.zeros(values.size, bool)
    at = np.minimum(np.searchsorted(seen, values), seen.size - 1)
    return seen[at] == values


def _duplicated(values: np.ndarray) -> np.ndarray:
    order = np.argsort(values, kind="stable")
    repeat = np.zeros(values.size, bool)
    repeat[order[1:]] = values[order[1:]] == values[order[:-1]]
    return repeat


def _in_database(values: np.ndarray, present: np.ndarray, load: LoadState) -> np.ndarray:
    if not load.check_db_ids:
        return np.zeros(values.size, bool)
    wanted = [str(v) for v in values[present]]
    found: list[str] = []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # one index probe per number, in one statement
            cursor.execute("SELECT national_id FROM registry_person WHERE national_id = ANY(%s)", [wanted])
            found = [row[0] for row in cursor.fetchall()]
        else:
            for start in range(0, len(wanted), 900):
                chunk = wanted[start : start + 900]
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"SELECT national_id FROM registry_person WHERE national_id IN ({marks})", chunk)
                found += [row[0] for row in cursor.fetchall()]
    return np.isin(values, np.array(found, dtype=np.int64)) & present


def _identity_numbers(rng: np.random.Generator, foreign: np.ndarray) -> np.ndarray:
    """Fresh checksum-valid numbers: 99… for foreigners, 10…–98… for citizens (see registry.identity)."""
    n = foreign.size
    first9 = np.where(foreign, rng.integers(990_000_000, 999_999_999, n), rng.integers(100_000_000, 989_999_999, n))
    d = (first9[:, None] // 10 ** np.arange(8, -1, -1)) % 10
    d10 = ((d[:, 0] + d[:, 2] + d[:, 4] + d[:, 6] + d[:, 8]) * 7 - (d[:, 1] + d[:, 3] + d[:, 5] + d[:, 7])) % 10
    d11 = (d.sum(axis=1) + d10) % 10
    return first9 * 100 + d10 * 10 + d11
