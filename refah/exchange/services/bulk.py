"""Bulk refresh of many households (`refah exchange refresh`, the bench): households kept whole in chunks of about
CHUNK_PERSONS persons; the eight sources asked at once on threads, in bulk calls, the next chunk asked while the
previous one is written (PostgreSQL); one transaction per chunk writes what the household refresh writes — each
household's checks with the facts of the answers (one upsert statement), the disagreements, the registered facts in
the registry — with one AuditEvent per chunk, as the synthetic loader does. A chunk that fails changes nothing of its
own (its transaction is rolled back); the call log of its calls stays, as for any call.

The same decisions as the household refresh (answers.py: compare.py, store.py, registry_write.plan, over columns);
only the registry's rows are written in bulk statements (registry.services.registered_write_bulk) instead of one
service call each, which is what 5,000 persons a second needs (docs/exchange.md, "Bulk design")."""

import gc
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

from django.db import connection, transaction
from django.utils import timezone

from refah.audit.actions import AuditAction
from refah.audit.services import audit_record
from refah.exchange.client import CallContext, SourceError
from refah.exchange.enums import CallPurpose
from refah.exchange.services.answers import answers_store
from refah.exchange.sources import ALL, SOURCES
from refah.registry import selectors as registry_selectors
from refah.registry.services import registered_write_bulk

CHUNK_PERSONS = 5000


def _chunks(district=None, chunk: int = CHUNK_PERSONS):
    """The persons to ask about (compare.MEMBERS), households kept whole, in frames of about `chunk` persons."""
    members = registry_selectors.members_with_national_id(district=district)
    sizes = members.group_by("household_id", maintain_order=True).len()["len"].to_list()
    start = taken = 0
    for size in sizes:
        if taken >= chunk:
            yield members.slice(start, taken)
            start, taken = start + taken, 0
        taken += size
    if taken:
        yield members.slice(start, taken)


def _ask(code: str, tcs: list[str], ctx: CallContext):
    started = time.perf_counter()
    try:
        return SOURCES[code].bulk(tcs=tcs, ctx=ctx), time.perf_counter() - started
    except SourceError as exc:
        return exc, time.perf_counter() - started


def _close_connections(pool: ThreadPoolExecutor, workers: int) -> None:
    """Close the database connection of each of the pool's threads (they log the calls): one task per thread,
    held at a barrier until every thread has taken one."""
    barrier = threading.Barrier(workers)

    def close():
        barrier.wait(timeout=30)
        connection.close()

    for future in [pool.submit(close) for _ in range(workers)]:
        future.result()


def bulk_refresh(*, actor, district=None, purpose: str = CallPurpose.REVIEW, sources=ALL, on_chunk=None) -> dict:
    """Refresh every household (of `district`) from `sources`; counts of persons, households, facts, disagreements
    and seconds per stage ("ask": the slowest source of each chunk, summed; "write": the chunks' transactions)."""
    counts = defaultdict(int)
    ctx = CallContext(requester=actor, purpose=purpose)
    # SQLite's shared in-memory test database locks whole tables: one source at a time there, no overlap
    overlap = connection.vendor == "postgresql"
    workers = len(sources) if overlap else 1
    with fewer_collections(), ThreadPoolExecutor(max_workers=workers) as pool:

        def ask(batch):
            tcs = batch["tc"].to_list()
            return batch, [pool.submit(_ask, code, tcs, ctx) for code in sources]

        def write(batch, futures):
            waited = time.perf_counter()
            results = [f.result() for f in futures]
            counts["wait_seconds"] += time.perf_counter() - waited
            counts["ask_seconds"] += max(seconds for _a, seconds in results)
            started = time.perf_counter()
            _chunk_write(actor, batch, dict(zip(sources, (a for a, _s in results), strict=True)), purpose, counts)
            counts["write_seconds"] += time.perf_counter() - started
            counts["persons"] += batch.height
            counts["households"] += batch["household_id"].n_unique()
            if on_chunk:
                on_chunk(dict(counts))

        try:
            pending = None
            for batch in _chunks(district):
                if overlap:
                    asked = ask(batch)  # chunk n+1 is asked while chunk n is written
                    if pending:
                        write(*pending)
                    pending = asked
                else:
                    write(*ask(batch))
            if pending:
                write(*pending)
        finally:
            _close_connections(pool, workers)
    return dict(counts)


class _Stages:
    """Seconds spent in each stage of the chunk writes, added to the counts as "<stage>_seconds"."""

    def __init__(self, counts):
        self.counts, self.last = counts, time.perf_counter()

    def __call__(self, stage: str) -> None:
        now = time.perf_counter()
        self.counts[f"{stage}_seconds"] += now - self.last
        self.last = now


@transaction.atomic
def _chunk_write(actor, batch, answers: dict, purpose: str, counts) -> None:
    now, stage = timezone.now(), _Stages(counts)
    rows, found = answers_store(answers=answers, members=batch, purpose=purpose, now=now, stage=stage)
    registered_write_bulk(rows=rows, now=now)
    stage("registry")
    written = rows.counts()
    counts["facts"] += found["facts"]
    counts["disagreements"] += found["disagreements"]
    counts["registry_rows"] += sum(written.values())
    first = next((a.calls[0] for a in answers.values() if not isinstance(a, SourceError) and a.calls), None)
    if first is not None:
        audit_record(
            actor=actor,
            action=AuditAction.SOURCES_REFRESH,
            obj=first,
            after={
                "households": batch["household_id"].n_unique(),
                "persons": batch.height,
                "facts": found["facts"],
                "sources": found["sources"],
                "failed": found["failed"],
                "registry": written,
            },
        )


class fewer_collections:
    """Python's cyclic garbage collector paused for long-lived objects and run less often: a bulk refresh
    allocates millions of small objects that hold no cycles, and the default thresholds make the collector walk
    them again and again."""

    def __enter__(self):
        self.thresholds = gc.get_threshold()
        gc.freeze()
        gc.set_threshold(100_000, 50, 100)
        return self

    def __exit__(self, *exc):
        gc.set_threshold(*self.thresholds)
        gc.unfreeze()
        return False
