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
from refah.registry.enums import REGISTERED_SOURCES, Role
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


# The simulators of the institutions (refah.exchange.simulators) answer from what the registry holds of the persons
# asked about: their fields, current household and address, declared monthly incomes by kind, and the declared
# assets of those households. Declared: every source but the institutions' (enums.REGISTERED_SOURCES).
TRUTH_COLUMNS = (
    "national_id",
    "person_id",
    "first_name",
    "last_name",
    "father_name",
    "mother_name",
    "birth_date",
    "sex",
    "marital_status",
    "employment_status",
    "social_security",
    "school_level",
    "pregnant",
    "child_checkups_done",
    "deceased_on",
    "household_id",
    "reference_code",
    "district",
    "neighbourhood",
    "wage",
    "pension",
    "self_employment",
    "role",
)
TRUTH_ASSET_COLUMNS = ("household_id", "owner_id", "kind", "value_kurus", "description")
_TRUTH_KINDS = ("wage", "pension", "self_employment")
_TRUTH_ASSET_KINDS = ("vehicle", "land", "real_estate")


def persons_truth_statements(tcs: list[str]) -> tuple[sql.Statement, sql.Statement]:
    """PostgreSQL: the persons with these TC Kimlik Nos (TRUTH_COLUMNS) and the declared vehicles, land and real
    estate of their current households (TRUTH_ASSET_COLUMNS), the TCs bound once as an array."""
    current = membership_current_sql("m")
    monthly = "CASE WHEN i.period = 'monthly' THEN i.amount_kurus ELSE i.amount_kurus / 12 END"
    sums = ", ".join(f"sum({monthly}) FILTER (WHERE i.kind = '{kind}') AS {kind}" for kind in _TRUTH_KINDS)
    persons = (
        "WITH p AS (SELECT * FROM registry_person WHERE national_id = ANY(%(tcs)b::text[])),"
        f" i AS (SELECT i.person_id, {sums} FROM registry_incomesource i WHERE i.person_id IN (SELECT id FROM p)"
        " AND i.end_date IS NULL AND NOT i.source = ANY(%(registered)b::text[]) GROUP BY i.person_id)"
        " SELECT p.national_id, p.id::text, p.first_name, p.last_name, p.father_name, p.mother_name, p.birth_date,"
        " p.sex, p.marital_status, p.employment_status, p.social_security, p.school_level, p.pregnant,"
        " p.child_checkups_done, p.deceased_on, h.id::text, h.reference_code, d.name, n.name,"
        " coalesce(i.wage, 0)::bigint, coalesce(i.pension, 0)::bigint, coalesce(i.self_employment, 0)::bigint, m.role"
        f" FROM p LEFT JOIN registry_membership m ON m.person_id = p.id AND {current}"
        " LEFT JOIN registry_household h ON h.id = m.household_id"
        " LEFT JOIN geo_district d ON d.id = h.district_id LEFT JOIN geo_neighbourhood n ON n.id = h.neighbourhood_id"
        " LEFT JOIN i ON i.person_id = p.id"
    )
    assets = (
        "SELECT a.household_id::text, a.owner_id::text, a.kind, a.value_kurus, a.description FROM registry_asset a"
        " WHERE a.household_id IN (SELECT m.household_id FROM registry_membership m JOIN registry_person p"
        f" ON p.id = m.person_id WHERE p.national_id = ANY(%(tcs)b::text[]) AND {current})"
        " AND a.disposed_on IS NULL AND NOT a.source = ANY(%(registered)b::text[]) AND a.kind = ANY(%(kinds)b::text[])"
    )
    params = {"tcs": tcs, "registered": list(REGISTERED_SOURCES), "kinds": list(_TRUTH_ASSET_KINDS)}
    return sql.Statement(persons, params), sql.Statement(assets, params)


