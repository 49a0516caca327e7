"""PostgreSQL statements of the bulk paths, run on the connection's own transaction without Django's client-side
binding: the statement is bound server-side (2,000 ids are one array parameter, dumped by psycopg's C adapters, not
2,000 quoted literals), and new rows go in by COPY. Callers keep the ORM on SQLite (tests, development)."""

import gc
from collections.abc import Iterable

import psycopg
from django.db import connection


def postgresql() -> bool:
    return connection.vendor == "postgresql"


def _cursor() -> psycopg.Cursor:
    connection.ensure_connection()
    return psycopg.Cursor(connection.connection)


def rows(statement: str, params) -> list[tuple]:
    """The rows of one SELECT."""
    with connection.wrap_database_errors, _cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall()


def execute(statement: str, params) -> None:
    with connection.wrap_database_errors, _cursor() as cursor:
        cursor.execute(statement, params)


def copy_in(table: str, columns: tuple[str, ...], values: Iterable[tuple]) -> None:
    """New rows into `table` by COPY (psycopg adapts each value in C)."""
    statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    with connection.wrap_database_errors, _cursor() as cursor, cursor.copy(statement) as copy:
        for row in values:
            copy.write_row(row)


class fewer_collections:
    """Python's cyclic garbage collector paused for long-lived objects and run less often: a bulk refresh
    allocates millions of small tuples and lists that hold no cycles, and the default thresholds make the
    collector walk them again and again (a fifth of the CPU)."""

    def __enter__(self):
        self.thresholds = gc.get_threshold()
        gc.freeze()
        gc.set_threshold(100_000, 50, 100)
        return self

    def __exit__(self, *exc):
        gc.set_threshold(*self.thresholds)
        gc.unfreeze()
        return False
