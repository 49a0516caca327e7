"""The registry as the engine's columns: one SQL query per table into Polars, then Batches in chunks.

Nothing goes through the ORM row by row. PostgreSQL streams each query with `COPY (SELECT …) TO STDOUT`
into Polars' CSV reader; SQLite (development) fetches the rows in one call. Everything after the
queries works on whole columns. The registry's composition on the period's first day is what counts:
memberships current on that day, incomes in force on it (yearly and one-off amounts / 12, as
IncomeSource.monthly_kurus), assets held on it, and the latest school attendance up to the period.

The social-assessment flags (sed_risk, in_state_care, orphan, spouse_deceased) are read from the person
as recorded; child_checkups_done is null when not asked (only for 0–6 year olds) and enters the engine as
"not given", so a rule that needs it for a young child raises MissingInputError rather than guess. The
one-household path (selectors.household_inputs) reads the same columns: both take them from the declared
facts (refah.registry.facts).
"""

from __future__ import annotations

import datetime as dt
import io
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import polars as pl
from django.db import connection

from refah.eligibility.entities import OTHER_AID_FACTS, PROVIDED_HOUSEHOLD, PROVIDED_PERSON, Batch, batch_from_arrow
from refah.eligibility.other_aid_reading import other_aid_frame
from refah.eligibility.provided import provided_frames, with_provided
from refah.registry.facts import Entity, Fact, Kind, table_facts
from refah.registry.models import asset_counted_sql, income_counted_sql, membership_on_sql

CHUNK_HOUSEHOLDS = 100_000

# The declared facts (refah.registry.facts) that are columns of the households and persons tables: each one's
# SQL expression, Polars type when read and conversion for the engine follow from its kind and field.
_HOUSEHOLD_FACTS = table_facts(Entity.HOUSEHOLD)
_PERSON_FACTS = table_facts(Entity.PERSON)
# The table alias of a fact's `field` prefix in the statements below.
_HOUSEHOLD_ALIASES = {"": "h", "province": "p", "district": "d", "neighbourhood": "n"}
_PERSON_ALIASES = {"": "m", "person": "p", "attendance": "a"}
_READ_TYPES = {
    Kind.CODE: pl.String,
    Kind.PLACE: pl.String,
    Kind.DATE: pl.String,
    Kind.BOOL: pl.Int8,
    Kind.NULLABLE_BOOL: pl.Int8,
    Kind.INT: pl.Int16,
    Kind.NULLABLE_INT: pl.Int16,
    Kind.MONEY: pl.Int64,
}


def _select(fact: Fact, aliases: dict[str, str]) -> str:
    """The SQL expression reading a fact: booleans as 0/1 (null stays null when the fact is nullable)."""
    table, _dot, column = fact.field.rpartition(".")
    ref = f"{aliases[table]}.{column}"
    if fact.kind == Kind.BOOL:
        return f"CASE WHEN {ref} THEN 1 ELSE 0 END"
    if fact.kind == Kind.NULLABLE_BOOL:
        return f"CASE WHEN {ref} THEN 1 WHEN NOT {ref} THEN 0 END"
    return f"CAST({ref} AS TEXT)" if fact.kind == Kind.DATE else ref


def _engine_column(fact: Fact) -> pl.Expr:
    """A fact's frame column as batch_from_arrow reads it (booleans and dates typed again)."""
    column = pl.col(fact.table_column)
    if fact.kind in (Kind.BOOL, Kind.NULLABLE_BOOL):
        return column.cast(pl.Boolean)
    return column.str.to_date() if fact.kind == Kind.DATE else column


_HOUSEHOLDS = {
    "household_id": pl.String,
    **{fact.table_column: _READ_TYPES[fact.kind] for fact in _HOUSEHOLD_FACTS},
    "district_id": pl.Int64,
    "province_id": pl.Int64,
}
_PERSONS = {
    "household_id": pl.String,
    "person_id": pl.String,
    **{fact.table_column: _READ_TYPES[fact.kind] for fact in _PERSON_FACTS},
}
_INCOMES = {"household_id": pl.String, "person_id": pl.String, "kind": pl.String, "monthly_kurus": pl.Int64}
_ASSETS = {"household_id": pl.String, "kind": pl.String, "value_kurus": pl.Int64}

