"""Signing in with TC Kimlik No and a one-time code: errors never tell whether a number is registered."""

import datetime as dt

import pytest
from django.test import Client

from refah.notifications import backends
from refah.notifications.models import OneTimeCode
from refah.portal import errors
from refah.portal.session import IDLE, PORTAL_KEY
from refah.portal.tests.conftest import last_code
from refah.registry.identity import make_identity_number

pytestmark = pytest.mark.django_db

UNKNOWN_TC = make_identity_number("999999990")


@pytest.fixture
def ask(django_capture_on_commit_callbacks):
    """ask(client, national_id) -> response of the first step, messages delivered."""

    def do(client, national_id):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/portal/sign-in/", {"national_id": national_id})

    return do


def _code_error(response) -> str:
    return response.context["form"].errors["code"][0]


def test_code_signs_in_and_rotates_the_session_key(ask, citizen):
    client = Client()
    client.get("/portal/sign-in/")
    response = ask(client, citizen.national_id)
    assert response.status_code == 302 and response.url == "/portal/sign-in/code/"
    assert len(backends.outbox) == 1 and backends.outbox[0].phone == citizen.phone
    before = client.session.session_key
    response = client.post("/portal/sign-in/code/", {"code": last_code()})
    assert response.url == "/portal/"
    assert client.session.session_key != before
    assert client.session[PORTAL_KEY]["person"] == str(citizen.pk)
    assert "_auth_user_id" not in client.session  # never a staff sign-in
    assert client.get("/portal/").status_code == 200


def test_unknown_number_reads_exactly_like_a_wrong_code(ask, citizen):
    known, unknown = Client(), Client()
    answers = []
    for client, tc in ((known, citizen.national_id), (unknown, UNKNOWN_TC)):
        response = ask(client, tc)
        assert response.status_code == 302 and response.url == "/portal/sign-in/code/"
        answers.append(client.post("/portal/sign-in/code/", {"code": "000000"}))
    assert len(backends.outbox) == 1  # only the registered number got a message
    assert _code_error(answers[0]) == _code_error(answers[1]) == errors.ERR_CODE_INVALID
    assert answers[0].content.count(b"alert") == answers[1].content.count(b"alert")


@pytest.mark.parametrize("registered", [True, False])
def test_fifth_wrong_code_ends_the_tries_for_any_number(ask, citizen, registered):
    tc = citizen.national_id if registered else UNKNOWN_TC
    client = Client()
    ask(client, tc)
    seen = [_code_error(client.post("/portal/sign-in/code/", {"code": "000000"})) for _ in range(6)]
    assert seen == [errors.ERR_CODE_INVALID] * 4 + [errors.ERR_TOO_MANY_ATTEMPTS] * 2


def test_right_code_after_too_many_wrong_ones_is_refused(ask, citizen):
    client = Client()
    ask(client, citizen.national_id)
    code = last_code()
    for _ in range(5):
        client.post("/portal/sign-in/code/", {"code": "000000" if code != "000000" else "111111"})
    response = client.post("/portal/sign-in/code/", {"code": code})
    assert _code_error(response) == errors.ERR_TOO_MANY_ATTEMPTS and PORTAL_KEY not in client.session


def test_expired_code_is_refused_with_the_same_message(ask, citizen):
    client = Client()
    ask(client, citizen.national_id)
    row = OneTimeCode.objects.get()
    OneTimeCode.objects.update(expires_at=row.created_at - dt.timedelta(seconds=1))
    assert _code_error(client.post("/portal/sign-in/code/", {"code": last_code()})) == errors.ERR_CODE_INVALID


@pytest.mark.parametrize("registered", [True, False])
def test_fourth_code_request_is_rate_limited_for_any_number(ask, citizen, registered):
    tc = citizen.national_id if registered else UNKNOWN_TC
    client = Client()
    for _ in range(3):
        assert ask(client, tc).status_code == 302
    response = ask(client, tc)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [errors.ERR_RATE_LIMITED]


def test_malformed_number_and_code_are_form_errors(ask):
    client = Client()
    response = ask(client, "12345")
    assert response.context["form"].errors["national_id"] == [errors.ERR_NATIONAL_ID]
    assert client.get("/portal/sign-in/code/").url == "/portal/sign-in/"  # no code asked for yet


def test_sign_out_ends_the_portal_session(portal):
    assert portal.get("/portal/").status_code == 200
    response = portal.post("/portal/sign-out/")
    assert response.url == "/portal/sign-in/"
    assert portal.get("/portal/").url == "/portal/sign-in/"


def test_sign_out_needs_post(portal):
    assert portal.get("/portal/sign-out/").status_code == 405


def test_idle_session_ends(portal):
    session = portal.session
    data = session[PORTAL_KEY]
    data["seen"] -= IDLE.total_seconds() + 1
    session[PORTAL_KEY] = data
    session.save()
    assert portal.get("/portal/").url == "/portal/sign-in/?ended=1"


def test_forms_are_csrf_protected(citizen):
    client = Client(enforce_csrf_checks=True)
    assert client.post("/portal/sign-in/", {"national_id": citizen.national_id}).status_code == 403


def test_staff_sign_in_is_not_a_portal_sign_in(client, caseworker):
    client.force_login(caseworker)
    assert client.get("/portal/").url == "/portal/sign-in/"


def test_pages_are_never_cached(portal):
    assert "no-store" in portal.get("/portal/")["Cache-Control"]
