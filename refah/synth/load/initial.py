"""PostgreSQL initial load: every index and key of the registry tables set aside, then rebuilt and validated.

Filling empty tables row by row through their indexes (one of them a trigram GIN, one a unique B-tree on random
national ids) and queuing a deferred foreign-key check per row is what made a national load slow; building each
index once over the loaded rows and validating each key with one pass is several times faster (pg_restore works
the same way). The tables, empty already, are truncated in the load's transaction so that their rows can be COPYed
FREEZE. Everything happens in the caller's transaction, so a failure leaves the schema exactly as it was.

Primary keys, unique constraints and unique indexes are re-added before anything else, and re-adding them checks
every loaded row, as re-adding a foreign key does: a duplicate or an orphan raises IntegrityError and the whole
load rolls back. Definitions are read from the catalogue (pg_indexes.indexdef, pg_get_constraintdef) just before
they are dropped, and replayed as read. Check constraints and NOT NULL stay in place throughout.
"""

import time
from dataclasses import dataclass

from django.db import connection

from refah.registry.models import Asset, Household, IncomeSource, Membership, Person, SchoolAttendance
from refah.synth.models import TrueWelfare

LOADED_MODELS = (Household, TrueWelfare, Person, Membership, IncomeSource, Asset, SchoolAttendance)
MAINTENANCE_WORK_MEM = "1GB"  # index builds and foreign-key validation (which uses it as work_mem)
PARALLEL_MAINTENANCE_WORKERS = 2  # B-tree builds sort in parallel (PostgreSQL ≥ 11); GIN builds do not before 18

# Indexes that no constraint owns (a constraint's index goes with it): unique ones first, each table's in name order.
_INDEXES_SQL = """
SELECT x.indexname, x.indexdef, i.indisunique
FROM pg_indexes x
JOIN pg_class c ON c.relname = x.indexname AND c.relnamespace = to_regnamespace(x.schemaname)
JOIN pg_index i ON i.indexrelid = c.oid
WHERE x.schemaname = current_schema() AND x.tablename = ANY(%s)
  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.contype <> 'f')
ORDER BY x.tablename, x.indexname
"""
# Primary keys and unique constraints of the loaded tables.
_KEYS_SQL = """
SELECT k.conrelid::regclass::text, k.conname, pg_get_constraintdef(k.oid)
FROM pg_constraint k
WHERE k.contype IN ('p', 'u') AND k.conrelid = ANY(%s::regclass[])
ORDER BY 1, k.contype, 2
"""
# Foreign keys of the loaded tables and those of other tables that point at them (they depend on the keys).
_FOREIGN_KEYS_SQL = """
SELECT k.conrelid::regclass::text, k.conname, pg_get_constraintdef(k.oid)
FROM pg_constraint k
WHERE k.contype = 'f' AND (k.conrelid = ANY(%s::regclass[]) OR k.confrelid = ANY(%s::regclass[]))
ORDER BY 1, 2
"""


@dataclass(frozen=True)
class SetAside:
    """What an initial load dropped and must recreate.

    `keys`: (table, name, PRIMARY KEY | UNIQUE …); `unique_indexes` and `indexes`: (name, CREATE … INDEX …), the
    unique ones (partial uniqueness rules) and the secondary ones; `foreign_keys`: (table, name, FOREIGN KEY …).
    """

    keys: list[tuple[str, str, str]]
    unique_indexes: list[tuple[str, str]]
    indexes: list[tuple[str, str]]
    foreign_keys: list[tuple[str, str, str]]


def tables() -> list[str]:
    return [model._meta.db_table for model in LOADED_MODELS]


def tables_empty() -> bool:
    """True when no table the loader writes holds a row."""
    return not any(model._default_manager.exists() for model in LOADED_MODELS)


