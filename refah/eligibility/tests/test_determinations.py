"""Stored determinations: one per household, program and month, with rulebook version and input hash."""

import datetime as dt
import json

import pytest

from refah.eligibility import services
from refah.eligibility.models import Determination, Rulebook
from refah.eligibility.rules import PROGRAMS
from refah.eligibility.selectors import reasons_render
from refah.registry import enums
from refah.registry.models import SchoolAttendance
from refah.registry.tests.factories import HouseholdFactory, IncomeFactory, MembershipFactory, PersonFactory

PERIOD = "2025-07"
DAY = dt.date(2025, 7, 1)


def make_household(*, wage_kurus: int = 1_500_000, district=None, children: int = 2):
    """A mother (reference), a working father and school children in Iğdır Merkez (or `district`)."""
    household = HouseholdFactory(**({"district": district} if district else {}))
    mother = PersonFactory(birth_date=dt.date(1985, 5, 17), sex=enums.Sex.FEMALE)
    father = PersonFactory(
        birth_date=dt.date(1982, 3, 1), sex=enums.Sex.MALE, employment_status=enums.EmploymentStatus.EMPLOYED_INFORMAL
    )
    MembershipFactory(household=household, person=mother, role=enums.Role.REFERENCE)
    MembershipFactory(household=household, person=father, role=enums.Role.SPOUSE)
    for i in range(children):
        child = PersonFactory(
            birth_date=dt.date(2014 + i, 9, 1),
            sex=enums.Sex.MALE if i % 2 else enums.Sex.FEMALE,
            marital_status=enums.MaritalStatus.SINGLE,
            employment_status=enums.EmploymentStatus.CHILD,
            school_level=enums.SchoolLevel.PRIMARY,
        )
        MembershipFactory(household=household, person=child, role=enums.Role.CHILD, joined_on=child.birth_date)
        SchoolAttendance.objects.create(person=child, month=dt.date(2025, 6, 1), absence_days=i * 3)
    if wage_kurus:
        IncomeFactory(person=father, amount_kurus=wage_kurus)
    return household


@pytest.fixture
def registry(db):
    """Five households with different incomes; one in Tuzluca."""
    from refah.geo.models import District

    tuzluca = District.objects.get(pcode="TUR076004")
    return [
        make_household(wage_kurus=0),
        make_household(wage_kurus=300_000),
        make_household(wage_kurus=1_500_000, children=3),
        make_household(wage_kurus=6_000_000, children=1),
        make_household(wage_kurus=500_000, district=tuzluca, children=0),
    ]


def _snapshot(period=DAY):
    return {
        (d.household_id, d.program): (d.eligible, d.amount_kurus, d.frequency, d.input_hash, d.reasons)
        for d in Determination.objects.filter(period=period)
    }


def test_household_determinations_are_stored_with_version_and_hash(registry):
    household = registry[0]
    stored = services.determinations_for_household(household=household, period=PERIOD)
    assert {d.program for d in stored} == set(PROGRAMS)
    first = stored[0]
    assert len(first.input_hash) == 64 and len(first.rulebook_version) == 32
    assert first.period == DAY
    assert first.need_score is not None
    assert Rulebook.objects.filter(version=first.rulebook_version, period=DAY).exists()
    family = next(d for d in stored if d.program == "family_support")
    assert family.reasons and {"code", "passed", "lhs", "rhs"} <= set(family.reasons[0])


def test_rerun_is_idempotent_and_updates_only_changed_households(registry):
    services.determinations_for_household(household=registry[1], period=PERIOD)
    before = {d.program: d.updated_at for d in Determination.objects.filter(household=registry[1])}
    services.determinations_for_household(household=registry[1], period=PERIOD)
    after = {d.program: d.updated_at for d in Determination.objects.filter(household=registry[1])}
    assert before == after  # same inputs, same rulebook: nothing rewritten
    IncomeFactory(person=registry[1].memberships.get(role=enums.Role.SPOUSE).person, amount_kurus=100_000)
    services.determinations_for_household(household=registry[1], period=PERIOD)
    changed = {d.program: d.updated_at for d in Determination.objects.filter(household=registry[1])}
    assert all(changed[p] > before[p] for p in changed)
    assert Determination.objects.filter(household=registry[1]).count() == len(PROGRAMS)


