"""`refah demo_users`: Iğdır's offices, one user per role, a partner token; running it twice changes nothing."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command

from refah.accounts.enums import OfficeKind, Role
from refah.accounts.models import ApiToken, Office
from refah.accounts.selectors import district_in_jurisdiction
from refah.audit.models import AuditEvent
from refah.demo.management.commands.demo_users import USERS
from refah.geo.models import District

pytestmark = pytest.mark.django_db


def run() -> str:
    out = StringIO()
    call_command("demo_users", stdout=out)
    return out.getvalue()


def test_every_role_has_a_user_with_its_demo_password():
    output = run()

    for spec in USERS:
        user = authenticate(username=spec.username, password=spec.password)
        assert user is not None, spec.username
        assert list(user.groups.values_list("name", flat=True)) == [spec.role]
        assert user.first_name and user.last_name
        assert spec.username in output and spec.password in output
    assert {spec.role for spec in USERS} == set(Role.values)


def test_offices_have_their_jurisdictions():
    run()

    sydv = Office.objects.filter(kind=OfficeKind.SYDV)
    assert sorted(o.district.name for o in sydv) == ["ARALIK", "IĞDIR", "KARAKOYUNLU", "TUZLUCA"]
    assert Office.objects.get(kind=OfficeKind.SHM).district is None
    assert Office.objects.get(kind=OfficeKind.SHM).province.plate == 76
    assert Office.objects.get(kind=OfficeKind.MINISTRY).is_national
    assert Office.objects.filter(kind__in=[OfficeKind.MUNICIPALITY, OfficeKind.NGO]).count() == 2


def test_caseworkers_see_only_their_district():
    run()
    users = get_user_model().objects
    merkez, tuzluca = District.objects.get(pcode="TUR076002"), District.objects.get(pcode="TUR076004")

    assert district_in_jurisdiction(users.get(username="caseworker"), merkez)
    assert not district_in_jurisdiction(users.get(username="caseworker"), tuzluca)
    assert district_in_jurisdiction(users.get(username="caseworker_tuzluca"), tuzluca)
    assert not district_in_jurisdiction(users.get(username="caseworker_tuzluca"), merkez)
    assert district_in_jurisdiction(users.get(username="analyst"), tuzluca)
    assert users.get(username="inspector").staff.office.name == "Iğdır Merkez SYDV"


def test_running_twice_changes_nothing():
    first = run()
    counts = (Office.objects.count(), get_user_model().objects.count(), ApiToken.objects.count())
    audit = AuditEvent.objects.count()

    second = run()

    assert (Office.objects.count(), get_user_model().objects.count(), ApiToken.objects.count()) == counts
    assert AuditEvent.objects.count() == audit
    assert "rfh_" in first and "issued earlier" in second
    assert counts == (9, len(USERS), 1)
