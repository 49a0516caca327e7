"""Fixtures of the employment tests: a Merkez family living on family support, its caseworkers, and helpers that
go through the services (refer, offer, answer, judge). İŞKUR has no address here (a referral waits for it and
offers are recorded by the office), except in the tests that start the simulators (`simulators`)."""

import datetime as dt

import pytest
from django.utils import timezone

from refah.accounts.enums import Role
from refah.employment import services
from refah.employment.enums import Answer
from refah.exchange.tests.conftest import simulators  # noqa: F401 — the live simulators, for the İŞKUR tests
from refah.registry import enums as E
from refah.registry.tests.factories import HouseholdFactory, MembershipFactory, PersonFactory


@pytest.fixture(autouse=True)
def iskur_unconfigured(settings, request):
    """No İŞKUR address unless the test starts the simulators: a referral waits, offers come from the office."""
    if "simulators" not in request.fixturenames:
        settings.REFAH_SOURCES = {**settings.REFAH_SOURCES, "iskur": {"url": ""}}


@pytest.fixture
def colleague(make_staff, office_merkez):
    """A second caseworker of the same office (decides objections against refusals someone else judged)."""
    return make_staff(office_merkez, Role.CASEWORKER)


def years_ago(years: int, *, days: int = 0) -> dt.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) - dt.timedelta(days=days)


def make_family(first_name: str = "Murat", last_name: str = "Aydın"):
    """A Merkez household on family support: the father (34, unemployed), the mother (32, homemaker), a girl of 10
    at primary school and a boy of 3 with his check-ups done; no income (family support's first band). Returns
    (household, father, mother, girl, boy)."""
    household = HouseholdFactory(phone="05321234567")
    father = PersonFactory(
        first_name=first_name,
        last_name=last_name,
        sex=E.Sex.MALE,
        birth_date=years_ago(34),
        employment_status=E.EmploymentStatus.UNEMPLOYED,
        phone="05321234567",
    )
    mother = PersonFactory(first_name="Selin", last_name=last_name, birth_date=years_ago(32))
    girl = PersonFactory(
        first_name="Ece",
        last_name=last_name,
        birth_date=years_ago(10),
        marital_status=E.MaritalStatus.SINGLE,
        employment_status=E.EmploymentStatus.CHILD,
        school_level=E.SchoolLevel.PRIMARY,
    )
    boy = PersonFactory(
        first_name="Can",
        last_name=last_name,
        sex=E.Sex.MALE,
        birth_date=years_ago(3),
        marital_status=E.MaritalStatus.SINGLE,
        employment_status=E.EmploymentStatus.CHILD,
        child_checkups_done=True,
    )
    for person, role in (
        (father, E.Role.REFERENCE),
        (mother, E.Role.SPOUSE),
        (girl, E.Role.CHILD),
        (boy, E.Role.CHILD),
    ):
        MembershipFactory(household=household, person=person, role=role)
    return household, father, mother, girl, boy


@pytest.fixture
def family(db):
    """make_family(): (household, Murat, Selin, Ece, Can)."""
    return make_family()


def offer(actor, referral, *, kind="job", days_ago=0, answer_in=10, **over):
    today = timezone.localdate()
    fields = {
        "kind": kind,
        "title": "Depo görevlisi" if kind == "job" else "Bilgisayar kursu",
        "employer": "Aras Lojistik" if kind == "job" else "Halk Eğitim Merkezi",
        "offered_on": today - dt.timedelta(days=days_ago),
        "answer_by": today - dt.timedelta(days=days_ago) + dt.timedelta(days=answer_in),
        "distance_km": 8,
        "monthly_wage_kurus": 2_400_000 if kind == "job" else None,
        **over,
    }
    return services.offer_record(actor=actor, referral=referral, **fields)


def refuse(actor, referral, *, reason="no_reason", valid=False, justification="Gerekçesiz ret.", **over):
    """An offer refused with `reason`, judged valid or not by `actor`."""
    made = offer(actor, referral, **over)
    services.answer_record(actor=actor, offer=made, answer=Answer.REFUSED, reason=reason)
    return services.refusal_decide(actor=actor, offer=made, valid=valid, justification=justification)


@pytest.fixture
def finance(make_staff, office_merkez):
    return make_staff(office_merkez, Role.FINANCE)
