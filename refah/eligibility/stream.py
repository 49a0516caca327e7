"""Read the registry's Parquet files (households/persons/incomes/assets.parquet, sorted by household_key)
as a stream of Batches of about `chunk` households each, joining the four files by household_key.

Only the columns the engine reads (the declared facts, refah.registry.facts) are loaded; memory stays bounded by
the chunk size.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from queue import Queue
from threading import Thread

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from refah.eligibility.entities import Batch, batch_from_arrow
from refah.registry.facts import Entity, table_facts

HOUSEHOLD_COLUMNS = ["household_key", *(fact.table_column for fact in table_facts(Entity.HOUSEHOLD))]
TRUTH_COLUMNS = [
    "true_consumption_per_person_kurus",
    "true_income_kurus",
    "true_informal_income_kurus",
    "true_consumption_ae_kurus",
    "true_private_transfers_kurus",
    "true_price_index_permille",
]
PERSON_COLUMNS = ["household_key", "person_key", *(fact.table_column for fact in table_facts(Entity.PERSON))]
INCOME_COLUMNS = ["household_key", "person_key", "kind", "monthly_kurus"]
ASSET_COLUMNS = ["household_key", "kind", "value_kurus"]


class _Follower:
    """Reads a table sorted by household_key and hands out the rows up to a given key."""

    def __init__(self, path: Path, columns: list[str]):
        parquet = pq.ParquetFile(path)
        self.batches = (batch for table in _row_groups(parquet, columns, 1) for batch in table.to_batches())
        self.schema = pa.schema([parquet.schema_arrow.field(name) for name in columns])
        self.buffer: list[pa.RecordBatch] = []
        self.last_key = -1
        self.done = False

    def until(self, key: int) -> pa.Table:
        while not self.done and self.last_key <= key:
            batch = next(self.batches, None)
            if batch is None:
                self.done = True
                break
            if batch.num_rows:
                self.buffer.append(batch)
                self.last_key = batch.column(0)[-1].as_py()
        if not self.buffer:
            return self.schema.empty_table()
        table = pa.Table.from_batches(self.buffer)
        keys = table.column("household_key").to_numpy()
        cut = int(np.searchsorted(keys, key, side="right"))
        rest = table.slice(cut)
        self.buffer = rest.to_batches() if rest.num_rows else []
        return table.slice(0, cut)


def _row_groups(parquet: pq.ParquetFile, columns: list[str], rows: int) -> Iterator[pa.Table]:
    """Whole row groups (read with threads, column by column), grouped to at least `rows` rows each."""
    group: list[int] = []
    count = 0
    for index in range(parquet.num_row_groups):
        group.append(index)
        count += parquet.metadata.row_group(index).num_rows
        if count >= rows:
            yield parquet.read_row_groups(group, columns=columns, use_threads=True)
            group, count = [], 0
    if group:
        yield parquet.read_row_groups(group, columns=columns, use_threads=True)


def read_batches(directory: Path, chunk: int = 1_000_000, truth: bool = False) -> Iterator[Batch]:
    """Batches of about `chunk` households (whole row groups) from the four Parquet files in `directory`."""
    columns = HOUSEHOLD_COLUMNS + (TRUTH_COLUMNS if truth else [])
    households = _row_groups(pq.ParquetFile(directory / "households.parquet"), columns, chunk)
    persons = _Follower(directory / "persons.parquet", PERSON_COLUMNS)
    incomes = _Follower(directory / "incomes.parquet", INCOME_COLUMNS)
    assets = _Follower(directory / "assets.parquet", ASSET_COLUMNS)
    for table in households:
        if not table.num_rows:
            continue
        last = table.column("household_key")[-1].as_py()
        yield batch_from_arrow(table, persons.until(last), incomes.until(last), assets.until(last))


def prefetched(batches: Iterator[Batch], depth: int = 1) -> Iterator[Batch]:
    """Read the next batches in a background thread while the caller evaluates this one.

    Parquet decoding and most numpy work release the GIL, so on two cores reading overlaps evaluation;
    memory grows by `depth` batches.
    """
    queue: Queue = Queue(maxsize=depth)
    done = object()

    def produce() -> None:
        try:
            for batch in batches:
                queue.put(batch)
        except BaseException as exc:  # handed to the consumer, re-raised there
            queue.put(exc)
        queue.put(done)

    Thread(target=produce, daemon=True).start()
    while (item := queue.get()) is not done:
        if isinstance(item, BaseException):
            raise item
        yield item
