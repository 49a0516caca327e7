"""Public pages do not call themselves staff screens; signed-in staff still read which screens they are in."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/screener/", "/ledger/", "/portal/sign-in/", "/accounts/login/"])
def test_public_pages_footer_does_not_say_staff_screens(path):
    for language, staff in (("en", "staff screens"), ("tr", "personel ekranları")):
        client = Client()
        client.cookies["django_language"] = language
        html = client.get(path).content.decode()
        assert "Refah · " in html and staff not in html


def test_staff_pages_footer_says_staff_screens(caseworker):
    client = Client()
    client.force_login(caseworker)
    client.cookies["django_language"] = "en"
    assert "SYDV staff screens" in client.get("/registry/").content.decode()
