"""The bulk refresh and the household refresh store the same for the same household: checks with their facts,
disagreements, incomes (an institution's changed one ended), assets (one it no longer shows disposed of),
attendance and the person's fields (NVİ's parents' names included). And a source's fast reading of a bulk answer
gives exactly the facts its careful reading gives."""

import datetime as dt
import json

import httpx
import polars as pl

from refah.exchange.client.answers import Columns, Fact, Reader
from refah.exchange.enums import CallPurpose
from refah.exchange.models import Discrepancy, SourceCheck
from refah.exchange.services import bulk_refresh, household_refresh
from refah.exchange.services.answers import members_frame
from refah.exchange.services.compare import FACTS
from refah.exchange.services.store import checks_of
from refah.exchange.sources import ALL, SOURCES
from refah.registry import enums
from refah.registry.models import Asset, IncomeSource, Person, SchoolAttendance

INSTITUTIONS = list(enums.REGISTERED_SOURCES)


def _stored(household) -> dict:
    members = [m.person_id for m in household.memberships.all()]
    return {
        "checks": sorted(
            (c.source, c.status, sorted(map(tuple, c.facts)), c.as_of, c.attempts, c.last_error)
            for c in SourceCheck.objects.filter(household=household)
        ),
        "discrepancies": sorted(
            Discrepancy.objects.filter(household=household).values_list(
                "person_id", "source", "fact", "declared_value", "registered_value", "status"
            )
        ),
        "incomes": sorted(
            IncomeSource.objects.filter(person_id__in=members).values_list(
                "person_id", "kind", "amount_kurus", "period", "start_date", "end_date", "source", "note"
            )
        ),
        "assets": sorted(
            Asset.objects.filter(household=household).values_list(
                "owner_id", "kind", "value_kurus", "description", "source", "disposed_on"
            ),
            key=str,
        ),
        "attendance": sorted(
            SchoolAttendance.objects.filter(person_id__in=members).values_list("person_id", "month", "absence_days")
        ),
        "persons": sorted(
            Person.objects.filter(pk__in=members).values_list(
                "id", "social_security", "child_checkups_done", "father_name", "mother_name"
            )
        ),
    }


def _differ(bulk: list, alone: list) -> dict:
    return {"bulk only": [r for r in bulk if r not in alone], "household only": [r for r in alone if r not in bulk]}


def _prepare(household) -> None:
    """What an earlier refresh left: an SGK wage that has changed since, a car EGM no longer shows, a declared car."""
    husband = household.memberships.get(role="reference").person
    IncomeSource.objects.create(
        person=husband,
        kind="wage",
        amount_kurus=1_000_000,
        period="monthly",
        start_date=dt.date(2024, 1, 1),
        source="sgk",
    )
    Asset.objects.create(
        household=household, owner=husband, kind="vehicle", value_kurus=5_000_000, description="76 Q1 Old", source="egm"
    )
    Asset.objects.create(household=household, kind="vehicle", value_kurus=40_000_000, source="declared")


def _reset(household, persons: list[tuple]) -> None:
    SourceCheck.objects.all().delete()
    Discrepancy.objects.all().delete()
    IncomeSource.objects.filter(source__in=INSTITUTIONS).delete()
    Asset.objects.filter(household=household).delete()  # _prepare() makes them again
    SchoolAttendance.objects.all().delete()
    for pid, security, checkups, father, mother in persons:
        Person.objects.filter(pk=pid).update(
            social_security=security, child_checkups_done=checkups, father_name=father, mother_name=mother
        )


def test_the_bulk_and_the_household_refresh_store_the_same(simulators, household, caseworker):
    _prepare(household)
    before = _stored(household)["persons"]
    household_refresh(actor=caseworker, household=household, purpose=CallPurpose.REVIEW)
    alone = _stored(household)
    _reset(household, before)
    _prepare(household)
    bulk_refresh(actor="refah exchange", purpose=CallPurpose.REVIEW)
    in_bulk = _stored(household)
    assert {k: _differ(v, alone[k]) for k, v in in_bulk.items() if v != alone[k]} == {}
    # what the loose ends promised, the same in both
    husband = household.memberships.get(role="reference").person
    old_car = Asset.objects.get(description="76 Q1 Old")
    assert old_car.disposed_on == dt.date.today()
    assert IncomeSource.objects.get(person=husband, source="sgk", amount_kurus=1_000_000).end_date == dt.date.today()
    assert all(p[3] and p[4] for p in alone["persons"])  # NVİ's parents' names written
    assert (
        Person.objects.get(pk=husband.pk).father_name
        == [
            f[3]
            for c in alone["checks"]
            if c[0] == "nvi"
            for f in c[2]
            if f[0] == str(husband.pk) and f[1] == "nvi.father_name"
        ][0]
    )


def test_a_second_refresh_of_either_path_changes_nothing(simulators, household, caseworker):
    household_refresh(actor=caseworker, household=household, purpose=CallPurpose.REVIEW)
    first = _stored(household)
    bulk_refresh(actor="refah exchange")
    second = _stored(household)
    household_refresh(actor=caseworker, household=household, purpose=CallPurpose.REVIEW)
    assert first["assets"] == second["assets"] == _stored(household)["assets"]
    assert first["incomes"] == second["incomes"] == _stored(household)["incomes"]
    assert first["discrepancies"] == second["discrepancies"] == _stored(household)["discrepancies"]


def test_fast_reading_gives_the_careful_reading(simulators, household):
    tcs = [m.person.national_id for m in household.memberships.select_related("person")]
    headers = {"X-Purpose": "review", "X-Requester": "test", "Authorization": "Bearer simulator"}
    members = members_frame(household.memberships.values_list("person__national_id", "person_id", "household_id"))
    for code in ALL:
        body = httpx.post(f"{simulators.url}/{code}/v1/persons/bulk", json={"tcs": tcs}, headers=headers).json()
        records = body["records"]
        fast = SOURCES[code].read_columns(Columns.of_answer(records, set(tcs)))
        careful = [f for i, r in enumerate(records) for f in SOURCES[code].parse(r["tc"], Reader(r, f"records[{i}]"))]
        assert [Fact(*row) for row in fast.iter_rows()] == careful, code
        # and the check keeps them as JSON, [[person id, fact, value, text], …], in the answer's order
        facts = fast.with_columns(source=pl.lit(code), as_of=pl.lit(dt.date.today())).join(members, on="tc")
        answered = members.select("household_id").unique().with_columns(source=pl.lit(code))
        kept = checks_of(facts.select(FACTS.keys()), answered, calls={code: None}, as_of={code: dt.date.today()})
        person_of = dict(zip(members["tc"], members["person_id"], strict=True))
        assert json.loads(kept["facts"].item()) == [
            [person_of[f.tc], f.fact, f.value_kurus, f.value_text] for f in careful
        ]
