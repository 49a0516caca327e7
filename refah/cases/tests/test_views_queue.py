"""The application queue (issue 12): open cases before decided ones, most urgent first, 50 a page."""

import re

import pytest

from refah.cases import services
from refah.registry.tests.factories import household_with_members

pytestmark = pytest.mark.django_db


def _references(html: str) -> list[str]:
    return re.findall(r'class="row-link" href="/cases/[0-9a-f-]+/">([^<]+)</a>', html)


def test_open_cases_come_before_withdrawn_ones(client, caseworker, household, submit, merkez):
    settled = submit(household)  # submitted first: the earliest deadline
    open_case = submit(household_with_members(merkez))
    services.application_withdraw(actor=caseworker, application=settled, reason="Citizen's request")
    client.force_login(caseworker)
    assert _references(client.get("/cases/").content.decode()) == [open_case.reference, settled.reference]


def test_the_queue_is_paginated_and_keeps_its_filters(client, caseworker, household, submit, merkez, monkeypatch):
    monkeypatch.setattr("refah.cases.views.QUEUE_PAGE_SIZE", 1)
    first, second = submit(household), submit(household_with_members(merkez))
    client.force_login(caseworker)
    page_one = client.get("/cases/?status=received").content.decode()
    assert _references(page_one) == [first.reference]
    assert 'href="?status=received&amp;page=2" rel="next"' in page_one
    page_two = client.get("/cases/?status=received&page=2").content.decode()
    assert _references(page_two) == [second.reference]
    assert 'rel="prev"' in page_two and 'rel="next"' not in page_two
