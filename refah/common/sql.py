"""Hand-written SQL for the hottest paths, with the ORM's own column names, converters and model instances.

Building and compiling an ORM query costs 0.2–1 ms of CPU per query, more than PostgreSQL spends running it.
The few requests served thousands of times a second (token authentication, a household read, an application
submission) write their statements out once, from the models' metadata, and turn rows into model instances
with the same converters the ORM applies; everything else uses the ORM.
"""

import contextlib
import dataclasses
import functools
import time
from collections.abc import Callable
from typing import Any

import psycopg
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.backends.signals import connection_created
from django.db.models import Model, signals
from django.db.models.base import ModelState


def db():
    """The default database's connection object itself: `django.db.connection` is a proxy that looks it up
    (thread- and task-local) on every attribute, ~1.5 µs a time, and hot paths touch it hundreds of times."""
    return connections[DEFAULT_DB_ALIAS]


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

    def converters(self, conn) -> list:
        """[(index, [converter, …]), …] for this connection's backend; computed once per backend."""
        vendor = conn.vendor
        if vendor not in self._converters:
            out = []
            for i, field in enumerate(self.fields):
                # As SQLCompiler.get_converters(): backend's, then field's; a foreign key's column converts as
                # its target's (get_col() says so), e.g. SQLite's text UUIDs.
                expression = field.get_col(self.alias)
                found = conn.ops.get_db_converters(expression) + expression.get_db_converters(conn)
                if found:
                    out.append((i, found, expression))
            self._converters[vendor] = out
        return self._converters[vendor]

    def values(self, row, start: int = 0, conn=None) -> list:
        conn = conn or db()
        values = list(row[start : start + self.width])
        for i, found, expression in self.converters(conn):
            value = values[i]
            for converter in found:
                value = converter(value, expression, conn)
            values[i] = value
        return values

    def build(self, row, start: int = 0) -> Model:
        """The instance made of row[start : start + width], as Model.from_db() makes it.

        Without Model.__init__ when nothing listens to the model's init signals: the values go straight into
        the instance's __dict__, which is what __init__ does for concrete fields (their descriptors do not
        intercept setting), at a third of the cost. Fields not selected stay deferred, as with from_db().
        """
        conn = db()
        values = self.values(row, start, conn)
        model = self.model
        if signals.pre_init.has_listeners(model) or signals.post_init.has_listeners(model):
            return model.from_db(conn.alias, self.names, values)
        obj = model.__new__(model)
        state = obj._state = ModelState()
        state.adding, state.db = False, conn.alias
        obj.__dict__.update(zip(self.names, values, strict=True))
        return obj


def new(model: type[Model], **values) -> Model:
    """A new, unsaved instance, as `model(**values)` makes it (field names or attnames; a related instance for a
    foreign key; defaults for the rest), without Model.__init__'s generic handling of arguments and its init
    signals, at less than half the cost: the hot paths make several instances a request. Falls back to
    `model(**values)` when something listens to the model's init signals.
    """
    if signals.pre_init.has_listeners(model) or signals.post_init.has_listeners(model):
        return model(**values)
    obj = model.__new__(model)
    obj._state = ModelState()
    data = obj.__dict__
    for field, relation in _new_fields(model):
        if field.name in values:
            value = values.pop(field.name)
            if relation and value is not None:
                obj._state.fields_cache[field.name] = value
                value = getattr(value, field.target_field.attname)
            data[field.attname] = value
        elif field.attname in values:
            data[field.attname] = values.pop(field.attname)
        else:
            data[field.attname] = field.get_default()
    if values:
        raise TypeError(f"{model.__name__}() got unexpected arguments: {', '.join(values)}")
    return obj


@functools.cache
def _new_fields(model: type[Model]) -> tuple:
    return tuple((f, f.is_relation and f.many_to_one) for f in model._meta.concrete_fields)


def plain_rows(found: list[tuple]) -> list[tuple]:
    """A Statement's decoder that keeps the rows as they are."""
    return found