_HOUSEHOLDS_SQL = f"""
SELECT CAST(h.id AS TEXT), {", ".join(_select(fact, _HOUSEHOLD_ALIASES) for fact in _HOUSEHOLD_FACTS)},
       h.district_id, h.province_id
FROM registry_household h
JOIN geo_province p ON p.id = h.province_id
JOIN geo_district d ON d.id = h.district_id
JOIN geo_neighbourhood n ON n.id = h.neighbourhood_id
WHERE {{scope}}
"""
# A member on the day: joined on or before it, not yet left, alive.
_MEMBER_ON_DAY = f"""{membership_on_sql("m")}
  AND (p.deceased_on IS NULL OR p.deceased_on > %s)"""
_PERSONS_SQL = f"""
SELECT CAST(m.household_id AS TEXT), CAST(p.id AS TEXT), {", ".join(_select(f, _PERSON_ALIASES) for f in _PERSON_FACTS)}
FROM registry_membership m
JOIN registry_person p ON p.id = m.person_id
JOIN registry_household h ON h.id = m.household_id
LEFT JOIN registry_schoolattendance a ON a.person_id = p.id AND a.month = (
    SELECT MAX(a2.month) FROM registry_schoolattendance a2 WHERE a2.person_id = p.id AND a2.month <= %s)
WHERE {_MEMBER_ON_DAY} AND {{scope}}
"""
_INCOMES_SQL = f"""
SELECT CAST(m.household_id AS TEXT), CAST(i.person_id AS TEXT), i.kind,
       CASE WHEN i.period = 'monthly' THEN i.amount_kurus ELSE i.amount_kurus / 12 END
FROM registry_incomesource i
JOIN registry_membership m ON m.person_id = i.person_id
JOIN registry_person p ON p.id = m.person_id
JOIN registry_household h ON h.id = m.household_id
WHERE i.start_date <= %s AND (i.end_date IS NULL OR i.end_date >= %s) AND {income_counted_sql("i")}
  AND {_MEMBER_ON_DAY} AND {{scope}}
"""
_ASSETS_SQL = f"""
SELECT CAST(a.household_id AS TEXT), a.kind, a.value_kurus
FROM registry_asset a
JOIN registry_household h ON h.id = a.household_id
WHERE (a.acquired_on IS NULL OR a.acquired_on <= %s) AND (a.disposed_on IS NULL OR a.disposed_on > %s)
  AND {asset_counted_sql("a")} AND {{scope}}
"""


@dataclass
class RegistryFrames:
    """The registry on one day, keyed: households sorted by id get household_key 0..H-1."""

    day: dt.date
    households: pl.DataFrame
    persons: pl.DataFrame
    incomes: pl.DataFrame
    assets: pl.DataFrame

    @property
    def n_households(self) -> int:
        return self.households.height

    def chunks(self, size: int = CHUNK_HOUSEHOLDS) -> Iterator[tuple[pl.DataFrame, Batch]]:
        """(households of the chunk, their Batch) for consecutive household_key ranges."""
        for start in range(0, self.n_households, size):
            households = self.households.slice(start, size)
            persons, incomes, assets = (_of(frame, households) for frame in (self.persons, self.incomes, self.assets))
            yield households, frames_to_batch(households, persons, incomes, assets)

    def person_ids(self, households: pl.DataFrame) -> pl.Series:
        """The person ids (32 hex digits) of a chunk's households, in the order of its Batch's person rows."""
        return _of(self.persons, households)["person_id"]

    def batch(self) -> Batch:
        return frames_to_batch(self.households, self.persons, self.incomes, self.assets)


def _of(frame: pl.DataFrame, households: pl.DataFrame) -> pl.DataFrame:
    """The rows of `frame` that belong to a chunk of consecutive households (a slice of RegistryFrames.households)."""
    if households.is_empty():
        return frame.clear()
    keys = households["household_key"]
    return frame.filter(pl.col("household_key").is_between(keys[0], keys[-1]))


def registry_read(
    *,
    day: dt.date,
    district_ids: list[int] | None = None,
    household_ids: list | None = None,
    except_giver_ids: list | None = None,
) -> RegistryFrames:
    """Read the registry (optionally some districts or households) on `day`: four queries, no ORM rows, and
    other givers' aid as one column (other_aid_reading; `except_giver_ids` replaces the own givers), and the
    facts apps above eligibility provide (provided.py: the employment app's placements, referrals, sanctions)."""
    scope, scope_params = _scope(district_ids, household_ids)
    iso = day.isoformat()
    member = [iso, iso, iso]
    households = _query(_HOUSEHOLDS_SQL.format(scope=scope), scope_params, _HOUSEHOLDS)
    persons = _query(_PERSONS_SQL.format(scope=scope), [iso, *member, *scope_params], _PERSONS)
    incomes = _query(_INCOMES_SQL.format(scope=scope), [iso, iso, iso, iso, *member, *scope_params], _INCOMES)
    assets = _query(_ASSETS_SQL.format(scope=scope), [iso, iso, iso, iso, *scope_params], _ASSETS)
    other_aid = other_aid_frame(day=day, except_giver_ids=except_giver_ids, household_ids=household_ids)
    provided = provided_frames(day=day, household_ids=household_ids)
    return _keyed(day, households, persons, incomes, assets, other_aid, provided)


