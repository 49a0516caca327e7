"""services_seed (and `refah casework services_seed`): each office of the province gets its standard services, the
outside institutions theirs; the sealed protection service exists but is never listed; running it again adds
nothing."""

import pytest
from django.core.management import call_command

from refah.accounts.enums import OfficeKind, Role
from refah.accounts.services import office_create
from refah.casework.enums import ServiceKind
from refah.casework.models import Service
from refah.casework.selectors import service_for_household, service_list
from refah.casework.services import service_create, service_update, services_seed
from refah.common.errors import PermissionDeniedError, RefahError
from refah.registry.tests.factories import household_with_members

pytestmark = pytest.mark.django_db


def test_seed_gives_each_office_its_services(
    igdir, merkez, office_merkez, office_shm, office_directorate, worker, capsys
):
    office_create(actor=None, name="Iğdır Belediyesi", kind=OfficeKind.MUNICIPALITY, province=igdir, district=merkez)
    call_command("casework", "services_seed", "--province", "76")
    created = Service.objects.count()
    assert f"{created} service(s)" in capsys.readouterr().out
    kinds = set(Service.objects.values_list("kind", flat=True))
    assert {ServiceKind.CASE_MANAGEMENT, ServiceKind.SOCIAL_AID, ServiceKind.CHILD_PROTECTION} <= kinds
    assert {ServiceKind.HOUSING, ServiceKind.HEALTH, ServiceKind.EDUCATION, ServiceKind.EMPLOYMENT} <= kinds
    assert {ServiceKind.NGO_SUPPORT, ServiceKind.WOMEN_PROTECTION} <= kinds
    assert not service_list(user=worker).filter(kind=ServiceKind.WOMEN_PROTECTION).exists()
    household = household_with_members(merkez)
    assert service_for_household(household=household, kind=ServiceKind.SOCIAL_AID).office == office_merkez
    assert services_seed(actor="test", province=igdir) == []


def test_catalogue_is_kept_by_supervisors(supervisor, worker, office_shm, igdir):
    fields = {"kind": ServiceKind.HEALTH, "name": "Iğdır Devlet Hastanesi", "provider_kind": "health"}
    with pytest.raises(PermissionDeniedError):
        service_create(actor=worker, provider_name="Hastane", **fields)
    with pytest.raises(RefahError) as caught:
        service_create(actor=supervisor, **fields)  # neither office nor institution
    assert caught.value.field == "provider_name"
    with pytest.raises(RefahError) as caught:
        service_create(actor=supervisor, provider_name="x", **{**fields, "kind": ServiceKind.WOMEN_PROTECTION})
    assert caught.value.field == "kind"
    service = service_create(actor=supervisor, provider_name="Iğdır Devlet Hastanesi", province=igdir, **fields)
    changed = service_update(actor=supervisor, service=service, days_to_answer=3, active=False)
    assert (changed.days_to_answer, changed.active) == (3, False)
    with pytest.raises(RefahError) as caught:
        service_update(actor=supervisor, service=service, days_to_answer=0)
    assert caught.value.field == "days_to_answer"
    assert Service.objects.get(pk=service.pk).days_to_answer == 3
    assert Role.SUPERVISOR
