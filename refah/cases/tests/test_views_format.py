"""The case page in words: program names, history labels; "send to the committee" only when the service allows it."""

import pytest
from django.urls import reverse

from refah.cases import services

pytestmark = pytest.mark.django_db


def _page(client, user, application, lang="en") -> str:
    client.force_login(user)
    client.cookies["django_language"] = lang
    return client.get(reverse("cases:case_detail", args=[application.pk])).content.decode()


def _send_url(application) -> str:
    return reverse("cases:case_action", args=[application.pk, "send_to_committee"])


def test_send_to_committee_hidden_while_the_visit_is_open(client, caseworker, inspector, household, submit):
    application = submit(household)
    services.visit_assign(actor=caseworker, application=application)
    html = _page(client, caseworker, application)
    assert _send_url(application) not in html
    assert "Household visit assigned" in html and "visit_assign" not in html
    assert "Family Support Programme" in html and ">family_support<" not in html


def test_send_to_committee_offered_once_the_visit_is_recorded(client, caseworker, investigated):
    html = _page(client, caseworker, investigated)
    assert _send_url(investigated) in html
    assert "Household visit done" in html


def test_queue_shows_program_names(client, caseworker, household, submit):
    submit(household)
    client.force_login(caseworker)
    client.cookies["django_language"] = "tr"
    html = client.get(reverse("cases:queue")).content.decode()
    assert "Aile Destek Programı" in html and ">family_support<" not in html
