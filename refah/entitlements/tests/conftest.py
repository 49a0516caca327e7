"""Fixtures of the entitlements tests: staff of Iğdır Merkez and Tuzluca, households with persons the free-travel
rule entitles (a 70-year-old, a member with 45 % disability, one with 80 % and the adult who accompanies them),
a martyr's relatives and a disabled veteran."""

import datetime as dt

import pytest

from refah.accounts.enums import Role
from refah.casework.enums import ProviderKind, ServiceKind
from refah.casework.tests.factories import ServiceFactory
from refah.eligibility.services import determinations_for_household
from refah.entitlements import services
from refah.entitlements.enums import VeteranStatus
from refah.registry import enums
from refah.registry.tests.factories import HouseholdFactory, MembershipFactory, PersonFactory, valid_tc

MARTYR_TC = "10000000146"


@pytest.fixture
def clerk(make_staff, office_merkez):
    """A caseworker of Iğdır Merkez: records veterans, grants entitlements, delivers cards."""
    return make_staff(office_merkez, Role.CASEWORKER)


@pytest.fixture
def supervisor(make_staff, office_province):
    """The provincial directorate's supervisor: issues and prints cards for the whole province."""
    return make_staff(office_province, Role.SUPERVISOR)


@pytest.fixture
def tuzluca_clerk(make_staff, office_tuzluca):
    return make_staff(office_tuzluca, Role.CASEWORKER)


def member(household, role=enums.Role.REFERENCE, **person):
    person.setdefault("employment_status", enums.EmploymentStatus.UNEMPLOYED)
    found = PersonFactory(**person)
    MembershipFactory(household=household, person=found, role=role)
    return found


@pytest.fixture
def travellers(merkez):
    """Households of Merkez with their entitled members, their determinations of this month computed:
    {"old": 70 years, "disabled": 45 %, "severe": 80 %, "companion": the adult beside them, "young": nobody}."""
    first = HouseholdFactory(district=merkez)
    old = member(first, birth_date=dt.date(1950, 3, 1), employment_status=enums.EmploymentStatus.RETIRED)
    young = member(first, enums.Role.CHILD, birth_date=dt.date(1995, 3, 1))
    second = HouseholdFactory(district=merkez)
    companion = member(second, birth_date=dt.date(1980, 3, 1))
    severe = member(second, enums.Role.SPOUSE, birth_date=dt.date(1982, 3, 1), disability_percent=80)
    disabled = member(second, enums.Role.CHILD, birth_date=dt.date(2004, 3, 1), disability_percent=45)
    period = dt.date.today().replace(day=1)
    for household in (first, second):
        determinations_for_household(household=household, period=period)
    return {"old": old, "young": young, "companion": companion, "severe": severe, "disabled": disabled}


@pytest.fixture
def family(merkez):
    """A martyr's family in Merkez: the mother and two siblings in one household; and a disabled veteran."""
    household = HouseholdFactory(district=merkez)
    mother = member(household, birth_date=dt.date(1960, 1, 1), employment_status=enums.EmploymentStatus.HOMEMAKER)
    sibling = member(household, enums.Role.CHILD, birth_date=dt.date(1998, 1, 1))
    sister = member(household, enums.Role.CHILD, birth_date=dt.date(2000, 1, 1))
    veteran_home = HouseholdFactory(district=merkez)
    veteran = member(veteran_home, birth_date=dt.date(1985, 1, 1), national_id=valid_tc())
    return {"household": household, "mother": mother, "sibling": sibling, "sister": sister, "veteran": veteran}


def record(actor, person, status=VeteranStatus.MARTYR_MOTHER, subject=MARTYR_TC, **extra):
    values = {
        "subject_name": "Piyade Er Ahmet Yıldırım",
        "subject_national_id": subject,
        "event_date": dt.date(2016, 7, 15),
        "decision_ref": "ASHB-ŞYGD 2016/4412",
    }
    values.update(extra)
    return services.veteran_record_create(actor=actor, person=person, status=status, **values)


@pytest.fixture
def veterans_service(igdir):
    """The directorate's martyrs' relatives and veterans unit, province-wide: where public employment is referred."""
    return ServiceFactory(
        kind=ServiceKind.VETERANS,
        name="Şehit Yakınları ve Gaziler Birimi",
        provider_kind=ProviderKind.DIRECTORATE,
        province=igdir,
    )
