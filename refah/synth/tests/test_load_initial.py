"""The initial-load mode on PostgreSQL: keys, indexes and foreign keys set aside, rebuilt exactly and checked,
or all rolled back."""

import pytest
from django.db import IntegrityError, connection

from refah.audit.models import AuditEvent
from refah.registry.models import Household, Membership, Person
from refah.synth.load import initial, load_batches
from refah.synth.tests.test_load import batch

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="initial-load mode is PostgreSQL only"),
]


def catalogue() -> tuple[set, set]:
    """Every index and every constraint on (or referring to) the loaded tables, with its full definition."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename, indexname, indexdef FROM pg_indexes "
            "WHERE schemaname = current_schema() AND tablename = ANY(%s)",
            [initial.tables()],
        )
        indexes = set(cursor.fetchall())
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, contype, pg_get_constraintdef(oid), convalidated, "
            "condeferrable, condeferred FROM pg_constraint "
            "WHERE conrelid = ANY(%s::regclass[]) OR confrelid = ANY(%s::regclass[])",
            [initial.tables(), initial.tables()],
        )
        constraints = set(cursor.fetchall())
    return indexes, constraints


def failing(batches, error: Exception):
    yield from batches
    raise error


def test_the_catalogue_knows_the_indexes_to_set_aside():
    with connection.cursor() as cursor:
        aside = initial.set_aside_read(cursor)

    names = {name for name, _ in aside.indexes}
    assert "registry_person_name_trgm" in names  # migration 0002's GIN index
    assert not [name for name in names if name.endswith("_like")]  # gone with migration 0004
    keys = {(table, name, definition.split(" (")[0]) for table, name, definition in aside.keys}
    assert {
        ("registry_person", "registry_person_pkey", "PRIMARY KEY"),
        ("registry_person", "uniq_person_national_id", "UNIQUE"),
        ("registry_household", "registry_household_pkey", "PRIMARY KEY"),
    } <= keys
    unique = {name: definition for name, definition in aside.unique_indexes}
    assert "CREATE UNIQUE INDEX" in unique["one_current_household_per_person"]  # partial: an index, not a key
    assert not {name for _, name, _ in aside.keys} & (names | set(unique))  # each thing set aside once
    assert all("DEFERRABLE INITIALLY DEFERRED" in definition for _, _, definition in aside.foreign_keys)
    assert {(t, d.split(" REFERENCES ")[0]) for t, _, d in aside.foreign_keys} >= {
        ("registry_membership", "FOREIGN KEY (person_id)"),
        ("registry_membership", "FOREIGN KEY (household_id)"),
        ("synth_truewelfare", "FOREIGN KEY (household_id)"),
        ("cases_application", "FOREIGN KEY (household_id)"),  # another app's key that points at a loaded table
    }


def test_empty_tables_load_in_one_transaction_and_the_schema_comes_back_exactly():
    before = catalogue()
    timings: dict[str, float] = {}

    counts = load_batches([batch(0, 3), batch(3, 2)], seed=7, timings=timings)

    assert {"drop", "indexes", "foreign keys", "commit"} <= set(timings)
    assert catalogue() == before  # same indexes, same constraints, foreign keys validated and deferred
    assert counts["persons"] == Person.objects.count() == 15
    assert Membership.objects.filter(household__in=Household.objects.all()).count() == 15
    assert AuditEvent.objects.filter(action="synth_load").count() == 1
    with connection.cursor() as cursor:  # the foreign keys' merge joins were for the load alone
        cursor.execute("SHOW enable_hashjoin")
        assert cursor.fetchone()[0] == "on"


def test_an_initial_load_writes_its_rows_frozen_on_all_visible_pages():
    load_batches([batch(0, 3), batch(3, 2)], seed=7)

    with connection.cursor() as cursor:  # ANALYZE at the end of the load counted the visibility map's pages
        cursor.execute(
            "SELECT relname, relpages, relallvisible FROM pg_class WHERE relname = ANY(%s) ORDER BY relname",
            [initial.tables()],
        )
        pages = cursor.fetchall()
    assert len(pages) == len(initial.tables())
    assert all(relpages > 0 and allvisible == relpages for _, relpages, allvisible in pages), pages


def test_a_failure_mid_load_rolls_everything_back():
    before = catalogue()

    with pytest.raises(RuntimeError, match="generator broke"):
        load_batches(failing([batch(0, 3)], RuntimeError("generator broke")), seed=7)

    assert catalogue() == before
    assert not Household.objects.exists() and not Person.objects.exists()
    assert not AuditEvent.objects.filter(action="synth_load").exists()


def test_foreign_keys_are_validated_when_re_added_and_a_violation_rolls_everything_back():
    before = catalogue()

    def orphan_membership():
        yield batch(0, 2)
        with connection.cursor() as cursor:  # possible only while the foreign keys are set aside
            cursor.execute(
                "INSERT INTO registry_membership (id, created_at, updated_at, household_id, person_id, role, "
                "joined_on, left_reason) SELECT gen_random_uuid(), now(), now(), id, gen_random_uuid(), 'other', "
                "'2020-01-01', '' FROM registry_household LIMIT 1"
            )

    with pytest.raises(IntegrityError, match="foreign key"):
        load_batches(orphan_membership(), seed=7)

    assert catalogue() == before
    assert not Person.objects.exists() and not Membership.objects.exists()


def _load_with_sql_mid_load(sql: str):
    def batches():
        yield batch(0, 2)
        with connection.cursor() as cursor:  # possible only while the keys and unique indexes are set aside
            cursor.execute(sql)

    return load_batches(batches(), seed=7)


def test_primary_keys_are_checked_when_re_added_and_a_duplicate_rolls_everything_back():
    before = catalogue()

    with pytest.raises(IntegrityError, match="registry_household_pkey"):
        _load_with_sql_mid_load("INSERT INTO registry_household SELECT * FROM registry_household LIMIT 1")

    assert catalogue() == before
    assert not Household.objects.exists() and not Person.objects.exists()
    assert not AuditEvent.objects.filter(action="synth_load").exists()


def test_partial_unique_indexes_are_checked_when_re_added_and_a_violation_rolls_everything_back():
    before = catalogue()

    with pytest.raises(IntegrityError, match="one_current_household_per_person"):
        _load_with_sql_mid_load(  # a second current household for one person, under a new membership id
            "CREATE TEMP TABLE second AS SELECT * FROM registry_membership WHERE role = 'spouse' LIMIT 1; "
            "UPDATE second SET id = gen_random_uuid(); "
            "INSERT INTO registry_membership SELECT * FROM second"
        )

    assert catalogue() == before
    assert not Membership.objects.exists()


def test_tables_with_rows_keep_their_indexes_and_load_batch_by_batch():
    load_batches([batch(0, 2)], seed=7)
    before = catalogue()
    timings: dict[str, float] = {}

    load_batches([batch(2, 2)], seed=7, timings=timings)

    assert "drop" not in timings and "indexes" not in timings
    assert catalogue() == before
    assert Household.objects.count() == 4


def test_batches_taken_ahead_on_a_second_thread_load_the_same_rows():
    """`ahead=True`: generation and frames beside the COPY; mahalles still created in the load's transaction."""
    from refah.geo.models import Neighbourhood
    from refah.synth.generate import generate

    before = catalogue()
    counts = load_batches(generate(provinces=[76], households=60, seed=4, batch_size=25), seed=4, ahead=True)
    assert counts["households"] == 60 == Household.objects.count()
    assert counts["persons"] == Person.objects.count() == Membership.objects.count()
    assert counts["neighbourhoods"] == Neighbourhood.objects.count() > 0
    assert not Household.objects.filter(neighbourhood__isnull=True).exists()
    assert catalogue() == before


def test_an_error_on_the_second_thread_rolls_everything_back():
    before = catalogue()
    with pytest.raises(RuntimeError, match="generator broke"):
        load_batches(failing([batch(0, 3), batch(3, 2)], RuntimeError("generator broke")), seed=7, ahead=True)
    assert catalogue() == before
    assert not Household.objects.exists() and not Person.objects.exists()
