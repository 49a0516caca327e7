import pytest

from refah.accounts.enums import OfficeKind, Role
from refah.accounts.services import office_create


@pytest.fixture
def directorate(igdir):
    return office_create(
        actor=None, name="Iğdır Aile ve Sosyal Hizmetler İl Müdürlüğü", kind=OfficeKind.DIRECTORATE, province=igdir
    )


@pytest.fixture
def supervisor(make_staff, directorate):
    return make_staff(directorate, Role.SUPERVISOR)


@pytest.fixture
def social_worker(make_staff, office_province):
    return make_staff(office_province, Role.SOCIAL_WORKER)


@pytest.fixture
def tuzluca_worker(make_staff, office_tuzluca):
    return make_staff(office_tuzluca, *[r.value for r in Role])
