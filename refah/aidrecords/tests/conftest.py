"""Fixtures of the aid record tests: a municipality and an NGO of Iğdır Merkez sending aid, a Merkez household."""

import pytest

from refah.accounts.enums import OfficeKind, Role
from refah.accounts.services import office_create
from refah.registry import enums as E
from refah.registry.tests.factories import HouseholdFactory, MembershipFactory, PersonFactory


@pytest.fixture
def municipality(merkez):
    return office_create(actor=None, name="Iğdır Belediyesi", kind=OfficeKind.MUNICIPALITY, district=merkez)


@pytest.fixture
def ngo(merkez):
    return office_create(actor=None, name="Aras Yardımlaşma Derneği", kind=OfficeKind.NGO, district=merkez)


@pytest.fixture
def town_clerk(make_staff, municipality):
    return make_staff(municipality, Role.CASEWORKER)


@pytest.fixture
def ngo_clerk(make_staff, ngo):
    return make_staff(ngo, Role.CASEWORKER)


@pytest.fixture
def family(db):
    """A Merkez household: (household, reference person, child)."""
    household = HouseholdFactory()
    mother = PersonFactory(first_name="Zerrin", last_name="Karabulut", father_name="Ali", mother_name="Ayşe")
    MembershipFactory(household=household, person=mother, role=E.Role.REFERENCE)
    child = PersonFactory(last_name="Karabulut", marital_status=E.MaritalStatus.SINGLE)
    MembershipFactory(household=household, person=child, role=E.Role.CHILD)
    return household, mother, child


def record(**over) -> dict:
    """An API record of food aid for March 2026."""
    body = {
        "reference": "B-2026-0001",
        "kind": "food",
        "need": "subsistence",
        "amount_kurus": 150_000,
        "given_on": "2026-03-02",
        "period_start": "2026-03-01",
        "period_end": "2026-03-31",
        "first_name": "Zerrin",
        "last_name": "Karabulut",
    }
    body.update(over)
    return {k: v for k, v in body.items() if v is not None}
