"""A PATCH that sends null for a field that cannot be empty is a 422 naming the field, and changes nothing
(it was a server error: "first_name": null reached the name cleaning as None)."""

import json

import pytest

from refah.cases.tests.conftest import adults
from refah.registry.tests.factories import household_with_members

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(api_client_for, caseworker):
    return api_client_for(caseworker)


def patch(client, url: str, body: dict):
    return client.patch(url, json.dumps(body), content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")


def test_null_name_and_sex_are_refused_and_nothing_changes(client, merkez):
    person = adults(household_with_members(merkez))[0]
    response = patch(
        client, f"/api/v1/registry/persons/{person.pk}", {"first_name": None, "sex": None, "pregnant": True}
    )
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"first_name", "sex"}
    assert "cannot be emptied" in response.json()["errors"][0]["reason"]
    person.refresh_from_db()
    assert person.first_name and person.sex and not person.pregnant


def test_null_empties_a_field_that_may_be_empty(client, merkez):
    household = household_with_members(merkez)
    household.address_line = "Atatürk Cd. 5"
    household.save()
    response = patch(client, f"/api/v1/registry/households/{household.pk}", {"address_line": None})
    assert response.status_code == 200, response.content
    household.refresh_from_db()
    assert household.address_line == ""


def test_a_household_keeps_its_neighbourhood(client, merkez):
    household = household_with_members(merkez)
    response = patch(client, f"/api/v1/registry/households/{household.pk}", {"neighbourhood": None})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "neighbourhood"
