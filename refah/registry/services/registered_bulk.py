"""Institutions' registered facts written into the registry in bulk (the exchange's bulk refresh writes thousands of
persons' at once; one household's go through the audited services one by one): new incomes and assets, incomes
ended, assets disposed of, school attendance, and the person fields an institution keeps (social security,
check-ups, parents' names).

On PostgreSQL one statement per table, the rows as arrays bound once (`sql.bulk_execute`); elsewhere the ORM. Inside
the caller's transaction, which records the audit event (one per chunk, as the synthetic loader does). Nothing here
decides what to write: the caller (refah.exchange.services.registry_write) has."""

import dataclasses
from collections import defaultdict

import polars as pl

from refah.common import sql
from refah.registry.models import Asset, IncomeSource, Person, SchoolAttendance

NEW_INCOMES = {
    "person_id": pl.String,
    "kind": pl.String,
    "amount_kurus": pl.Int64,
    "period": pl.String,
    "start_date": pl.Date,
    "source": pl.String,
    "note": pl.String,
}
INCOMES_ENDED = {"income_id": pl.String, "end_date": pl.Date}
NEW_ASSETS = {
    "household_id": pl.String,
    "owner_id": pl.String,
    "kind": pl.String,
    "value_kurus": pl.Int64,
    "description": pl.String,
    "source": pl.String,
}
ASSETS_DISPOSED = {"asset_id": pl.String, "disposed_on": pl.Date}
ATTENDANCE = {"person_id": pl.String, "month": pl.Date, "absence_days": pl.Int64}
# a person's fields an institution keeps; null: left as it is
PERSON_FIELDS = {
    "person_id": pl.String,
    "social_security": pl.String,
    "child_checkups_done": pl.Boolean,
    "father_name": pl.String,
    "mother_name": pl.String,
}


_SCHEMAS = {
    "incomes": NEW_INCOMES,
    "incomes_ended": INCOMES_ENDED,
    "assets": NEW_ASSETS,
    "assets_disposed": ASSETS_DISPOSED,
    "attendance": ATTENDANCE,
    "persons": PERSON_FIELDS,
}


@dataclasses.dataclass
class RegisteredRows:
    """What to write, as frames with (at least) the columns of the schemas above, ids as text; kept as exactly
    those columns and types."""

    incomes: pl.DataFrame
    incomes_ended: pl.DataFrame
    assets: pl.DataFrame
    assets_disposed: pl.DataFrame
    attendance: pl.DataFrame
    persons: pl.DataFrame

    def __post_init__(self):
        for name, schema in _SCHEMAS.items():
            setattr(self, name, getattr(self, name).select(schema.keys()).cast(schema))

    def counts(self) -> dict[str, int]:
        return {name: getattr(self, name).height for name in _SCHEMAS}