def persons_truth_orm(tcs: list[str]) -> tuple[list[tuple], list[tuple]]:
    """The ORM twin of persons_truth_statements (SQLite; and the test that holds them equal)."""
    persons = list(
        Person.objects.filter(national_id__in=tcs).values_list(
            "national_id",
            "id",
            "first_name",
            "last_name",
            "father_name",
            "mother_name",
            "birth_date",
            "sex",
            "marital_status",
            "employment_status",
            "social_security",
            "school_level",
            "pregnant",
            "child_checkups_done",
            "deceased_on",
        )
    )
    ids = [row[1] for row in persons]
    homes = {
        pid: rest
        for pid, *rest in Membership.objects.current()
        .filter(person_id__in=ids)
        .values_list(
            "person_id",
            "household_id",
            "household__reference_code",
            "household__district__name",
            "household__neighbourhood__name",
            "role",
        )
    }
    incomes: dict = {}
    declared = IncomeSource.objects.filter(person_id__in=ids, end_date__isnull=True).exclude(
        source__in=REGISTERED_SOURCES
    )
    for pid, kind, amount, period in declared.values_list("person_id", "kind", "amount_kurus", "period"):
        if kind in _TRUTH_KINDS:
            sums = incomes.setdefault(pid, dict.fromkeys(_TRUTH_KINDS, 0))
            sums[kind] += amount if period == "monthly" else amount // 12
    rows = []
    for row in persons:
        household_id, code, district, neighbourhood, role = homes.get(row[1], (None,) * 5)
        sums = incomes.get(row[1], dict.fromkeys(_TRUTH_KINDS, 0))
        rows.append(
            (row[0], str(row[1]), *row[2:], None if household_id is None else str(household_id), code, district)
            + (neighbourhood, *(sums[kind] for kind in _TRUTH_KINDS), role)
        )
    households = [home[0] for home in homes.values()]
    assets = Asset.objects.filter(
        household_id__in=households, disposed_on__isnull=True, kind__in=_TRUTH_ASSET_KINDS
    ).exclude(source__in=REGISTERED_SOURCES)
    return rows, [_text_ids(row, 2) for row in assets.values_list(*TRUTH_ASSET_COLUMNS)]


def persons_truth(*, tcs: list[str]) -> tuple[list[tuple], list[tuple]]:
    """What the registry holds of the persons with these TC Kimlik Nos (rows of TRUTH_COLUMNS) and the declared
    assets of their households (rows of TRUTH_ASSET_COLUMNS), for the institutions' simulators."""
    if sql.db().vendor != "postgresql":
        return persons_truth_orm(tcs)
    return tuple(sql.bulk_fetch(*persons_truth_statements(tcs)))


MEMBERS = {"tc": pl.String, "person_id": pl.String, "household_id": pl.String}


def members_with_national_id(*, district=None) -> pl.DataFrame:
    """The current members with a TC Kimlik No of every household (of `district`): tc, person_id, household_id
    (MEMBERS), ordered by household. On PostgreSQL one COPY read straight into columns (a province's hundreds of
    thousands of persons never become Python tuples); elsewhere the ORM."""
    if sql.db().vendor != "postgresql":
        rows = Membership.objects.current().filter(person__national_id__isnull=False)
        if district is not None:
            rows = rows.filter(household__district=district)
        values = rows.order_by("household_id").values_list("person__national_id", "person_id", "household_id")
        return pl.DataFrame([(tc, str(p), str(h)) for tc, p, h in values], schema=MEMBERS, orient="row")
    where = "" if district is None else f" AND h.district_id = {int(district.pk)}"
    statement = (
        "COPY (SELECT p.national_id, m.person_id, m.household_id FROM registry_membership m"
        " JOIN registry_person p ON p.id = m.person_id JOIN registry_household h ON h.id = m.household_id"
        f" WHERE {membership_current_sql('m')} AND p.national_id IS NOT NULL{where} ORDER BY m.household_id)"
        " TO STDOUT (FORMAT csv)"
    )
    conn = sql.db()
    conn.ensure_connection()
    with conn.wrap_database_errors, conn.connection.cursor() as cursor, cursor.copy(statement) as copy:
        data = b"".join(bytes(block) for block in copy)
    if not data:
        return pl.DataFrame(schema=MEMBERS)
    return pl.read_csv(data, has_header=False, new_columns=list(MEMBERS), schema_overrides=MEMBERS)
