"""A synthetic world as one Batch with its truth, plus the groups the evaluation reports on.

`load_world(provinces=[76], households=30_000, seed=42, world="a")` generates the households (refah.synth) and
reads them the way the registry's Parquet stream does (eligibility.entities.batch_from_arrow), so that features
see exactly what a registry batch holds. World "b" is the second population, built by a different process
(the generator's `world="b"`).
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from refah.eligibility.entities import Batch, batch_from_arrow
from refah.synth.generate import generate

WORLDS = ("a", "b")


@dataclass
class World:
    name: str
    batch: Batch
    # household-level flags read from the person table columns the engine does not hold (protection status)
    extra: dict[str, np.ndarray] = field(default_factory=dict)


def world_supported(world: str) -> bool:
    return world == "a" or "world" in inspect.signature(generate).parameters


def load_world(*, provinces: list[int] | None, households: int, seed: int, world: str = "a") -> World:
    if world not in WORLDS:
        raise ValueError(f"world must be one of {', '.join(WORLDS)}, not {world!r}")
    if not world_supported(world):
        raise ValueError(f"this generator cannot build world {world!r} yet")
    kwargs = {} if world == "a" else {"world": world}
    parts = list(generate(provinces=provinces, households=households, seed=seed, **kwargs))
    tables = [pa.concat_tables([getattr(part, name) for part in parts]) for name in ("households", "persons")]
    incomes = pa.concat_tables([part.incomes for part in parts])
    assets = pa.concat_tables([part.assets for part in parts])
    hh, persons = (table.combine_chunks() for table in tables)
    batch = batch_from_arrow(hh, persons, incomes, assets)
    protected = pc.is_in(
        persons.column("protection_status").cast(pa.string()), pa.array(["temporary", "international"])
    )
    refugee = np.zeros(batch.n_households, bool)
    np.logical_or.at(refugee, batch.person_household, protected.to_numpy(zero_copy_only=False))
    return World(world, batch, {"refugee": refugee})