_INCOMES_ENDED = (
    "UPDATE registry_incomesource i SET end_date = t.day, updated_at = %(now)b"
    " FROM unnest(%(ids)b::uuid[], %(days)b::date[]) AS t(id, day) WHERE i.id = t.id"
)
_NEW_INCOMES = (
    "INSERT INTO registry_incomesource (id, created_at, updated_at, person_id, kind, amount_kurus, period,"
    " start_date, source, note) SELECT gen_random_uuid(), %(now)b, %(now)b, t.* FROM unnest(%(person_id)b::uuid[],"
    " %(kind)b::text[], %(amount_kurus)b::bigint[], %(period)b::text[], %(start_date)b::date[], %(source)b::text[],"
    " %(note)b::text[]) AS t"
)
_ASSETS_DISPOSED = (
    "UPDATE registry_asset a SET disposed_on = t.day, updated_at = %(now)b"
    " FROM unnest(%(ids)b::uuid[], %(days)b::date[]) AS t(id, day) WHERE a.id = t.id"
)
_NEW_ASSETS = (
    "INSERT INTO registry_asset (id, created_at, updated_at, household_id, owner_id, kind, value_kurus,"
    " description, source) SELECT gen_random_uuid(), %(now)b, %(now)b, t.* FROM unnest(%(household_id)b::uuid[],"
    " %(owner_id)b::uuid[], %(kind)b::text[], %(value_kurus)b::bigint[], %(description)b::text[],"
    " %(source)b::text[]) AS t"
)
_ATTENDANCE = (
    "INSERT INTO registry_schoolattendance (person_id, month, absence_days)"
    " SELECT * FROM unnest(%(person_id)b::uuid[], %(month)b::date[], %(absence_days)b::int[])"
    " ON CONFLICT (person_id, month) DO UPDATE SET absence_days = excluded.absence_days"
)
_PERSONS = (  # one new version of each person's row, whatever fields change
    "UPDATE registry_person p SET social_security = coalesce(t.security, p.social_security),"
    " child_checkups_done = coalesce(t.checkups, p.child_checkups_done),"
    " father_name = coalesce(t.father, p.father_name), mother_name = coalesce(t.mother, p.mother_name),"
    " updated_at = %(now)b FROM unnest(%(person_id)b::uuid[], %(social_security)b::text[],"
    " %(child_checkups_done)b::boolean[], %(father_name)b::text[], %(mother_name)b::text[])"
    " AS t(id, security, checkups, father, mother) WHERE p.id = t.id"
)


def registered_write_bulk(*, rows: RegisteredRows, now) -> None:
    """Write `rows` (registered facts decided by the caller) in bulk statements, inside the caller's transaction."""
    if sql.db().vendor == "postgresql":
        _write_pg(rows, now)
    else:
        _write_orm(rows, now)


def _columns(frame: pl.DataFrame, now) -> dict:
    return {"now": now, **{name: frame[name].to_list() for name in frame.columns}}


def _write_pg(rows: RegisteredRows, now) -> None:
    statements = (
        (_INCOMES_ENDED, rows.incomes_ended.rename({"income_id": "ids", "end_date": "days"})),
        (_NEW_INCOMES, rows.incomes),
        (_ASSETS_DISPOSED, rows.assets_disposed.rename({"asset_id": "ids", "disposed_on": "days"})),
        (_NEW_ASSETS, rows.assets),
        (_ATTENDANCE, rows.attendance),
        (_PERSONS, rows.persons),
    )
    for statement, frame in statements:
        if frame.height:
            sql.bulk_execute(statement, _columns(frame, now))


def _write_orm(rows: RegisteredRows, now) -> None:
    for day, ids in _by(rows.incomes_ended, "end_date", "income_id").items():
        IncomeSource.objects.filter(pk__in=ids).update(end_date=day, updated_at=now)
    IncomeSource.objects.bulk_create(
        (IncomeSource(**row) for row in rows.incomes.iter_rows(named=True)), batch_size=5000
    )
    for day, ids in _by(rows.assets_disposed, "disposed_on", "asset_id").items():
        Asset.objects.filter(pk__in=ids).update(disposed_on=day, updated_at=now)
    Asset.objects.bulk_create((Asset(**row) for row in rows.assets.iter_rows(named=True)), batch_size=5000)
    SchoolAttendance.objects.bulk_create(
        (SchoolAttendance(**row) for row in rows.attendance.iter_rows(named=True)),
        batch_size=5000,
        update_conflicts=True,
        unique_fields=["person", "month"],
        update_fields=["absence_days"],
    )
    for row in rows.persons.iter_rows(named=True):
        changes = {name: value for name, value in row.items() if name != "person_id" and value is not None}
        Person.objects.filter(pk=row["person_id"]).update(**changes, updated_at=now)


def _by(frame: pl.DataFrame, day: str, key: str) -> dict:
    grouped = defaultdict(list)
    for row in frame.iter_rows(named=True):
        grouped[row[day]].append(row[key])
    return grouped