@dataclasses.dataclass(frozen=True, slots=True)
class Statement:
    """A hand-written read as one object: its text (`%s` placeholders), its parameters, and how its rows become
    what the caller wants (`decode(rows)`: model instances, one object or None, plain rows).

    The app that owns the tables writes the statement (its selectors return it); the caller runs it with fetch(),
    or several with fetch_together() in one round trip, and gets decoded results, never rows to interpret.
    """

    sql: str
    params: tuple | list = ()
    decode: Callable[[list[tuple]], Any] = plain_rows


def fetch(statement: Statement) -> Any:
    """The decoded result of a hand-written statement.

    On PostgreSQL the statement is bound on the server and prepared on first use in each connection, so it is
    planned once per connection, not on every request (planning costs more than running these statements).
    """
    return statement.decode(_run(statement.sql, statement.params, rows=True))


def fetch_together(*statements: Statement) -> list:
    """The decoded results of several independent statements, sent together: one round trip on PostgreSQL
    (pipeline mode). A transaction's BEGIN goes with them. Elsewhere they simply run one after the other.
    """
    conn = db()
    if not _pipelines(conn):
        return [fetch(statement) for statement in statements]
    conn.ensure_connection()
    conn.validate_no_broken_transaction()
    started = time.monotonic()
    with conn.wrap_database_errors, conn.connection.pipeline():
        cursors = []
        for statement in statements:
            cursor = psycopg.RawCursor(conn.connection)
            cursor.execute(_native(statement.sql), statement.params, prepare=True)
            cursors.append(cursor)
        found = [cursor.fetchall() for cursor in cursors]
    if conn.queries_logged:
        took = f"{time.monotonic() - started:.3f}"
        conn.queries_log.extend({"sql": statement.sql, "time": took} for statement in statements)
    return [statement.decode(r) for statement, r in zip(statements, found, strict=True)]


@contextlib.contextmanager
def batch():
    """Send the block's insert() calls as one statement at the end of the block (on PostgreSQL).

    Each INSERT becomes a data-modifying WITH clause of a single statement, so a submission's six writes cost
    one round trip and one statement on the server instead of six. One statement is atomic by itself: outside
    a transaction the block needs none (see batches()). For writes whose answers are not needed: inside the
    block insert() reads nothing back (an auto-increment id stays None, `returning` is refused), and the block
    must not read what it wrote (the rows go in at its end). Parts of one statement see the same snapshot, so
    none may depend on another's rows except through foreign keys, which Django creates DEFERRABLE INITIALLY
    DEFERRED. Callbacks given to on_commit() inside the block wait for the statement (then for the commit of
    the surrounding transaction, if any). If the block raises, nothing queued is sent.

    Elsewhere (SQLite) each insert runs at once, inside the caller's transaction; nested blocks join the outer.
    """
    conn = db()
    if not _pipelines(conn) or _batching(conn):
        yield
        return
    conn.refah_batch, conn.refah_batch_after = queued, after = [], []
    try:
        yield
    finally:
        conn.refah_batch = conn.refah_batch_after = None
    if queued:
        _execute(_batch_statement(tuple(statement for statement, _ in queued)), [p for _, ps in queued for p in ps])
    for callback in after:
        transaction.on_commit(callback, robust=True)


def batches() -> bool:
    """Whether batch() sends its writes as one statement here (PostgreSQL), atomic without a transaction."""
    return _pipelines(db())


def batching() -> bool:
    """Whether the caller is inside a batch() whose writes go as one statement (an atomic unit of work)."""
    return _batching(db())


def on_commit(callback) -> None:
    """Run `callback` once the writes so far are committed: after the batch's statement and the surrounding
    transaction (Django's transaction.on_commit(), robust: an error is logged, not raised)."""
    conn = db()
    if _batching(conn):
        conn.refah_batch_after.append(callback)
    else:
        transaction.on_commit(callback, robust=True)


@functools.cache
def _batch_statement(statements: tuple[str, ...]) -> str:
    *first, last = statements
    if not first:
        return last
    return "WITH " + ", ".join(f"w{i} AS ({s})" for i, s in enumerate(first)) + " " + last


