"""The exchange's bulk reads of the registry: the PostgreSQL statements give exactly what their ORM twins give
(persons, open incomes, current reference memberships, held assets; the simulators' truth), and the twins hold what
the registry holds — a person's income ended, an asset disposed of, a membership left and a stranger left out."""

import datetime as dt

import polars as pl
import pytest
from django.db import connection

from refah.common import sql
from refah.registry import enums
from refah.registry.models import Asset
from refah.registry.selectors.exchange_sql import (
    Holdings,
    holdings_orm,
    holdings_statements,
    members_with_national_id,
    persons_truth_orm,
    persons_truth_statements,
)
from refah.registry.tests.factories import (
    HouseholdFactory,
    IncomeFactory,
    MembershipFactory,
    PersonFactory,
    household_with_members,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """A household of four with declared and registered incomes and assets, a member who left for another
    household (with an asset there), and a stranger."""
    household = household_with_members()
    members = [m.person for m in household.memberships.order_by("role")]
    reference = household.memberships.get(role=enums.Role.REFERENCE).person
    IncomeFactory(person=reference, amount_kurus=2_000_000)
    IncomeFactory(person=reference, amount_kurus=1_200_000, period=enums.IncomePeriod.YEARLY, kind="pension")
    IncomeFactory(person=reference, amount_kurus=3_000_000, source=enums.DataSource.SGK)
    IncomeFactory(person=reference, amount_kurus=9_000_000, end_date=dt.date(2024, 6, 1))
    common = {"household": household, "value_kurus": 40_000_000, "source": enums.DataSource.DECLARED}
    Asset.objects.create(owner=reference, kind="vehicle", description="76 A 1", **common)
    Asset.objects.create(kind="land", **common)
    Asset.objects.create(owner=reference, kind="real_estate", disposed_on=dt.date(2024, 1, 1), **common)
    Asset.objects.create(owner=reference, kind="vehicle", **{**common, "source": enums.DataSource.EGM})
    moved = PersonFactory()
    MembershipFactory(household=household, person=moved, role=enums.Role.CHILD, left_on=dt.date(2024, 1, 1))
    elsewhere = HouseholdFactory()
    MembershipFactory(household=elsewhere, person=moved, role=enums.Role.REFERENCE, joined_on=dt.date(2024, 1, 2))
    Asset.objects.create(**{**common, "household": elsewhere, "kind": "land"})
    PersonFactory()  # a stranger
    return household, [*members, moved]


def _sorted(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.sort(frame.columns, nulls_last=True)


def test_the_holdings_twin_holds_what_the_registry_holds(world):
    household, persons = world
    reference, moved = household.memberships.get(role="reference").person, persons[-1]
    found = holdings_orm([str(p.pk) for p in persons])
    assert found.persons.height == 5
    assert sorted(found.incomes["amount_kurus"].to_list()) == [1_200_000, 2_000_000, 3_000_000]  # not the ended one
    assert sorted(found.references.rows()) == sorted(
        [(str(household.pk), str(reference.pk)), (str(moved.memberships.get(left_on=None).household_id), str(moved.pk))]
    )
    # held: owned by them (not the one disposed of), or without an owner in their current households
    assert sorted(found.assets["kind"].to_list()) == ["land", "land", "vehicle", "vehicle"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the statements are PostgreSQL's")
def test_the_holdings_statements_give_what_their_orm_twin_gives(world):
    _household, persons = world
    ids = [str(p.pk) for p in persons]
    by_statements = Holdings(*sql.bulk_fetch(*holdings_statements(ids)))
    by_orm = holdings_orm(ids)
    for name in ("persons", "incomes", "references", "assets"):
        assert _sorted(getattr(by_statements, name)).equals(_sorted(getattr(by_orm, name))), name


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the statements are PostgreSQL's")
def test_the_truth_statements_give_what_their_orm_twin_gives(world):
    _household, persons = world
    tcs = [p.national_id for p in persons] + ["12345678950"]
    persons_sql, assets_sql = sql.bulk_fetch(*persons_truth_statements(tcs))
    persons_orm, assets_orm = persons_truth_orm(tcs)
    assert sorted(persons_sql, key=str) == sorted(persons_orm, key=str)
    assert sorted(assets_sql, key=str) == sorted(assets_orm, key=str)
    assert len(persons_orm) == 5 and len(assets_orm) == 3


def test_the_members_with_a_national_id_are_the_current_ones_by_household(world, tuzluca):
    household, persons = world
    MembershipFactory(
        household=HouseholdFactory(district=tuzluca), person=PersonFactory(national_id=None, id_kind="internal")
    )
    found = members_with_national_id()
    assert found["household_id"].to_list() == sorted(found["household_id"].to_list())
    assert set(found["person_id"]) == {str(p.pk) for p in persons}  # the one who left is counted where he lives now
    assert set(found.filter(pl.col("household_id") == str(household.pk))["tc"]) == {p.national_id for p in persons[:-1]}
    assert members_with_national_id(district=tuzluca).is_empty()
