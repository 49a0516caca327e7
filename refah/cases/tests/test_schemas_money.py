"""The visit's asset value is integer kuruş, exactly as its schema declares: no strings, floats or negatives."""

import pytest
from pydantic import ValidationError

from refah.cases import services
from refah.cases.schemas import AssetSeenIn


@pytest.mark.parametrize("value", ["3500", 3500.0, 3500.5, True, -1, "٣٥٠٠"])
def test_value_kurus_must_be_a_json_integer_of_at_least_zero(value):
    with pytest.raises(ValidationError):
        AssetSeenIn.model_validate({"kind": "vehicle", "value_kurus": value})


def test_value_kurus_integer_is_taken_and_documented_as_integer():
    assert AssetSeenIn.model_validate({"kind": "vehicle", "value_kurus": 350_000}).value_kurus == 350_000
    spec = AssetSeenIn.model_json_schema()["properties"]["value_kurus"]
    assert (spec["type"], spec["minimum"]) == ("integer", 0)


@pytest.mark.django_db
def test_visit_api_refuses_a_string_value_and_takes_an_integer(
    submit, household, caseworker, inspector, api_client_for
):
    visit = services.visit_assign(actor=caseworker, application=submit(household))
    client = api_client_for(inspector)
    body = {"living_conditions": "poor", "observations": "Old car outside.", "assets": [{"kind": "vehicle"}]}

    body["assets"][0]["value_kurus"] = "35000000"
    refused = client.post(f"/api/v1/cases/visits/{visit.pk}", body, content_type="application/json")
    body["assets"][0]["value_kurus"] = 35_000_000
    taken = client.post(f"/api/v1/cases/visits/{visit.pk}", body, content_type="application/json")

    assert refused.status_code == 422, refused.content
    assert taken.status_code == 200, taken.content
    assert household.assets.get().value_kurus == 35_000_000
