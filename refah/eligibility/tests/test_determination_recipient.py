"""The recipient is stored with the determination: the member the rule's (or custom program's) recipient kind
names, the same on the bulk and the one-household path; payments copies it (issue 13, item 4)."""

import datetime as dt

import pytest

from refah.eligibility import services
from refah.eligibility.models import Determination
from refah.eligibility.rules import PROGRAMS
from refah.registry import enums
from refah.registry.tests.factories import HouseholdFactory, MembershipFactory, PersonFactory

PERIOD = "2025-07"
DAY = dt.date(2025, 7, 1)


@pytest.fixture
def family(db):
    """A father as reference person, the mother as his spouse, two young children; no income."""
    household = HouseholdFactory()
    father = PersonFactory(birth_date=dt.date(1980, 1, 1), sex=enums.Sex.MALE)
    mother = PersonFactory(birth_date=dt.date(1990, 1, 1), sex=enums.Sex.FEMALE)
    MembershipFactory(household=household, person=father, role=enums.Role.REFERENCE)
    MembershipFactory(household=household, person=mother, role=enums.Role.SPOUSE)
    for year in (2020, 2024):
        child = PersonFactory(
            birth_date=dt.date(year, 3, 1),
            sex=enums.Sex.FEMALE,
            marital_status=enums.MaritalStatus.SINGLE,
            employment_status=enums.EmploymentStatus.CHILD,
        )
        MembershipFactory(household=household, person=child, role=enums.Role.CHILD, joined_on=child.birth_date)
    return household, father, mother


def _recipients(household) -> dict[str, tuple[bool, object]]:
    rows = Determination.objects.filter(household=household, period=DAY)
    return {d.program: (d.eligible, d.recipient_id) for d in rows}


def test_the_woman_or_the_reference_person_as_the_program_declares(family):
    household, father, mother = family
    services.determinations_run(period=PERIOD)
    stored = _recipients(household)
    kinds = {getattr(PROGRAMS[p], "RECIPIENT", "woman") for p, (eligible, _) in stored.items() if eligible}
    assert kinds == {"woman", "reference"}, stored
    for program, (eligible, recipient) in stored.items():
        if not eligible:
            assert recipient is None, program
            continue
        expected = father if getattr(PROGRAMS[program], "RECIPIENT", "woman") == "reference" else mother
        assert recipient == expected.pk, program


def test_both_paths_store_the_same_recipient(family):
    household, _father, _mother = family
    services.determinations_run(period=PERIOD)
    bulk = _recipients(household)
    Determination.objects.filter(household=household).delete()
    services.determinations_for_household(household=household, period=PERIOD)
    one = _recipients(household)  # a program missing an input the one-household path lacks is left out there
    assert one and {program: bulk[program] for program in one} == one
