"""Bulk loader: synthetic columnar batches (refah.synth.schema) into the registry tables.

PostgreSQL gets binary COPY built from whole columns (refah.synth.load.binary); SQLite gets executemany in
large chunks. Nothing goes through the ORM row by row: ids, codes, folded names and dates are built on whole
columns (columns.py).

Two modes. Incremental (SQLite, or registry tables that already hold rows): one transaction per batch, every
index and constraint in place. Initial (PostgreSQL, the registry tables empty): one transaction for the whole
load that drops the tables' keys, indexes and foreign keys, truncates them (empty already) so that every batch
is COPYed FREEZE (rows frozen, pages all-visible: nothing to rewrite or vacuum afterwards), rebuilds keys and
indexes in bulk and re-adds the foreign keys, each re-add checking every row (initial.py); a failure anywhere
rolls all of it back. Batches are streamed either way — generated, loaded, discarded — so memory stays bounded
by one batch.
"""

import functools
import io
import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import polars as pl
from django.db import connection, transaction

from refah.audit.actions import AuditAction
from refah.audit.services import audit_record
from refah.registry.models import Household
from refah.synth.load import binary, initial
from refah.synth.load.columns import (
    LoadState,
    attendance_month,
    batch_frames,
    fold_names,
    load_start,
    uuid_column,
)
from refah.synth.load.identities import free_national_ids
from refah.synth.load.neighbourhoods import neighbourhoods_resolve

__all__ = ["attendance_month", "fold_names", "free_national_ids", "load_batches", "uuid_column"]

ACTOR = "refah synth"
SQLITE_CHUNK_ROWS = 50_000
COPY_CHUNK_ROWS = 100_000


def load_batches(
    batches: Iterable,
    *,
    seed: int,
    on_batch: Callable[[dict], None] | None = None,
    timings: dict[str, float] | None = None,
    index_timings: dict[str, float] | None = None,
    ahead: bool = False,
) -> dict[str, int]:
    """Write synthetic batches into the registry; one AuditEvent per load. Returns row counts per table.

    `on_batch(counts)` is called after each batch is written (committed, in the incremental mode). `timings`,
    if given, receives seconds per step: "frames", "mahalles", "copy <table>", and for the initial mode "drop",
    "keys", "unique indexes", "indexes", "analyze", "foreign keys", "commit" (with `ahead` also "frames (beside
    the COPY)" and "waiting for frames"); `index_timings` the seconds of each
    key, index and foreign key the initial mode rebuilt, by name.

    `ahead`: in the initial mode, take the next batch from `batches` and build its frames on a second thread
    while this one COPYs the current batch, so that generation and loading use both cores. Only for batches
    that do not use the database (refah.synth.generate's do not); by default they are taken one by one here.
    """
    load = load_start(seed)
    clock = timings if timings is not None else {}
    if connection.vendor == "postgresql" and initial.tables_empty():
        _initial_load(batches, load, on_batch, clock, index_timings, ahead)
        return dict(load.counts)
    try:
        for batch in batches:
            with transaction.atomic():
                _batch_write(batch, load, on_batch, clock)
    finally:
        _audit(load)
    return dict(load.counts)


def _initial_load(
    batches: Iterable, load: LoadState, on_batch, clock: dict[str, float], detail=None, ahead: bool = False
) -> None:
    """All batches in one transaction; keys, indexes and foreign keys rebuilt (and checked) once at the end.

    With `ahead`, the next batch is generated and turned into table frames on a second thread while this one
    COPYs the current batch (numpy, Polars and the COPY itself run without the GIL), so both cores work; that
    thread never touches the database: the mahalle ids are filled in here, in the load's transaction.
    """
    with transaction.atomic():
        with connection.cursor() as cursor:
            schema = initial.prepare(cursor, clock)
        load.freeze = schema is not None
        if ahead:
            for frames in _frames_ahead(batches, load, clock):
                _frames_write(frames, load, on_batch, clock)
        else:
            for batch in batches:
                _batch_write(batch, load, on_batch, clock)
        with connection.cursor() as cursor:
            initial.finish(cursor, schema, clock, detail)
        _audit(load)
        committing = time.perf_counter()
    clock["commit"] = time.perf_counter() - committing


_DONE = object()