def _batching(conn) -> bool:
    return getattr(conn, "refah_batch", None) is not None


def unique_violation(exc: Exception) -> bool:
    """Whether a database error (Django's IntegrityError) is a unique index refusing a row."""
    cause = exc.__cause__
    if isinstance(cause, psycopg.errors.UniqueViolation):
        return True
    return "UNIQUE constraint failed" in str(cause or exc)  # sqlite3 has no error classes for constraints


def _pipelines(conn) -> bool:
    return conn.vendor == "postgresql" and not conn.execute_wrappers


def _run(statement: str, params, *, rows: bool) -> list:
    conn = db()
    if conn.vendor != "postgresql" or conn.execute_wrappers:
        with conn.cursor() as cursor:  # Django's cursor: SQLite, or code watching the statements
            cursor.execute(statement, params)
            return cursor.fetchall() if rows else []
    conn.ensure_connection()
    conn.validate_no_broken_transaction()
    started = time.monotonic()
    with conn.wrap_database_errors:
        cursor = psycopg.RawCursor(conn.connection)  # server-side binding, unlike Django's ClientCursor
        cursor.execute(_native(statement), params, prepare=True)
        found = cursor.fetchall() if rows else []
    if conn.queries_logged:  # as Django's debug cursor records statements (assertNumQueries counts them)
        conn.queries_log.append({"sql": statement, "time": f"{time.monotonic() - started:.3f}"})
    return found


@functools.lru_cache(maxsize=1024)
def _native(statement: str) -> bytes:
    """The statement with PostgreSQL's own $1, $2… placeholders for `%s`, as bytes: sent through a RawCursor,
    it is not parsed again on every execution (psycopg caches its own conversion only for statements under
    4 kB and 50 parameters, which a submission's one-statement batch exceeds)."""
    parts = statement.split("%s")
    out = [parts[0]]
    for i, part in enumerate(parts[1:], start=1):
        out.append(f"${i}{part}")
    return "".join(out).replace("%%", "%").encode()


def allow_prepared_statements(sender, connection, **kwargs) -> None:
    """Let fetch() (and insert()) prepare their statements on new PostgreSQL connections, and plan them once.

    Django opens psycopg connections with `prepare_threshold=None` (nothing prepared) and client-side binding,
    which never prepares anything; a very high threshold keeps that for every other statement while allowing
    the explicit `prepare=True` of fetch(). Statements stay prepared for the life of the connection.

    PostgreSQL plans a prepared statement again at every execution while its generic plan looks costlier than
    the custom ones (small tables, one-row lookups): `force_generic_plan` makes the plan made once the one used.
    It concerns prepared statements only, that is, these hand-written ones; the ORM's are never prepared.
    """
    if connection.vendor == "postgresql" and connection.connection.prepare_threshold is None:
        connection.connection.prepare_threshold = 1_000_000_000
        connection.connection.execute("SET plan_cache_mode = force_generic_plan")


connection_created.connect(allow_prepared_statements)


@functools.cache
def _insert_statement(model: type[Model], rows: int, on_conflict: str, returning: tuple[str, ...]) -> tuple:
    fields = tuple(f for f in model._meta.concrete_fields if not f.db_returning)
    placeholders = "(" + ", ".join(["%s"] * len(fields)) + ")"
    statement = (
        f"INSERT INTO {table(model)} ({', '.join(qn(f.column) for f in fields)}) "
        f"VALUES {', '.join([placeholders] * rows)}"
    )
    if on_conflict == "*":
        statement += " ON CONFLICT DO NOTHING"
    elif on_conflict:
        statement += f" ON CONFLICT {on_conflict} DO NOTHING"
    if returning:
        statement += f" RETURNING {', '.join(qn(model._meta.get_field(n).column) for n in returning)}"
    return statement, fields


