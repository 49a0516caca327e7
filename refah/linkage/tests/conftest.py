"""Fixtures of the linkage tests: a kind that records its decisions, Merkez persons in the registry."""

import datetime as dt

import pytest

from refah.linkage.services import LinkRecord, link_kind_register
from refah.registry.enums import Role
from refah.registry.tests.factories import HouseholdFactory, MembershipFactory, PersonFactory

KIND = "test_aid"


@pytest.fixture
def decided():
    """The calls of the test kind's on_decide, as (record_id, person_id)."""
    calls: list = []
    link_kind_register(KIND, label="Test aid", on_decide=lambda rid, pid, actor, decision: calls.append((rid, pid)))
    return calls


@pytest.fixture
def registry(merkez):
    """Persons of one Merkez household: Ayşe, her twin Elif (same birth date and parents), sister Zeynep."""
    household = HouseholdFactory(district=merkez)
    people = {}
    for name, born in (("Ayşe", dt.date(1990, 3, 4)), ("Elif", dt.date(1990, 3, 4)), ("Zeynep", dt.date(1994, 7, 9))):
        person = PersonFactory(
            first_name=name, last_name="Yılmaz", birth_date=born, father_name="Ali", mother_name="Fatma"
        )
        MembershipFactory(household=household, person=person, role=Role.REFERENCE if not people else Role.OTHER)
        people[name] = person
    return people


def rec(record_id: str, **fields) -> LinkRecord:
    base = {
        "first_name": "Ayşe",
        "last_name": "Yılmaz",
        "birth_date": dt.date(1990, 3, 4),
        "father_name": "Ali",
        "mother_name": "Fatma",
        "district": "TUR076002",
    }
    return LinkRecord(record_id=record_id, **(base | fields))
