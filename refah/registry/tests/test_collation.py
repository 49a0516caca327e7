"""Identifiers are compared byte by byte on PostgreSQL (migration 0006), and look-ups by them are unchanged."""

import pytest
from django.db import connection

from refah.registry.models import Household, Person
from refah.registry.tests.factories import HouseholdFactory, PersonFactory

pytestmark = pytest.mark.django_db

IDENTIFIERS = [
    ("registry_person", "national_id"),
    ("registry_person", "internal_id"),
    ("registry_household", "reference_code"),
    ("registry_household", "external_ref"),
]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="collations are PostgreSQL's")
def test_identifier_columns_use_the_c_collation_and_keep_their_length():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name, collation_name, character_maximum_length FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name || '.' || column_name = ANY(%s)",
            [[f"{table}.{column}" for table, column in IDENTIFIERS]],
        )
        rows = {(table, column): (collation, length) for table, column, collation, length in cursor.fetchall()}
    assert rows == {
        ("registry_person", "national_id"): ("C", 11),
        ("registry_person", "internal_id"): ("C", 16),
        ("registry_household", "reference_code"): ("C", 20),
        ("registry_household", "external_ref"): ("C", 64),
    }


def test_lookups_by_identifier_equal_and_by_prefix():
    person = PersonFactory(national_id="10000000146")
    PersonFactory(national_id="20000000114")
    household = HouseholdFactory(reference_code="76-02-İĞ-0000001", external_ref="ŞYDV/ı-1")

    assert list(Person.objects.filter(national_id="10000000146")) == [person]
    assert list(Person.objects.filter(national_id__startswith="1000")) == [person]
    assert list(Household.objects.filter(reference_code="76-02-İĞ-0000001")) == [household]
    assert list(Household.objects.filter(external_ref="ŞYDV/ı-1")) == [household]
    assert not Household.objects.filter(external_ref="şydv/ı-1").exists()  # byte by byte: case matters