def set_aside_read(cursor) -> SetAside:
    """The keys, indexes and foreign keys of (and pointing at) the loaded tables, as the catalogue defines them now."""
    names = tables()
    cursor.execute(_KEYS_SQL, [names])
    keys = [tuple(row) for row in cursor.fetchall()]
    cursor.execute(_INDEXES_SQL, [names])
    rows = cursor.fetchall()
    unique = [(name, definition) for name, definition, is_unique in rows if is_unique]
    secondary = [(name, definition) for name, definition, is_unique in rows if not is_unique]
    cursor.execute(_FOREIGN_KEYS_SQL, [names, names])
    return SetAside(keys, unique, secondary, [tuple(row) for row in cursor.fetchall()])


def prepare(cursor, clock: dict[str, float]) -> SetAside | None:
    """Lock the tables and drop their foreign keys, keys and indexes; None if they filled up meanwhile."""
    started = time.perf_counter()
    quote = connection.ops.quote_name
    cursor.execute(f"SET LOCAL maintenance_work_mem = '{MAINTENANCE_WORK_MEM}'")
    cursor.execute(f"SET LOCAL max_parallel_maintenance_workers = {PARALLEL_MAINTENANCE_WORKERS}")
    cursor.execute("SET LOCAL synchronous_commit = off")
    # The tables whose foreign keys point at the loaded ones are locked too, all at once and before any
    # DROP, so that the load never waits for one lock while holding the others.
    referring = sorted({table for table, _, _ in set_aside_read(cursor).foreign_keys} - set(tables()))
    cursor.execute(f"LOCK TABLE {', '.join(tables() + referring)} IN ACCESS EXCLUSIVE MODE")
    if not tables_empty():  # another load got there first: keep every index and load incrementally
        return None
    aside = set_aside_read(cursor)
    for table, name, _ in aside.foreign_keys:
        cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {quote(name)}")
    for table, name, _ in aside.keys:
        cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {quote(name)}")
    for name, _ in aside.unique_indexes + aside.indexes:
        cursor.execute(f"DROP INDEX {quote(name)}")
    # Empty already; truncated so that their rows can be COPYed frozen (COPY … FREEZE needs a table created or
    # truncated in the same subtransaction). Nothing points at them any more, so nothing else is truncated.
    cursor.execute(f"TRUNCATE {', '.join(tables())}")
    clock["drop"] = clock.get("drop", 0.0) + time.perf_counter() - started
    return aside


def finish(cursor, aside: SetAside | None, clock: dict[str, float], detail: dict[str, float] | None = None) -> None:
    """Recreate what `prepare` dropped, exactly as read: keys and unique indexes first (checking every row), then
    the other indexes, then (after ANALYZE) each foreign key, validated. `detail` receives the seconds of each
    index and key."""
    if aside is None:
        return
    quote = connection.ops.quote_name
    # Each foreign key's check is one anti-join of the referring table with the referred one. With hash joins
    # allowed PostgreSQL hashes the whole referred table for every key (3.2 M person ids, three times); both
    # sides have a B-tree on the joined column by then, so a merge join reads the two indexes in order instead,
    # about twice as fast. The tables are analyzed first, so the check is planned from their real sizes.
    cursor.execute("SELECT current_setting('enable_hashjoin')")
    hashjoin = cursor.fetchone()[0]
    foreign_keys = [("", "SET LOCAL enable_hashjoin = off")]
    foreign_keys += [(n, f"ALTER TABLE {t} ADD CONSTRAINT {quote(n)} {d}") for t, n, d in aside.foreign_keys]
    foreign_keys += [("", f"SET LOCAL enable_hashjoin = {'on' if hashjoin == 'on' else 'off'}")]
    steps = [
        ("keys", [(n, f"ALTER TABLE {t} ADD CONSTRAINT {quote(n)} {d}") for t, n, d in aside.keys]),
        ("unique indexes", aside.unique_indexes),
        ("indexes", aside.indexes),
        ("analyze", [(table, f"ANALYZE {table}") for table in tables()]),
        ("foreign keys", foreign_keys),
    ]
    for step, statements in steps:
        started = time.perf_counter()
        for name, sql in statements:
            begun = time.perf_counter()
            cursor.execute(sql)
            if detail is not None and step != "analyze" and name:
                detail[name] = time.perf_counter() - begun
        clock[step] = clock.get(step, 0.0) + time.perf_counter() - started
