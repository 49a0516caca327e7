"""Token authentication reads the token, its user, office and permissions in one query, and stays exact.

One household read costs two statements on PostgreSQL: the token with the user's permissions, and the
household with its members, incomes and assets as JSON arrays (its access-log row written by the same statement);
six on SQLite (the access-log INSERT, then the household and its three lists one by one: SQLite has no
data-modifying WITH clause).
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection

from refah.accounts.enums import Role
from refah.registry.tests.factories import household_with_members

pytestmark = pytest.mark.django_db
HOUSEHOLD_READ_QUERIES = 2 if connection.vendor == "postgresql" else 6


def test_one_household_read_query_budget(api_client_for, caseworker, merkez, django_assert_max_num_queries):
    household = household_with_members(merkez)
    client = api_client_for(caseworker)
    client.get("/api/v1/me")  # warm: the first request imports modules
    with django_assert_max_num_queries(HOUSEHOLD_READ_QUERIES) as captured:
        response = client.get(f"/api/v1/registry/households/{household.pk}")
    assert len(captured) == HOUSEHOLD_READ_QUERIES
    assert response.status_code == 200
    assert len(response.json()["members"]) == household.memberships.count()


def test_permissions_are_the_users_own_and_groups(api_client_for, make_staff, office_merkez, merkez):
    """A user without the registry role is refused; a direct permission or a group's counts at once."""
    household = household_with_members(merkez)
    user = make_staff(office_merkez, Role.INSPECTOR)
    user.groups.clear()
    client = api_client_for(user)
    url = f"/api/v1/registry/households/{household.pk}"
    assert client.get(url).status_code in (403, 404)
    user.user_permissions.add(Permission.objects.get(codename="view_household", content_type__app_label="registry"))
    assert client.get(url).status_code == 200
    user.user_permissions.clear()
    assert client.get(url).status_code in (403, 404)
    user.groups.add(Group.objects.get(name=Role.CASEWORKER))
    assert client.get(url).status_code == 200
    user.groups.clear()
    assert client.get(url).status_code in (403, 404)


def test_inactive_user_is_401(api_client_for, caseworker):
    client = api_client_for(caseworker)
    assert client.get("/api/v1/me").status_code == 200
    caseworker.is_active = False
    caseworker.save(update_fields=["is_active"])
    assert client.get("/api/v1/me").status_code == 401
