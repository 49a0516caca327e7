"""Fixtures of the ASDEP tests: a Merkez SYDV with two ASDEP workers (one team), a planner, households in one
neighbourhood, a catalogue with a service of every kind the checklist refers to, and a fake sealed intake."""

import datetime as dt

import pytest
from django.utils import timezone

from refah.accounts.enums import Role
from refah.asdep import services
from refah.asdep.checklist import AREAS
from refah.casework import sealing
from refah.casework.tests.factories import ServiceFactory
from refah.registry import enums as E
from refah.registry.tests.factories import HouseholdFactory, MembershipFactory, NeighbourhoodFactory, PersonFactory


def years_ago(years: int, *, days: int = 0) -> dt.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) - dt.timedelta(days=days)


@pytest.fixture
def workers(make_staff, office_merkez):
    return make_staff(office_merkez, Role.ASDEP_WORKER), make_staff(office_merkez, Role.ASDEP_WORKER)


@pytest.fixture
def planner(make_staff, office_merkez):
    return make_staff(office_merkez, Role.SUPERVISOR)


@pytest.fixture
def baglar(merkez):
    return NeighbourhoodFactory(district=merkez, name="BAĞLAR")


@pytest.fixture
def catalogue(merkez, igdir):
    """A Merkez service of every kind the checklist refers to (the sealed kind is never in a catalogue)."""
    kinds = {kind for area in AREAS if not area.sealed for kind in area.kinds}
    return {kind: ServiceFactory(kind=kind, name=f"Merkez {kind}", district=merkez, province=igdir) for kind in kinds}


@pytest.fixture
def sealed_taken(monkeypatch):
    """The sealed intake the shelters app registers, faked: what it was handed."""
    taken = []
    monkeypatch.setattr(sealing, "_handler", lambda **kwargs: taken.append(kwargs))
    return taken


def family(neighbourhood, last_name="Yıldırım"):
    """A couple of 40 with a girl of 10 at school: nothing in the data proposes them."""
    household = HouseholdFactory(neighbourhood=neighbourhood, district=neighbourhood.district)
    MembershipFactory(
        household=household,
        role=E.Role.REFERENCE,
        person=PersonFactory(last_name=last_name, sex=E.Sex.MALE, birth_date=years_ago(40)),
    )
    MembershipFactory(household=household, role=E.Role.SPOUSE, person=PersonFactory(last_name=last_name))
    girl = PersonFactory(
        last_name=last_name,
        birth_date=years_ago(10),
        marital_status=E.MaritalStatus.SINGLE,
        employment_status=E.EmploymentStatus.CHILD,
        school_level=E.SchoolLevel.PRIMARY,
    )
    MembershipFactory(household=household, role=E.Role.CHILD, person=girl)
    return household


def elderly_alone(neighbourhood, first_name="Hatice", last_name="Korkmaz"):
    """A woman of 78 living alone: proposed (elderly alone)."""
    household = HouseholdFactory(neighbourhood=neighbourhood, district=neighbourhood.district)
    person = PersonFactory(
        first_name=first_name,
        last_name=last_name,
        birth_date=years_ago(78),
        marital_status=E.MaritalStatus.WIDOWED,
        employment_status=E.EmploymentStatus.RETIRED,
    )
    MembershipFactory(household=household, role=E.Role.REFERENCE, person=person)
    return household


def plan(planner, office, neighbourhoods, teams, *, days: int = 5, **kwargs):
    start = timezone.localdate()
    return services.round_plan(
        actor=planner,
        office=office,
        neighbourhoods=neighbourhoods,
        teams=teams,
        starts_on=start,
        ends_on=start + dt.timedelta(days=days - 1),
        **kwargs,
    )


def all_no(**yes) -> dict:
    """Every question answered no, except those given."""
    answers = {q.code: "no" for area in AREAS for q in area.questions}
    answers.update(yes)
    return answers
