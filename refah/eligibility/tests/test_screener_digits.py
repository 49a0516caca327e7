"""The screener reads amounts in the digits 0-9 only, on the API and on the page."""

import json

import pytest
from django.test import Client

from refah.eligibility.forms import ScreenerHouseholdForm, ScreenerMemberForm
from refah.eligibility.tests.test_screener_api import household

URL = "/api/v1/screener"


def post(data: dict):
    return Client().post(URL, json.dumps(data), content_type="application/json")


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["٣٥٠٠", "３５００"])
def test_api_refuses_amounts_in_other_digits(text):
    income = household()
    income["members"][0]["monthly_income"] = text

    for data, field in ((income, "monthly_income"), (household(monthly_rent=text), "monthly_rent")):
        response = post(data)
        assert response.status_code == 422, response.content
        assert any((e["field"] or "").endswith(field) for e in response.json()["errors"]), response.content


@pytest.mark.django_db
def test_api_still_reads_ascii_amounts():
    assert post(household(monthly_rent="2500")).status_code == 200


@pytest.mark.django_db
def test_page_forms_refuse_amounts_in_other_digits():
    household = ScreenerHouseholdForm(data={"monthly_rent": "٢٥٠٠", "asset_vehicle": "１０"})
    member = ScreenerMemberForm(data={"monthly_income": "۳۵۰۰"})

    household.is_valid()
    member.is_valid()

    assert {"monthly_rent", "asset_vehicle"} <= set(household.errors)
    assert household.errors["monthly_rent"].as_data()[0].code == "ascii_digits"
    assert member.errors["monthly_income"].as_data()[0].code == "ascii_digits"