def test_batch_run_equals_per_household_evaluation(registry):
    counts = services.determinations_run(period=PERIOD)
    assert counts["households"] == len(registry)
    assert counts["created"] == len(registry) * len(PROGRAMS)
    batch = _snapshot()
    Determination.objects.all().delete()
    for household in registry:
        services.determinations_for_household(household=household, period=PERIOD)
    assert _snapshot() == batch
    again = services.determinations_run(period=PERIOD)
    assert again["created"] == 0 and again["updated"] == 0
    assert again["unchanged"] == len(registry) * len(PROGRAMS)


def test_stored_reasons_render_in_turkish_and_english(registry):
    stored = services.determinations_for_household(household=registry[0], period=PERIOD)
    family = next(d for d in stored if d.program == "family_support")
    turkish = reasons_render(determination=family, lang="tr")
    english = reasons_render(determination=family, lang="en")
    assert any("kişi başı gelir" in item["text"] for item in turkish)
    assert any("per-capita income" in item["text"] for item in english)


def test_household_changed_signal_reevaluates_on_commit(registry, django_capture_on_commit_callbacks):
    from refah.common.signals import household_changed

    with django_capture_on_commit_callbacks(execute=True):
        household_changed.send(sender=None, household_id=registry[2].pk)
    assert Determination.objects.filter(household=registry[2]).count() == len(PROGRAMS)


def test_bulk_write_through_copy_matches(registry, monkeypatch):
    """Above COPY_MIN_ROWS PostgreSQL writes through COPY + INSERT … ON CONFLICT; the result is the same."""
    services.determinations_run(period=PERIOD)
    small = _snapshot()
    Determination.objects.all().delete()
    monkeypatch.setattr(services, "COPY_MIN_ROWS", 0)
    first = services.determinations_run(period=PERIOD)
    assert first["created"] == len(registry) * len(PROGRAMS)
    assert _snapshot() == small
    assert services.determinations_run(period=PERIOD)["unchanged"] == first["created"]


def test_household_screen_respects_jurisdiction(registry, caseworker, other_caseworker):
    household = registry[0]
    services.determinations_for_household(household=household, period=PERIOD)
    from django.test import Client

    own, other = Client(), Client()
    own.force_login(caseworker)
    other.force_login(other_caseworker)
    url = f"/eligibility/households/{household.pk}/?period={PERIOD}"
    response = own.get(url)
    assert response.status_code == 200
    assert "Aile Destek Programı" in response.content.decode()
    assert other.get(url).status_code == 404


def test_a_fact_the_registry_did_not_record_fails_that_persons_condition_only(registry):
    """A toddler's check-ups are not recorded: cct_health is still determined for every household; this
    household's reasons say the check-up record is missing, and nothing is skipped or defaulted."""
    household = registry[0]
    toddler = PersonFactory(
        birth_date=dt.date(2023, 1, 10),
        marital_status=enums.MaritalStatus.SINGLE,
        employment_status=enums.EmploymentStatus.CHILD,
    )
    MembershipFactory(household=household, person=toddler, role=enums.Role.CHILD, joined_on=toddler.birth_date)
    counts = services.determinations_run(period=PERIOD)
    assert counts["skipped"] == {}
    programs = set(Determination.objects.filter(household=household).values_list("program", flat=True))
    assert programs == set(PROGRAMS)
    health = Determination.objects.get(household=household, program="cct_health")
    assert "cct_health.child_checkups_done.recorded" in json.dumps(health.reasons)
