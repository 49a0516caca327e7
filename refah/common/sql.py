"""Hand-written SQL for the hottest paths, with the ORM's own column names, converters and model instances.

Building and compiling an ORM query costs 0.2–1 ms of CPU per query, more than PostgreSQL spends running it.
The few requests served thousands of times a second (token authentication, a household read, an application
submission) write their statements out once, from the models' metadata, and turn rows into model instances
with the same converters the ORM applies; everything else uses the ORM.
"""

import functools
import time

import psycopg
from django.db import connection
from django.db.backends.signals import connection_created
from django.db.models import Model
from django.db.models.expressions import Col


def qn(name: str) -> str:
    return connection.ops.quote_name(name)


def table(model: type[Model]) -> str:
    return qn(model._meta.db_table)


def column(model: type[Model], name: str) -> str:
    return qn(model._meta.get_field(name).column)


@functools.cache
def _fields(model: type[Model], names: tuple[str, ...] | None) -> tuple:
    if names is None:
        return tuple(model._meta.concrete_fields)
    wanted = {model._meta.get_field(n) for n in names}  # in the model's order, as Model.from_db() expects
    return tuple(f for f in model._meta.concrete_fields if f in wanted)


class Loader:
    """Columns of `model` for a SELECT (under `alias`), and model instances from those columns of a row.

    Instances come from `Model.from_db()` with the values converted as the ORM converts them for this backend
    (SQLite's text dates and UUIDs, decimals…), so they behave exactly like instances the ORM loaded.
    """

    def __init__(self, model: type[Model], alias: str, fields: tuple[str, ...] | None = None):
        self.model = model
        self.fields = _fields(model, fields)
        self.alias = alias
        self.width = len(self.fields)
        self.sql = ", ".join(f"{qn(alias)}.{qn(f.column)}" for f in self.fields)
        self.names = [f.attname for f in self.fields]
        self._converters: dict[str, list] = {}

    def converters(self) -> list:
        """[(index, [converter, …]), …] for this connection's backend; computed once per backend."""
        vendor = connection.vendor
        if vendor not in self._converters:
            out = []
            for i, field in enumerate(self.fields):
                expression = Col(self.alias, field)  # as SQLCompiler.get_converters(): backend's, then field's
                found = connection.ops.get_db_converters(expression) + expression.get_db_converters(connection)
                if found:
                    out.append((i, found, expression))
            self._converters[vendor] = out
        return self._converters[vendor]

    def values(self, row, start: int = 0) -> list:
        values = list(row[start : start + self.width])
        for i, found, expression in self.converters():
            value = values[i]
            for converter in found:
                value = converter(value, expression, connection)
            values[i] = value
        return values

    def build(self, row, start: int = 0) -> Model:
        """The instance made of row[start : start + width]."""
        return self.model.from_db(connection.alias, self.names, self.values(row, start))


def fetch(statement: str, params=()) -> list[tuple]:
    """Rows of a hand-written statement (`%s` placeholders).

    On PostgreSQL the statement is bound on the server and prepared on first use in each connection, so it is
    planned once per connection, not on every request (planning costs more than running these statements).
    """
    if connection.vendor != "postgresql" or connection.execute_wrappers:
        with connection.cursor() as cursor:  # Django's cursor: SQLite, or code watching the statements
            cursor.execute(statement, params)
            return cursor.fetchall()
    connection.ensure_connection()
    started = time.monotonic()
    with connection.wrap_database_errors:
        cursor = psycopg.Cursor(connection.connection)  # server-side binding, unlike Django's ClientCursor
        cursor.execute(statement, params, prepare=True)
        rows = cursor.fetchall()
    if connection.queries_logged:  # as Django's debug cursor records statements (assertNumQueries counts them)
        connection.queries_log.append({"sql": statement, "time": f"{time.monotonic() - started:.3f}"})
    return rows


def allow_prepared_statements(sender, connection, **kwargs) -> None:
    """Let fetch() prepare its statements on new PostgreSQL connections.

    Django opens psycopg connections with `prepare_threshold=None` (nothing prepared) and client-side binding,
    which never prepares anything; a very high threshold keeps that for every other statement while allowing
    the explicit `prepare=True` of fetch(). Statements stay prepared for the life of the connection.
    """
    if connection.vendor == "postgresql" and connection.connection.prepare_threshold is None:
        connection.connection.prepare_threshold = 1_000_000_000


connection_created.connect(allow_prepared_statements)