def _frames_ahead(batches: Iterable, load: LoadState, clock: dict[str, float]) -> Iterator[dict]:
    """Each batch's frames, built on a worker thread one batch ahead of the caller; its errors are raised here."""
    ready: queue.Queue = queue.Queue(maxsize=1)
    stop = threading.Event()

    def hand_over(item) -> bool:
        while not stop.is_set():
            try:
                ready.put(item, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def build() -> None:
        try:
            for batch in batches:
                with _timed(clock, "frames (beside the COPY)"):
                    frames = batch_frames(batch, load)
                if not hand_over(frames):
                    return
            hand_over(_DONE)
        except BaseException as error:  # raised on the loading thread, inside the load's transaction
            hand_over(error)

    worker = threading.Thread(target=build, name="synth-frames", daemon=True)
    worker.start()
    try:
        while True:
            with _timed(clock, "waiting for frames"):
                item = ready.get()
            if item is _DONE:
                break
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        worker.join()


def _batch_write(batch, load: LoadState, on_batch, clock: dict[str, float]) -> None:
    with _timed(clock, "frames"):
        frames = batch_frames(batch, load)
    _frames_write(frames, load, on_batch, clock)


def _frames_write(frames: dict, load: LoadState, on_batch, clock: dict[str, float]) -> None:
    """Put the mahalle ids in one batch's frames, then COPY (or insert) them."""
    with _timed(clock, "mahalles"):
        created = neighbourhoods_resolve(frames, load)
    write = functools.partial(_copy_postgres, freeze=load.freeze) if connection.vendor == "postgresql" else _insert_many
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL synchronous_commit = off")
        for name, (model, frame) in frames.items():
            with _timed(clock, f"copy {name}"):
                write(cursor, model._meta.db_table, frame)
    counts = {name: frame.height for name, (_, frame) in frames.items()}
    counts["neighbourhoods"] = created
    load.counts.update(counts)
    if on_batch is not None:
        on_batch(counts)


@contextmanager
def _timed(clock: dict[str, float], step: str) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        clock[step] = clock.get(step, 0.0) + time.perf_counter() - started


def _copy_postgres(cursor, table: str, frame: pl.DataFrame, freeze: bool = False) -> None:
    """COPY a frame in binary format (refah.synth.load.binary; as CSV if a column type has no binary encoding
    there); the next chunk is rendered in a thread while PostgreSQL reads this one (numpy and polars release
    the GIL), so client and server work on the two cores at once.

    `freeze` (the initial load, whose tables were truncated in its transaction): rows are written frozen and
    their pages marked all-visible, so the first reads after the load do not rewrite every page to set hint
    bits, no vacuum has to freeze them later, and the foreign-key checks at the end scan indexes only."""
    types = binary.column_types(cursor, table)
    if binary.supported(types, frame.columns):
        options, render, head, tail = "FORMAT binary", functools.partial(binary.encode, types=types), True, True
    else:
        options, render, head, tail = "FORMAT csv", _csv_bytes, False, False
    if freeze:
        options += ", FREEZE"
    with (
        cursor.copy(f"COPY {table} ({', '.join(frame.columns)}) FROM STDIN WITH ({options})") as copy,
        ThreadPoolExecutor(max_workers=1) as renderer,
    ):
        if head:
            copy.write(binary.HEADER)
        pending = None
        for chunk in frame.iter_slices(COPY_CHUNK_ROWS):
            rendered = renderer.submit(render, chunk)
            if pending is not None:
                copy.write(pending.result())
            pending = rendered
        if pending is not None:
            copy.write(pending.result())
        if tail:
            copy.write(binary.TRAILER)


def _csv_bytes(chunk: pl.DataFrame) -> memoryview:
    buffer = io.BytesIO()
    chunk.write_csv(buffer, include_header=False)
    return buffer.getbuffer()


def _insert_many(cursor, table: str, frame: pl.DataFrame) -> None:
    frame = frame.with_columns(pl.col(pl.Date).cast(pl.String))
    sql = f"INSERT INTO {table} ({', '.join(frame.columns)}) VALUES ({', '.join(['%s'] * frame.width)})"
    for chunk in frame.iter_slices(SQLITE_CHUNK_ROWS):
        cursor.executemany(sql, chunk.rows())


def _audit(load: LoadState) -> None:
    if load.first_household_id is None:
        return
    with transaction.atomic():
        audit_record(
            actor=ACTOR,
            action=AuditAction.SYNTH_LOAD,
            obj=Household(pk=load.first_household_id),
            after={"seed": load.seed, "tag": load.tag, "counts": dict(load.counts)},
            note=f"synthetic load {load.tag}: {load.counts['households']} households",
        )
