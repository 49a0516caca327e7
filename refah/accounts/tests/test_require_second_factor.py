"""REFAH_REQUIRE_2FA: staff enrol before any screen, enrolled staff always pass the code, and health and disability
data (registry.view_sensitive_person) go only to sessions that passed the second factor. Off, nothing changes."""

import pytest
from django.test import Client
from django.urls import reverse

from refah.accounts import sessions
from refah.accounts.authentication import token_user
from refah.accounts.services import api_token_create
from refah.accounts.tests.helpers import code_for, enrol, post_code, post_password

pytestmark = pytest.mark.django_db
HOME = reverse("registry:household_search")
ENROL = reverse("accounts:two_factor")
SENSITIVE = "registry.view_sensitive_person"


@pytest.fixture
def required(settings):
    settings.REFAH_REQUIRE_2FA = True


def test_a_password_alone_leads_only_to_enrolment(required, caseworker):
    client = Client()
    assert post_password(client, caseworker)["Location"] == HOME
    for url in [HOME, reverse("cases:queue"), "/admin/"]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == ENROL, url
    assert client.get(ENROL).status_code == 200

    client.post(ENROL, {"code": code_for(caseworker)})
    assert client.get(HOME).status_code == 200
    user = client.get(HOME).wsgi_request.user
    assert user.second_factor_passed is True and user.has_perm(SENSITIVE)


def test_an_enrolled_user_without_the_code_on_this_session_signs_in_again(required, client, caseworker):
    enrol(caseworker)
    client.force_login(caseworker)  # a session that never passed the code
    response = client.get(HOME)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session


def test_with_the_code_the_screens_open(required, caseworker):
    enrol(caseworker)
    client = Client()
    post_password(client, caseworker)
    post_code(client, code_for(caseworker, 1))
    response = client.get(HOME)
    assert response.status_code == 200 and response.wsgi_request.user.has_perm(SENSITIVE)


def test_sensitive_data_need_a_session_that_passed_the_second_factor(required, caseworker):
    caseworker.second_factor_passed = False
    assert caseworker.has_perm("registry.view_person") and not caseworker.has_perm(SENSITIVE)
    assert SENSITIVE not in caseworker.get_all_permissions()
    caseworker.second_factor_passed = True
    assert caseworker.has_perm(SENSITIVE)


def test_without_the_setting_a_password_session_keeps_sensitive_data(client, caseworker):
    client.force_login(caseworker)
    response = client.get(HOME)
    assert response.status_code == 200
    assert response.wsgi_request.user.second_factor_passed is False
    assert response.wsgi_request.user.has_perm(SENSITIVE)


def test_api_tokens_are_unaffected(required, caseworker):
    _, secret = api_token_create(actor=None, user=caseworker, name="partner")
    assert token_user(secret).has_perm(SENSITIVE)
    response = Client(headers={"Authorization": f"Bearer {secret}"}).get("/api/v1/me")
    assert response.status_code == 200


def test_sign_in_pages_stay_reachable(required, caseworker):
    client = Client()
    post_password(client, caseworker)
    assert client.get(reverse("accounts:login")).status_code == 200
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert sessions.PASSED_KEY not in client.session


def test_an_enrolled_user_without_the_code_cannot_reach_the_two_factor_screen(required, client, caseworker):
    enrol(caseworker)
    client.force_login(caseworker)
    response = client.post(ENROL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
