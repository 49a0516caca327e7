"""The household read of the API (`GET /api/v1/registry/households/{id}`) in hand-written SQL.

Partner systems read households thousands of times a second; composing the same five ORM queries and
validating the answer through the response schema cost ~8 ms of CPU a read. Here the statements are written
out once — on PostgreSQL one prepared statement (see refah.common.sql) that brings the members, incomes and
assets as JSON arrays of rows; on SQLite four plain ones — and the answer is built as plain JSON values, the
same document `schemas.HouseholdDetail` describes: same permission check, same jurisdiction (outside it:
"not found", like a wrong id), same health and disability fields shown only with
`registry.view_sensitive_person`. tests/test_api_household_read.py holds the two answers equal.

Each read is logged (refah.audit access log) by the read itself: an `INSERT … SELECT` from the household row in
the jurisdiction, as a data-modifying WITH clause of the one PostgreSQL statement (a separate statement before the
reads on SQLite). The log row is committed with the read, before the answer leaves; a household not found or
outside the jurisdiction logs nothing.
"""

import datetime as dt
import functools
import uuid

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.utils import timezone

from refah.accounts.models import Office
from refah.accounts.selectors import SCOPE_SQL, jurisdiction_scope
from refah.audit.enums import AccessChannel, AccessKind, AccessPurpose
from refah.audit.services_access import access_event, access_insert_select
from refah.common import sql
from refah.common.errors import NotFoundError
from refah.geo.models import District, Neighbourhood, Province
from refah.registry import enums, errors
from refah.registry.models import Asset, Household, IncomeSource, Membership, Person, membership_on_sql
from refah.registry.selectors.permissions import can_view_sensitive, require_view, uuid_or_404

_PERSON_PUBLIC = (
    "id", "first_name", "last_name", "birth_date", "sex", "id_kind", "national_id", "internal_id", "nationality",
    "protection_status", "marital_status", "education_level", "employment_status", "social_security",
    "school_level", "school_grade", "phone", "deceased_on",
)  # fmt: skip
_PERSON_SENSITIVE = ("health_insurance", "disability_percent", "dependency", "chronic_illness", "pregnant")
_DATES = frozenset({"birth_date", "deceased_on"})
_MONTHLY = enums.IncomePeriod.MONTHLY.value
_encode = DjangoJSONEncoder().default  # the API's datetime format (ninja's encoder is this one)


def _id(value) -> str | None:
    """A UUID column as text: uuid.UUID on PostgreSQL, 32 hex digits on SQLite."""
    if value is None or isinstance(value, str) and len(value) == 36:  # text from PostgreSQL's JSON: as it should be
        return value
    return str(value if isinstance(value, uuid.UUID) else uuid.UUID(value))


def _day(value) -> str | None:
    """A date column as YYYY-MM-DD: datetime.date on PostgreSQL, already text on SQLite."""
    return value.isoformat() if isinstance(value, dt.date) else value


def _tl(kurus: int) -> str:
    return f"{kurus // 100}.{kurus % 100:02d}"


def _as_date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


_HOUSEHOLD = (
    "id", "reference_code", "address_line", "phone", "dwelling_type", "tenure", "monthly_rent_kurus", "heating",
    "rooms", "external_ref",
)  # fmt: skip
_HOUSEHOLD_LABEL = Household._meta.label_lower
_LOG_FROM_ROW = {"district_id": "h.district_id"}  # the access row's district is the household's, as read
# set_config(…, true) lasts until the end of the transaction: only used when the statement is a transaction.
_ASYNC_COMMIT = " AND set_config('synchronous_commit', 'off', true) IS NOT NULL"
_CURRENT = "m.household_id = {h} AND " + membership_on_sql("m")


