"""Registered before declared: an institution's income or asset of a kind replaces the declared ones of that kind.

Both readers (one household, and the whole registry in columns) count the same rows; the declared rows stay stored.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from refah.eligibility import db_batch
from refah.eligibility.selectors import household_inputs
from refah.registry import enums
from refah.registry.models import Asset, Membership
from refah.registry.tests.factories import IncomeFactory

from .test_determinations import DAY, make_household

pytestmark = pytest.mark.django_db


def _father(household):
    return Membership.objects.get(household=household, role=enums.Role.SPOUSE).person


def _batch_income(household) -> dict[str, int]:
    frames = db_batch.registry_read(day=DAY)
    key = frames.households.filter(frames.households["household_id"] == household.pk.hex)["household_key"][0]
    incomes = frames.incomes.filter(frames.incomes["household_key"] == key)
    return dict(zip(incomes["kind"].to_list(), incomes["monthly_kurus"].to_list(), strict=True))


def test_an_sgk_wage_replaces_the_declared_wage_and_leaves_other_kinds():
    household = make_household(wage_kurus=500_000)  # declared: 5,000.00 TL wage
    father = _father(household)
    IncomeFactory(person=father, kind=enums.IncomeKind.PENSION, amount_kurus=300_000)  # declared pension counts
    IncomeFactory(person=father, amount_kurus=1_700_000, source=enums.DataSource.SGK)  # SGK: 17,000.00 TL wage
    member = next(m for m in household_inputs(household=household, day=DAY)["members"] if m["sex"] == "M")
    assert member["monthly_income"] == "20000.00"  # 17,000 registered wage + 3,000 declared pension; 5,000 not counted
    assert _batch_income(household) == {"wage": 1_700_000, "pension": 300_000}
    assert father.incomes.filter(source=enums.DataSource.DECLARED).count() == 2  # nothing deleted


def test_a_registered_income_that_ended_gives_the_declared_one_back():
    household = make_household(wage_kurus=500_000)
    IncomeFactory(
        person=_father(household), amount_kurus=1_700_000, source=enums.DataSource.SGK, end_date=dt.date(2025, 6, 30)
    )
    member = next(m for m in household_inputs(household=household, day=DAY)["members"] if m["sex"] == "M")
    assert member["monthly_income"] == "5000.00"
    assert _batch_income(household) == {"wage": 500_000}


def test_an_egm_vehicle_replaces_the_declared_vehicles_value():
    household = make_household(wage_kurus=0)
    Asset.objects.create(
        household=household, kind=enums.AssetKind.VEHICLE, value_kurus=10_000_000, source=enums.DataSource.DECLARED
    )
    Asset.objects.create(
        household=household, kind=enums.AssetKind.VEHICLE, value_kurus=45_000_000, source=enums.DataSource.EGM
    )
    Asset.objects.create(
        household=household, kind=enums.AssetKind.LAND, value_kurus=2_000_000, source=enums.DataSource.DECLARED
    )
    assets = household_inputs(household=household, day=DAY)["assets"]
    assert sorted((a["kind"], a["value"]) for a in assets) == [("land", "20000.00"), ("vehicle", "450000.00")]
    frames = db_batch.registry_read(day=DAY)
    rows = frames.assets.filter(frames.assets["household_id"] == household.pk.hex)
    assert sorted(zip(rows["kind"].to_list(), rows["value_kurus"].to_list(), strict=True)) == [
        ("land", 2_000_000),
        ("vehicle", 45_000_000),
    ]


def test_the_household_page_marks_the_declared_income_not_counted(client, caseworker):
    household = make_household(wage_kurus=500_000)  # Iğdır Merkez, the caseworker's district
    IncomeFactory(person=_father(household), amount_kurus=1_700_000, source=enums.DataSource.SGK)
    client.force_login(caseworker)
    page = client.get(reverse("registry:household_detail", args=[household.pk])).content.decode()
    assert page.count("Hesaba katılmıyor: bu türde bir kurum kaydı") == 1  # the declared 5,000 TL wage
    assert "17.000,00" in page


def test_the_determinations_page_says_which_source_each_figure_came_from(client, caseworker):
    from refah.eligibility.selectors import inputs_sources

    household = make_household(wage_kurus=500_000)
    IncomeFactory(person=_father(household), amount_kurus=1_700_000, source=enums.DataSource.SGK)
    with translation.override("en"):
        rows = inputs_sources(household=household, day=DAY, lang="en")
        assert sorted((r["value"], str(r["source"]), r["counted"]) for r in rows) == [
            ("17,000.00 TL", "SGK (social security)", True),
            ("5,000.00 TL", "Declared by the household", False),
        ]
    client.force_login(caseworker)
    page = client.get(reverse("eligibility:household_determinations", args=[household.pk]) + "?period=2025-07")
    page = page.content.decode()
    assert "Kuralların okuduğu bilgiler ve kaynakları" in page and "17.000,00 TL" in page