def _scope(district_ids: list[int] | None, household_ids: list | None) -> tuple[str, list]:
    clauses, params = ["1 = 1"], []
    if district_ids is not None:
        clauses.append(f"h.district_id IN ({', '.join(['%s'] * len(district_ids))})" if district_ids else "1 = 0")
        params += [int(pk) for pk in district_ids]
    if household_ids is not None:
        clauses.append(f"h.id IN ({', '.join(['%s'] * len(household_ids))})" if household_ids else "1 = 0")
        params += [uuid.UUID(str(pk)).hex for pk in household_ids]
    return " AND ".join(clauses), params


def _query(sql: str, params: list, schema: dict) -> pl.DataFrame:
    """One query into a DataFrame with `schema` (COPY … TO STDOUT on PostgreSQL)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            buffer = io.BytesIO()
            # the psycopg cursor itself: Django's debug wrapper (DEBUG=True) takes no parameters for COPY
            with cursor.cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)", params) as copy:
                for data in copy:
                    buffer.write(data)
            if not buffer.tell():
                return pl.DataFrame(schema=schema)
            return pl.read_csv(buffer.getvalue(), has_header=False, new_columns=list(schema), schema=schema)
        cursor.execute(sql, params)
        return pl.DataFrame(cursor.fetchall(), schema=schema, orient="row")


def _hex(column: str) -> pl.Expr:
    """UUIDs as 32 hex digits whichever way the database printed them."""
    return pl.col(column).str.replace_all("-", "", literal=True)


def _keyed(day, households, persons, incomes, assets, other_aid, provided) -> RegistryFrames:
    persons = persons.with_columns(_hex("household_id"), _hex("person_id"))
    households = (
        households.with_columns(_hex("household_id"))
        .filter(pl.col("household_id").is_in(persons["household_id"].unique().implode()))
        .sort("household_id")
        .with_row_index("household_key")
        .with_columns(pl.col("household_key").cast(pl.Int64))
        .join(other_aid, on="household_id", how="left", maintain_order="left")
        .with_columns(pl.col("other_aid").fill_null(0))
    )
    households = with_provided(households, provided[Entity.HOUSEHOLD], Entity.HOUSEHOLD)
    keys = households.select("household_id", "household_key")
    persons = (
        persons.join(keys, on="household_id", how="inner")
        .sort("household_key", "birth_date", "person_id")
        .with_row_index("person_key")
        .with_columns(pl.col("person_key").cast(pl.Int64))
    )
    persons = with_provided(persons, provided[Entity.PERSON], Entity.PERSON)
    incomes = incomes.with_columns(_hex("person_id")).join(
        persons.select("person_id", "person_key", "household_key"), on="person_id", how="inner"
    )
    assets = assets.with_columns(_hex("household_id")).join(keys, on="household_id", how="inner")
    return RegistryFrames(day, households, persons, incomes.sort("person_key"), assets.sort("household_key"))


def frames_to_batch(households, persons, incomes, assets) -> Batch:
    """The engine's Batch from keyed frames, through entities.batch_from_arrow (the synth tables' shape)."""
    households_other_aid = households["other_aid"].to_numpy().astype("int64")
    household_provided = {f.name: households[f.name].to_numpy().astype("int16") for f in PROVIDED_HOUSEHOLD}
    person_provided = {f.name: persons[f.name].to_numpy().astype("int16") for f in PROVIDED_PERSON}
    households = households.select("household_key", *[_engine_column(fact) for fact in _HOUSEHOLD_FACTS])
    persons = persons.select("household_key", "person_key", *[_engine_column(fact) for fact in _PERSON_FACTS])
    batch = batch_from_arrow(
        households.to_arrow(),
        persons.to_arrow(),
        incomes.select("person_key", "kind", "monthly_kurus").to_arrow(),
        assets.select("household_key", "kind", "value_kurus").to_arrow(),
    )
    for fact in OTHER_AID_FACTS:  # batch_from_arrow leaves it 0: the synthetic tables have no aid records
        batch.households[fact.name] = households_other_aid
    batch.households.update(household_provided)  # batch_from_arrow leaves them empty: the synthetic tables have none
    batch.persons.update(person_provided)
    batch.partial_records = True
    return batch
