"""What the registry holds of many persons at once, as columns, for the institutions' data exchange (refah.exchange):
the persons' fields, their open incomes, their current reference memberships and the assets held (owned by them, or
unowned in their current households) — what the exchange compares with the institutions' answers and what it
replaces of an institution's earlier answer.

Read in bulk (a chunk of thousands of persons): on PostgreSQL four statements with the ids bound once as an array
and sent in one round trip (`sql.bulk_fetch`); elsewhere their ORM twins (`holdings_orm`), tested equal. Not scoped
by jurisdiction: the exchange's services have checked who may refresh these households."""

import dataclasses

import polars as pl

from refah.common import sql
from refah.registry.enums import Role
from refah.registry.models import Asset, IncomeSource, Membership, Person, membership_current_sql

PERSONS = {
    "person_id": pl.String,
    "national_id": pl.String,
    "first_name": pl.String,
    "last_name": pl.String,
    "birth_date": pl.Date,
    "social_security": pl.String,
    "school_level": pl.String,
    "child_checkups_done": pl.Boolean,
    "father_name": pl.String,
    "mother_name": pl.String,
}
INCOMES = {
    "income_id": pl.String,
    "person_id": pl.String,
    "kind": pl.String,
    "source": pl.String,
    "amount_kurus": pl.Int64,
    "period": pl.String,
    "start_date": pl.Date,
}
REFERENCES = {"household_id": pl.String, "person_id": pl.String}
ASSETS = {
    "asset_id": pl.String,
    "owner_id": pl.String,
    "household_id": pl.String,
    "kind": pl.String,
    "source": pl.String,
    "value_kurus": pl.Int64,
    "description": pl.String,
    "acquired_on": pl.Date,
}


@dataclasses.dataclass(frozen=True)
class Holdings:
    """Of some persons (ids as text): `persons` (PERSONS), their open `incomes` of every source (INCOMES), their
    current reference memberships (`references`, REFERENCES) and the `assets` not disposed of that they own or that
    belong, without an owner, to their current households (ASSETS)."""

    persons: pl.DataFrame
    incomes: pl.DataFrame
    references: pl.DataFrame
    assets: pl.DataFrame


def _frame(schema: dict):
    return lambda rows: pl.DataFrame(rows, schema=schema, orient="row")


def holdings_statements(person_ids: list[str]) -> tuple[sql.Statement, ...]:
    """The four reads of `holdings` on PostgreSQL (ids as text, bound once each as an array)."""
    current = membership_current_sql("m")
    ids = {"ids": person_ids}
    persons = (
        "SELECT id::text, national_id, first_name, last_name, birth_date, social_security, school_level,"
        " child_checkups_done, father_name, mother_name FROM registry_person WHERE id = ANY(%(ids)b::uuid[])"
    )
    incomes = (
        "SELECT id::text, person_id::text, kind, source, amount_kurus, period, start_date FROM registry_incomesource"
        " WHERE person_id = ANY(%(ids)b::uuid[]) AND end_date IS NULL"
    )
    references = (
        "SELECT m.household_id::text, m.person_id::text FROM registry_membership m"
        f" WHERE m.person_id = ANY(%(ids)b::uuid[]) AND m.role = %(reference)b AND {current}"
    )
    columns = (
        "a.id::text, a.owner_id::text, a.household_id::text, a.kind, a.source, a.value_kurus, a.description,"
        " a.acquired_on"
    )
    assets = (  # two index scans, not one OR that reads the whole table
        f"SELECT {columns} FROM registry_asset a WHERE a.owner_id = ANY(%(ids)b::uuid[]) AND a.disposed_on IS NULL"
        f" UNION ALL SELECT {columns} FROM registry_asset a WHERE a.owner_id IS NULL AND a.disposed_on IS NULL"
        f" AND a.household_id IN (SELECT m.household_id FROM registry_membership m"
        f" WHERE m.person_id = ANY(%(ids)b::uuid[]) AND {current})"
    )
    return (
        sql.Statement(persons, ids, _frame(PERSONS)),
        sql.Statement(incomes, ids, _frame(INCOMES)),
        sql.Statement(references, {**ids, "reference": Role.REFERENCE.value}, _frame(REFERENCES)),
        sql.Statement(assets, ids, _frame(ASSETS)),
    )


def holdings_orm(person_ids: list[str]) -> Holdings:
    """The ORM twin of holdings_statements (SQLite; and the test that holds them equal)."""
    current = Membership.objects.current().filter(person_id__in=person_ids)
    persons = Person.objects.filter(pk__in=person_ids).values_list(
        "id",
        "national_id",
        "first_name",
        "last_name",
        "birth_date",
        "social_security",
        "school_level",
        "child_checkups_done",
        "father_name",
        "mother_name",
    )
    incomes = IncomeSource.objects.filter(person_id__in=person_ids, end_date__isnull=True).values_list(
        "id", "person_id", "kind", "source", "amount_kurus", "period", "start_date"
    )
    references = current.filter(role=Role.REFERENCE).values_list("household_id", "person_id")
    columns = ("id", "owner_id", "household_id", "kind", "source", "value_kurus", "description", "acquired_on")
    owned = Asset.objects.filter(owner_id__in=person_ids, disposed_on__isnull=True).values_list(*columns)
    unowned = Asset.objects.filter(
        owner__isnull=True, disposed_on__isnull=True, household_id__in=current.values("household_id")
    ).values_list(*columns)
    return Holdings(
        persons=_frame(PERSONS)([_text_ids(row, 1) for row in persons]),
        incomes=_frame(INCOMES)([_text_ids(row, 2) for row in incomes]),
        references=_frame(REFERENCES)([_text_ids(row, 2) for row in references]),
        assets=_frame(ASSETS)([_text_ids(row, 3) for row in [*owned, *unowned]]),
    )


def _text_ids(row: tuple, count: int) -> tuple:
    """The row with its first `count` columns (ids) as text, as PostgreSQL's `id::text` gives them."""
    return tuple(None if v is None else str(v) for v in row[:count]) + row[count:]


def holdings(*, person_ids: list[str]) -> Holdings:
    """What the registry holds of these persons (ids as text), for the exchange's comparisons and writes."""
    if sql.db().vendor != "postgresql":
        return holdings_orm(person_ids)
    return Holdings(*sql.bulk_fetch(*holdings_statements(person_ids)))
