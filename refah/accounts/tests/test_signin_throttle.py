"""The sign-in throttle: wrong passwords per account and per address, stored in the database (so separate clients
and processes share it), refused with a clear message, cleared by a successful sign-in, audited."""

import datetime as dt

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from refah.accounts.errors import ERR_SIGNIN_INVALID
from refah.accounts.models import SignInAttempt
from refah.accounts.signin import client_address
from refah.accounts.tests.helpers import post_password
from refah.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def fail(user, times: int, address: str = "10.0.0.1") -> None:
    for _ in range(times):  # a fresh client each time: nothing is remembered in a session or cookie
        response = post_password(Client(), user, "wrong-password", REMOTE_ADDR=address)
        assert response.status_code == 200


def signed_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == reverse("registry:household_search")


def test_a_wrong_password_says_so_in_turkish_and_english(caseworker):
    response = post_password(Client(), caseworker, "wrong-password")
    with override("tr"):
        assert str(ERR_SIGNIN_INVALID) in response.content.decode()
    client = Client()
    client.cookies["django_language"] = "en"
    assert "Wrong username or password" in post_password(client, caseworker, "wrong").content.decode()


def test_five_wrong_passwords_refuse_even_the_right_one(caseworker):
    fail(caseworker, 5)
    client = Client()
    client.cookies["django_language"] = "en"
    response = post_password(client, caseworker, REMOTE_ADDR="10.9.9.9")  # right password, another address

    assert response.status_code == 200 and not signed_in(response)
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="sign_in_failed").count() == 5
    refused = AuditEvent.objects.get(action="sign_in_refused")
    assert refused.after == {"username": caseworker.username, "address": "10.9.9.9", "stage": "password"}


def test_the_lock_lifts_when_the_failures_leave_the_window(caseworker):
    fail(caseworker, 5)
    SignInAttempt.objects.update(at=timezone.now() - dt.timedelta(minutes=16))
    assert signed_in(post_password(Client(), caseworker))


def test_refused_attempts_do_not_extend_the_lock(caseworker):
    fail(caseworker, 5)
    fail(caseworker, 3)  # refused: not counted
    assert SignInAttempt.objects.filter(username=caseworker.username).count() == 5


def test_a_successful_sign_in_clears_the_account_count(caseworker):
    fail(caseworker, 4)
    assert signed_in(post_password(Client(), caseworker))
    fail(caseworker, 4)
    assert signed_in(post_password(Client(), caseworker))
    assert AuditEvent.objects.filter(action="sign_in", actor=caseworker).count() == 2


def test_one_address_trying_many_accounts_is_refused(settings, make_staff, office_merkez):
    settings.REFAH_SIGNIN_MAX_FAILURES_PER_ADDRESS = 6
    users = [make_staff(office_merkez) for _ in range(4)]
    fail(users[0], 2, "10.0.0.7")
    fail(users[1], 2, "10.0.0.7")
    fail(users[2], 2, "10.0.0.7")

    response = post_password(Client(), users[3], REMOTE_ADDR="10.0.0.7")
    assert not signed_in(response)
    assert signed_in(post_password(Client(), users[3], REMOTE_ADDR="10.0.0.8"))


def test_unknown_usernames_are_counted_too(caseworker):
    client = Client()
    for _ in range(6):
        response = client.post(reverse("accounts:login"), {"username": "nobody", "password": "x"})
    assert SignInAttempt.objects.filter(username="nobody").count() == 5
    assert AuditEvent.objects.filter(action="sign_in_refused").count() == 1
    assert response.status_code == 200


def test_the_client_address_comes_from_the_proxy_when_one_is_configured(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    settings.REFAH_PROXY_COUNT = 0
    assert client_address(request) == "127.0.0.1"
    settings.REFAH_PROXY_COUNT = 1
    assert client_address(request) == "203.0.113.9"  # the address our proxy saw; the first one is the client's say


def test_password_sign_in_keeps_working_for_users_without_a_second_factor(caseworker):
    client = Client()
    response = post_password(client, caseworker)
    assert signed_in(response)
    assert client.get(reverse("registry:household_search")).status_code == 200


def test_the_admin_site_signs_in_through_the_same_door(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login") + "?next=/admin/"
