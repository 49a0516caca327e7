"""Staff sessions end after REFAH_SESSION_IDLE_SECONDS without a request (sliding) and SESSION_COOKIE_AGE after
sign-in whatever the activity; the API (bearer tokens) is not touched."""

import time

import pytest
from django.test import Client
from django.urls import reverse

from refah.accounts import sessions
from refah.accounts.services import api_token_create
from refah.accounts.tests.helpers import post_password

pytestmark = pytest.mark.django_db
HOME = reverse("registry:household_search")


def signed_in_client(user) -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    assert post_password(client, user)["Location"] == HOME
    return client


def shift(client: Client, **seconds_ago: float) -> None:
    session = client.session
    for key, ago in seconds_ago.items():
        session[key] = time.time() - ago
    session.save()


def test_thirty_idle_minutes_end_the_session(caseworker):
    client = signed_in_client(caseworker)
    shift(client, **{sessions.SEEN_KEY: 31 * 60})
    response = client.get(HOME)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"]).content.decode()
    assert "Your session ended after a period of inactivity" in page


def test_activity_slides_the_idle_limit(caseworker):
    client = signed_in_client(caseworker)
    shift(client, **{sessions.SEEN_KEY: 29 * 60})
    assert client.get(HOME).status_code == 200
    assert time.time() - client.session[sessions.SEEN_KEY] < 5  # seen again just now
    shift(client, **{sessions.SEEN_KEY: 20})
    seen = client.session[sessions.SEEN_KEY]
    assert client.get(HOME).status_code == 200
    assert client.session[sessions.SEEN_KEY] == seen  # under a minute: the session is not rewritten


def test_the_absolute_lifetime_ends_even_an_active_session(caseworker, settings):
    client = signed_in_client(caseworker)
    shift(client, **{sessions.SINCE_KEY: settings.SESSION_COOKIE_AGE + 1, sessions.SEEN_KEY: 10})
    assert client.get(HOME).status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_idle_limit_is_a_setting(caseworker, settings):
    settings.REFAH_SESSION_IDLE_SECONDS = 120
    client = signed_in_client(caseworker)
    shift(client, **{sessions.SEEN_KEY: 121})
    assert client.get(HOME).status_code == 302


def test_the_api_is_not_touched(caseworker):
    _, secret = api_token_create(actor=None, user=caseworker, name="partner")
    response = Client(headers={"Authorization": f"Bearer {secret}"}).get("/api/v1/me")
    assert response.status_code == 200 and "sessionid" not in response.cookies
