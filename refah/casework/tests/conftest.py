"""The social services' test ground: Iğdır's SHM (province-wide) with a social worker, the provincial directorate
with a supervisor, a Merkez caseworker who refers, a Merkez household, and the SHM's family counselling service."""

import pytest

from refah.accounts.enums import OfficeKind, Role
from refah.accounts.services import office_create
from refah.casework.enums import ProviderKind, ReferralSource, ServiceKind
from refah.casework.services import referral_create
from refah.casework.tests.factories import ServiceFactory
from refah.registry.tests.factories import household_with_members


@pytest.fixture
def office_shm(igdir):
    return office_create(actor=None, name="Iğdır Sosyal Hizmet Merkezi", kind=OfficeKind.SHM, province=igdir)


@pytest.fixture
def office_directorate(igdir):
    return office_create(actor=None, name="Iğdır İl Müdürlüğü", kind=OfficeKind.DIRECTORATE, province=igdir)


def _with_email(user):
    user.email = f"{user.username}@example.org"
    user.save(update_fields=["email"])
    return user


@pytest.fixture
def worker(make_staff, office_shm):
    return _with_email(make_staff(office_shm, Role.SOCIAL_WORKER))


@pytest.fixture
def worker2(make_staff, office_shm):
    return _with_email(make_staff(office_shm, Role.SOCIAL_WORKER))


@pytest.fixture
def supervisor(make_staff, office_directorate):
    return _with_email(make_staff(office_directorate, Role.SUPERVISOR))


@pytest.fixture
def referrer(make_staff, office_merkez):
    return _with_email(make_staff(office_merkez, Role.CASEWORKER))


@pytest.fixture
def tuzluca_worker(make_staff, office_tuzluca):
    return make_staff(office_tuzluca, Role.SOCIAL_WORKER, Role.SUPERVISOR)


@pytest.fixture
def household(merkez):
    return household_with_members(merkez)


@pytest.fixture
def counselling(office_shm, igdir):
    return ServiceFactory(
        kind=ServiceKind.FAMILY_COUNSELLING,
        name="Iğdır SHM — Aile danışmanlığı",
        provider_kind=ProviderKind.SHM,
        office=office_shm,
        provider_name="",
        province=igdir,
        days_to_answer=7,
    )


@pytest.fixture
def referral(referrer, household, counselling):
    return referral_create(
        actor=referrer,
        household=household,
        service=counselling,
        reason="Eşler arasında sık tartışma; çocuklar etkileniyor.",
        source=ReferralSource.COUNTER,
    )