@functools.cache
def _parts(scope: str) -> dict[str, tuple[str, str, str, str]]:
    """(columns, FROM … WHERE …, ORDER BY, parameters' names) of the household and of its three lists.

    `{h}` stands for the household's id: a parameter when the list is read by itself, `h.id` inside the one
    PostgreSQL statement. `scope` is the jurisdiction filter: "district", "province" or "" (national).
    """
    t = sql.table
    person = ", ".join(f"p.{sql.column(Person, f)}" for f in _PERSON_PUBLIC + _PERSON_SENSITIVE)
    scope_sql = SCOPE_SQL[scope].format(alias="h")
    household = (
        ", ".join(f"h.{sql.column(Household, f)}" for f in _HOUSEHOLD)
        + ", pr.pcode, pr.name, d.pcode, d.name, n.name, o.name, h.created_at, h.updated_at",
        f"{t(Household)} h JOIN {t(Province)} pr ON pr.id = h.province_id "
        f"JOIN {t(District)} d ON d.id = h.district_id JOIN {t(Neighbourhood)} n ON n.id = h.neighbourhood_id "
        f"LEFT JOIN {t(Office)} o ON o.id = h.registered_by_id WHERE h.id = %s{scope_sql}",
        "",
    )
    members = (
        f"m.id, m.role, m.joined_on, m.left_on, m.left_reason, {person}",
        f"{t(Membership)} m JOIN {t(Person)} p ON p.id = m.person_id WHERE {_CURRENT}",
        "m.role, p.birth_date",
    )
    incomes = (
        "i.id, i.person_id, i.kind, i.amount_kurus, i.period, i.start_date, i.end_date, i.source, i.note",
        f"{t(IncomeSource)} i JOIN {t(Person)} p ON p.id = i.person_id "
        f"WHERE i.person_id IN (SELECT m.person_id FROM {t(Membership)} m WHERE {_CURRENT}) "
        "AND i.start_date <= %s AND (i.end_date IS NULL OR i.end_date >= %s)",
        "p.birth_date, i.start_date DESC",
    )
    assets = (
        "a.id, a.kind, a.description, a.value_kurus, a.owner_id, a.acquired_on, a.disposed_on, a.source",
        f"{t(Asset)} a WHERE a.household_id = {{h}} AND (a.acquired_on IS NULL OR a.acquired_on <= %s) "
        "AND (a.disposed_on IS NULL OR a.disposed_on > %s)",
        "a.kind, a.created_at",
    )
    return {"household": household, "members": members, "incomes": incomes, "assets": assets}


@functools.cache
def _statements(vendor: str, scope: str, log: str, asynchronous: bool = False) -> dict[str, str]:
    """On PostgreSQL one statement, the lists as JSON arrays of rows (json_agg) and the access log's INSERT (`log`)
    as a WITH clause; elsewhere the INSERT and four reads. `asynchronous`: the statement is its own transaction
    (autocommit), whose commit need not wait for the WAL flush (see _asynchronous)."""
    parts = _parts(scope)
    logged = f"{log} FROM {sql.table(Household)} h WHERE h.id = %s{SCOPE_SQL[scope].format(alias='h')}"
    if asynchronous:
        logged += _ASYNC_COMMIT
    if vendor == "postgresql":
        lists = [
            f"(SELECT json_agg(json_build_array({columns}) ORDER BY {order}) FROM {source.format(h='h.id')})"
            for columns, source, order in (parts["members"], parts["incomes"], parts["assets"])
        ]
        columns, source, _ = parts["household"]
        return {"document": f"WITH logged AS ({logged}) SELECT {columns}, {', '.join(lists)} FROM {source}"}
    out = {"log": logged, "household": "SELECT {} FROM {}".format(*parts["household"][:2])}
    for name in ("members", "incomes", "assets"):
        columns, source, order = parts[name]
        out[name] = f"SELECT {columns} FROM {source.format(h='%s')} ORDER BY {order}"
    return out


def _rows(statements: dict, db_key, db_on, scope_params: list, log_params: list):
    """(household row, member rows, income rows, asset rows), or None outside the jurisdiction."""
    logged = [*log_params, db_key, *scope_params]
    if "document" in statements:  # PostgreSQL: the parameters in the order they appear (the log's, the lists')
        params = [*logged, db_on, db_on, db_on, db_on, db_on, db_on, db_on, db_on, db_key, *scope_params]
        rows = sql.fetch(sql.Statement(statements["document"], params))
        if not rows:
            return None
        h = rows[0]
        return h[:18], h[18] or (), h[19] or (), h[20] or ()
    sql.fetch(sql.Statement(statements["log"], logged))  # an INSERT: no rows back
    rows = sql.fetch(sql.Statement(statements["household"], (db_key, *scope_params)))
    if not rows:
        return None
    return (
        rows[0],
        sql.fetch(sql.Statement(statements["members"], (db_key, db_on, db_on))),
        sql.fetch(sql.Statement(statements["incomes"], (db_key, db_on, db_on, db_on, db_on))),
        sql.fetch(sql.Statement(statements["assets"], (db_key, db_on, db_on))),
    )


@functools.cache
def _timestamps() -> sql.Loader:
    return sql.Loader(Household, "h", ("created_at", "updated_at"))


def _scope(user) -> tuple[str, list]:
    scope = jurisdiction_scope(user)
    if scope is None:
        raise NotFoundError(errors.ERR_HOUSEHOLD_NOT_FOUND)
    return scope


