"""Bearer tokens for the API: missing, wrong, revoked and expired tokens are 401; /me; the api_token command."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from refah.accounts.enums import Role
from refah.accounts.models import ApiToken
from refah.accounts.services import api_token_issue, api_token_revoke
from refah.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

ME = "/api/v1/me"
HOUSEHOLDS = "/api/v1/registry/households"


def bearer(secret: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {secret}"})


def assert_401(response):
    assert response.status_code == 401
    assert response.json()["detail"] and response.json()["errors"] == []


@pytest.mark.parametrize("url", [ME, HOUSEHOLDS, "/api/v1/registry/persons?q=ali"])
def test_no_token_or_wrong_token_is_401(url, caseworker):
    assert_401(Client().get(url))
    assert_401(bearer("rfh_not-a-real-token").get(url))
    assert_401(Client(headers={"Authorization": "Basic dXNlcjpwdw=="}).get(url))


def test_logged_in_session_is_not_enough(caseworker):
    client = Client()
    client.force_login(caseworker)
    assert_401(client.get(HOUSEHOLDS))


def test_revoked_token_is_401(caseworker):
    token, secret = api_token_issue(actor=None, username=caseworker.username, name="script")
    assert bearer(secret).get(ME).status_code == 200
    api_token_revoke(actor=caseworker, token=token)
    assert_401(bearer(secret).get(ME))
    assert AuditEvent.objects.filter(action="api_token_revoke", object_id=str(token.pk)).exists()


def test_expired_token_is_401(caseworker):
    token, secret = api_token_issue(actor=None, username=caseworker.username, name="script", days=30)
    assert bearer(secret).get(ME).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert_401(bearer(secret).get(ME))


def test_inactive_user_token_is_401(caseworker):
    _, secret = api_token_issue(actor=None, username=caseworker.username, name="script")
    caseworker.is_active = False
    caseworker.save(update_fields=["is_active"])
    assert_401(bearer(secret).get(HOUSEHOLDS))


def test_me_shows_office_jurisdiction_and_roles(api_client_for, make_staff, office_tuzluca, office_province):
    body = api_client_for(make_staff(office_tuzluca, Role.CASEWORKER, Role.INSPECTOR)).get(ME).json()
    assert body["office"]["name"] == "Tuzluca SYDV" and body["office"]["kind"] == "sydv"
    assert body["jurisdiction"]["level"] == "district"
    assert body["jurisdiction"]["district"]["pcode"] == "TUR076004"
    assert body["roles"] == ["caseworker", "inspector"]
    province = api_client_for(make_staff(office_province, Role.ANALYST)).get(ME).json()
    assert province["jurisdiction"]["level"] == "province" and province["jurisdiction"]["district"] is None


def test_api_token_command_prints_secret_once_and_stores_only_its_hash(caseworker):
    out, err = StringIO(), StringIO()
    call_command("api_token", caseworker.username, "--name", "e-Devlet", "--days", "90", stdout=out, stderr=err)
    secret = out.getvalue().strip()
    token = ApiToken.objects.get(name="e-Devlet")
    assert secret.startswith("rfh_") and token.key_hash == ApiToken.hash_key(secret) and secret not in err.getvalue()
    assert token.expires_at > timezone.now() + dt.timedelta(days=89)
    assert bearer(secret).get(ME).json()["username"] == caseworker.username


def test_api_token_command_rejects_unknown_user(db):
    with pytest.raises(CommandError):
        call_command("api_token", "nobody", "--name", "x", stdout=StringIO(), stderr=StringIO())
