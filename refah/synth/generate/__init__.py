"""Synthetic social registry of Türkiye: deterministic by seed, vectorised, in Arrow batches.

    for batch in generate(provinces=[76], households=20_000, seed=1): ...
    write_parquet(generate(provinces=None, households=25_000_000, seed=1), Path("var/synth"))

Distributions, figures and sources: docs/synthetic.md.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from refah.synth.generate.batch import build_batch
from refah.synth.generate.reference import provinces as province_table
from refah.synth.generate.truth import TRUTH_STREAM, check_world
from refah.synth.schema import TABLES

ERR_UNKNOWN_PROVINCE = "Unknown province plate: {plate} (expected 1–81)."


@dataclass(frozen=True)
class SynthBatch:
    households: pa.Table
    persons: pa.Table
    incomes: pa.Table
    assets: pa.Table


def allocate(plates: list[int] | None, households: int) -> tuple[np.ndarray, np.ndarray]:
    """Household counts per plate, proportional to population (largest remainder), in plate order."""
    chosen = np.array(sorted(set(plates)) if plates is not None else range(1, 82), dtype=np.int64)
    for plate in chosen:
        if not 1 <= plate <= 81:
            raise ValueError(ERR_UNKNOWN_PROVINCE.format(plate=plate))
    # households, not persons: population divided by the mean household size
    weight = province_table().population[chosen] / province_table().mean_size[chosen]
    exact = households * weight / weight.sum()
    counts = np.floor(exact).astype(np.int64)
    remainder = households - counts.sum()
    counts[np.argsort(-(exact - counts), kind="stable")[:remainder]] += 1
    return chosen, counts


def generate(
    *,
    provinces: list[int] | None,
    households: int,
    seed: int,
    batch_size: int = 200_000,
    first_batch_size: int | None = None,
    world: str = "a",
) -> Iterator[SynthBatch]:
    """Batches of synthetic households; keys are global and consecutive across batches.

    The data set is fixed by the seed, the households and the batch sizes (each batch draws from its own random
    stream). `first_batch_size`: batches start that small and grow by half each time up to `batch_size`, so that
    a loader that writes one batch while the next is generated starts writing sooner and seldom waits.
    `world`: "a" (the default) or "b", a population made by another process (docs/synthetic.md, "World B").
    """
    check_world(world)
    plates, counts = allocate(provinces, households)
    ends = np.cumsum(counts)
    person_offset = foreign_offset = 0
    for index, (start, end) in enumerate(_batch_bounds(households, batch_size, first_batch_size)):
        keys = np.arange(start, end, dtype=np.int64)
        key_plates = plates[np.searchsorted(ends, keys, side="right")]
        rng = np.random.default_rng([seed, index])
        truth_rng = np.random.default_rng([seed, index, TRUTH_STREAM])
        tables, n_persons, n_foreign = build_batch(
            rng, keys, key_plates, person_offset, foreign_offset, seed, truth_rng=truth_rng, world=world
        )
        person_offset += n_persons
        foreign_offset += n_foreign
        yield SynthBatch(*tables)


def _batch_bounds(households: int, batch_size: int, first_batch_size: int | None) -> Iterator[tuple[int, int]]:
    size = min(first_batch_size or batch_size, batch_size)
    start = 0
    while start < households:
        yield start, min(start + size, households)
        start += size
        size = min(batch_size, size + (size + 1) // 2)


def write_parquet(
    batches: Iterable[SynthBatch], out_dir: Path, *, on_batch: Callable[[SynthBatch], None] | None = None
) -> dict[str, int]:
    """Stream batches to out_dir/<table>.parquet, one row group per batch; returns row counts."""
    out_dir.mkdir(parents=True, exist_ok=True)
    writers = {name: pq.ParquetWriter(out_dir / f"{name}.parquet", schema) for name, schema in TABLES.items()}
    counts = dict.fromkeys(TABLES, 0)
    try:
        for batch in batches:
            for name, writer in writers.items():
                table = getattr(batch, name)
                if table.num_rows:
                    writer.write_table(table, row_group_size=table.num_rows)
                counts[name] += table.num_rows
            if on_batch is not None:
                on_batch(batch)
    finally:
        for writer in writers.values():
            writer.close()
    return counts
