"""PostgreSQL initial load: secondary indexes and foreign keys of the registry tables set aside, then rebuilt.

Filling empty tables row by row through nine indexes (one of them a trigram GIN) and queuing a deferred
foreign-key check per row is what made a national load slow; building each index once over the loaded rows and
validating each foreign key with one join is several times faster. Everything happens in the caller's
transaction, so a failure leaves the schema exactly as it was. Definitions are read from the catalogue
(pg_indexes.indexdef, pg_get_constraintdef) just before they are dropped, and replayed as read. Primary keys,
unique indexes (constraints or partial) and check constraints stay in place throughout: they guard the data.
"""

import time
from dataclasses import dataclass

from django.db import connection

from refah.registry.models import Asset, Household, IncomeSource, Membership, Person, SchoolAttendance
from refah.synth.models import TrueWelfare

LOADED_MODELS = (Household, TrueWelfare, Person, Membership, IncomeSource, Asset, SchoolAttendance)
MAINTENANCE_WORK_MEM = "1GB"  # index builds and foreign-key validation (which uses it as work_mem)

# Indexes that guard nothing: not unique, not a primary key, not behind any constraint (e.g. an exclusion).
_SECONDARY_INDEXES_SQL = """
SELECT x.indexname, x.indexdef
FROM pg_indexes x
JOIN pg_class c ON c.relname = x.indexname AND c.relnamespace = to_regnamespace(x.schemaname)
JOIN pg_index i ON i.indexrelid = c.oid
WHERE x.schemaname = current_schema() AND x.tablename = ANY(%s)
  AND NOT i.indisunique AND NOT i.indisprimary
  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
ORDER BY x.tablename, x.indexname
"""
_FOREIGN_KEYS_SQL = """
SELECT k.conrelid::regclass::text, k.conname, pg_get_constraintdef(k.oid)
FROM pg_constraint k
WHERE k.contype = 'f' AND k.conrelid = ANY(%s::regclass[])
ORDER BY 1, 2
"""


@dataclass(frozen=True)
class SetAside:
    """What an initial load dropped and must recreate: (name, CREATE INDEX …) and (table, name, FOREIGN KEY …)."""

    indexes: list[tuple[str, str]]
    foreign_keys: list[tuple[str, str, str]]


def tables() -> list[str]:
    return [model._meta.db_table for model in LOADED_MODELS]


def tables_empty() -> bool:
    """True when no table the loader writes holds a row."""
    return not any(model._default_manager.exists() for model in LOADED_MODELS)


def set_aside_read(cursor) -> SetAside:
    """The secondary indexes and foreign keys of the loaded tables, as the catalogue defines them now."""
    cursor.execute(_SECONDARY_INDEXES_SQL, [tables()])
    indexes = [(name, definition) for name, definition in cursor.fetchall()]
    cursor.execute(_FOREIGN_KEYS_SQL, [tables()])
    return SetAside(indexes, [(table, name, definition) for table, name, definition in cursor.fetchall()])


def prepare(cursor, clock: dict[str, float]) -> SetAside | None:
    """Lock the tables and drop their secondary indexes and foreign keys; None if they filled up meanwhile."""
    started = time.perf_counter()
    quote = connection.ops.quote_name
    cursor.execute(f"SET LOCAL maintenance_work_mem = '{MAINTENANCE_WORK_MEM}'")
    cursor.execute("SET LOCAL synchronous_commit = off")
    cursor.execute(f"LOCK TABLE {', '.join(tables())} IN ACCESS EXCLUSIVE MODE")
    if not tables_empty():  # another load got there first: keep every index and load incrementally
        return None
    aside = set_aside_read(cursor)
    for table, name, _ in aside.foreign_keys:
        cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {quote(name)}")
    for name, _ in aside.indexes:
        cursor.execute(f"DROP INDEX {quote(name)}")
    clock["drop"] = clock.get("drop", 0.0) + time.perf_counter() - started
    return aside


def finish(cursor, aside: SetAside | None, clock: dict[str, float]) -> None:
    """Recreate what `prepare` dropped, exactly as read: indexes first, then each foreign key, validated."""
    if aside is None:
        return
    quote = connection.ops.quote_name
    steps = [
        ("indexes", [definition for _, definition in aside.indexes]),
        ("foreign keys", [f"ALTER TABLE {t} ADD CONSTRAINT {quote(n)} {d}" for t, n, d in aside.foreign_keys]),
        ("analyze", [f"ANALYZE {table}" for table in tables()]),
    ]
    for step, statements in steps:
        started = time.perf_counter()
        for sql in statements:
            cursor.execute(sql)
        clock[step] = clock.get(step, 0.0) + time.perf_counter() - started