def _asynchronous() -> bool:
    """Whether the read's statement may commit without waiting for the WAL flush: on PostgreSQL, outside any
    transaction (the statement is one by itself), unless REFAH_ACCESS_LOG_SYNCHRONOUS_COMMIT is set.

    A read that writes its access row would otherwise wait for an fsync every time (~4 ms on the bench's disk), which
    caps the reads at what the disk flushes. Asynchronously committed, the row is visible at once and on disk within
    wal_writer_delay (200 ms by default) — kept if this process dies after answering, lost only if the database
    server itself crashes within that time (docs/access-log.md)."""
    conn = sql.db()
    return (
        conn.vendor == "postgresql"
        and not conn.in_atomic_block
        and not getattr(settings, "REFAH_ACCESS_LOG_SYNCHRONOUS_COMMIT", False)
    )


def household_document(
    *, user, household_id, on: dt.date | None = None, purpose: str = AccessPurpose.CASE_WORK
) -> dict:
    """The household as `schemas.HouseholdDetail` shows it, as JSON values: members, incomes and assets on
    `on` (today by default). Raises PermissionDeniedError or NotFoundError like access_household_by_id().
    The read is logged (API channel, `purpose`) in the same statement."""
    require_view(user)
    key = uuid_or_404(household_id, errors.ERR_HOUSEHOLD_NOT_FOUND)
    scope, scope_params = _scope(user)
    on = on or timezone.localdate()
    sensitive = can_view_sensitive(user)
    record = access_event(
        actor=user,
        purpose=purpose,
        channel=AccessChannel.API,
        kind=AccessKind.HOUSEHOLD,
        household_id=key,
        sensitive=sensitive,
    )
    record.object_type, record.object_id = _HOUSEHOLD_LABEL, str(key)
    log, log_params = access_insert_select(record, _LOG_FROM_ROW)
    found = _rows(
        _statements(connection.vendor, scope, log, _asynchronous()),
        Household._meta.pk.get_db_prep_value(key, connection),
        connection.ops.adapt_datefield_value(on),
        scope_params,
        log_params,
    )
    if found is None:
        raise NotFoundError(errors.ERR_HOUSEHOLD_NOT_FOUND)
    h, member_rows, income_rows, asset_rows = found
    created_at, updated_at = _timestamps().values(h, 16)
    household_id_text = _id(h[0])

    members, birth_dates = [], {}
    for r in member_rows:
        person = _person(r[5:], sensitive)
        born = _as_date(r[8])
        birth_dates[person["id"]] = born
        members.append(
            {
                "id": _id(r[0]),
                "household_id": household_id_text,
                "role": r[1],
                "joined_on": _day(r[2]),
                "left_on": _day(r[3]),
                "left_reason": r[4],
                "person": person,
                "age": on.year - born.year - ((on.month, on.day) < (born.month, born.day)),
            }
        )

    incomes, total = [], 0
    for r in income_rows:
        monthly = r[3] if r[4] == _MONTHLY else r[3] // 12
        total += monthly
        incomes.append(
            {
                "id": _id(r[0]),
                "person_id": _id(r[1]),
                "kind": r[2],
                "amount": _tl(r[3]),
                "period": r[4],
                "monthly_equivalent": _tl(monthly),
                "start_date": _day(r[5]),
                "end_date": _day(r[6]),
                "source": r[7],
                "note": r[8],
            }
        )

    assets = [
        {
            "id": _id(r[0]),
            "kind": r[1],
            "description": r[2],
            "value": _tl(r[3]),
            "owner_id": _id(r[4]),
            "acquired_on": _day(r[5]),
            "disposed_on": _day(r[6]),
            "source": r[7],
        }
        for r in asset_rows
    ]
    return {
        "id": household_id_text,
        "reference_code": h[1],
        "province": {"pcode": h[10], "name": h[11]},
        "district": {"pcode": h[12], "name": h[13]},
        "neighbourhood": h[14],
        "address_line": h[2],
        "phone": h[3],
        "dwelling_type": h[4],
        "tenure": h[5],
        "monthly_rent": _tl(h[6]),
        "heating": h[7],
        "rooms": h[8],
        "registered_by": h[15],
        "external_ref": h[9],
        "created_at": _encode(created_at),
        "updated_at": _encode(updated_at),
        "on": on.isoformat(),
        "members": members,
        "incomes": incomes,
        "monthly_income_total": _tl(total),
        "assets": assets,
    }


def _person(values, sensitive: bool) -> dict:
    person = dict(zip(_PERSON_PUBLIC, values, strict=False))
    person["id"] = _id(person["id"])
    for name in _DATES:
        person[name] = _day(person[name])
    person["education_level"] = person["education_level"] or None
    if sensitive:
        health, percent, dependency, chronic, pregnant = values[len(_PERSON_PUBLIC) :]
        person["health_insurance"] = health
        person["disability_percent"] = percent
        person["dependency"] = dependency
        person["chronic_illness"] = bool(chronic)
        person["pregnant"] = bool(pregnant)
    return person