def insert(objs: list[Model], *, on_conflict: str = "", returning: tuple[str, ...] | None = None) -> list[tuple]:
    """INSERT the model instances (all of one model) in one prepared statement, as Model.save() would write them.

    Field defaults and `auto_now(_add)` apply as in save(); the database's own columns (an auto-increment id)
    come back and are set on the instances. `on_conflict`: "(columns) [WHERE …]" to skip rows that would break
    that unique index (`ON CONFLICT … DO NOTHING`), "*" to skip rows that would break any unique index.
    Returns the `returning` columns of the rows that went in (by default the database-generated ones).
    No model signals are sent (Refah connects none).
    """
    if not objs:
        return []
    conn = db()
    model = type(objs[0])
    generated = _generated(model)
    batching = _batching(conn)
    if returning is None:
        returning = () if batching else generated  # in a batch, ids are not waited for
    elif returning and batching:
        raise ValueError("insert() cannot read rows back inside sql.batch()")
    statement, fields = _insert_statement(model, len(objs), on_conflict, tuple(returning))
    params = [f.get_db_prep_save(f.pre_save(obj, True), conn) for obj in objs for f in fields]
    if batching:
        conn.refah_batch.append((statement, params))
        rows = []
    else:
        rows = _run(statement, params, rows=True) if returning else _execute(statement, params)
        if on_conflict and len(rows) < len(objs):
            return rows
    if returning == generated and generated:
        for obj, row in zip(objs, rows, strict=True):
            for name, value in zip(generated, row, strict=True):
                setattr(obj, model._meta.get_field(name).attname, value)
    for obj in objs:
        obj._state.adding, obj._state.db = False, conn.alias
    return rows


@functools.cache
def _generated(model: type[Model]) -> tuple[str, ...]:
    return tuple(f.name for f in model._meta.concrete_fields if f.db_returning)


@functools.cache
def _update_statement(model: type[Model], names: tuple[str, ...]) -> tuple:
    fields = tuple(model._meta.get_field(n) for n in names)
    sets = ", ".join(f"{qn(f.column)} = %s" for f in fields)
    return f"UPDATE {table(model)} SET {sets} WHERE {qn(model._meta.pk.column)} = %s", fields


def update(obj: Model, fields: list[str]) -> None:
    """UPDATE these fields of a saved instance, as save(update_fields=…) would (plus an `auto_now` field)."""
    conn, model = db(), type(obj)
    auto_now = [f.name for f in model._meta.concrete_fields if getattr(f, "auto_now", False) and f.name not in fields]
    statement, columns = _update_statement(model, tuple([*fields, *auto_now]))
    params = [f.get_db_prep_save(f.pre_save(obj, False), conn) for f in columns]
    _execute(statement, [*params, model._meta.pk.get_db_prep_value(obj.pk, conn)])


def _execute(statement: str, params) -> list:
    return _run(statement, params, rows=False)


# Statements over whole columns (bulk refreshes, loaders): PostgreSQL only; callers keep an ORM twin for SQLite.


def bulk_fetch(*statements: Statement) -> list:
    """The decoded results of statements whose parameters are whole columns (Python lists of thousands of values,
    written `%b` in the statement): dumped in binary by psycopg's C adapters, not quoted value by value as text,
    bound server-side, and sent together in one round trip (pipeline). Not prepared: each is planned for the
    arrays it is given. PostgreSQL only."""
    conn = db()
    conn.ensure_connection()
    conn.validate_no_broken_transaction()
    with conn.wrap_database_errors, conn.connection.pipeline():
        cursors = []
        for statement in statements:
            cursor = psycopg.Cursor(conn.connection)
            cursor.execute(statement.sql, statement.params)
            cursors.append(cursor)
        found = [cursor.fetchall() for cursor in cursors]
    return [statement.decode(rows) for statement, rows in zip(statements, found, strict=True)]


def bulk_execute(statement: str, params) -> None:
    """Run a write whose parameters are whole columns (`%b`, as bulk_fetch()), inside the caller's transaction."""
    conn = db()
    conn.ensure_connection()
    conn.validate_no_broken_transaction()
    with conn.wrap_database_errors, psycopg.Cursor(conn.connection) as cursor:
        cursor.execute(statement, params)
