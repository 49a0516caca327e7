"""Hardened input of the registry API: ASCII money strings only (as the schema says), JSON objects as bodies,
birth dates from 1900 and names without invisible characters; every refusal a 422 naming the field."""

import json

import pytest

from refah.registry.models import Asset, Household, IncomeSource
from refah.registry.schemas.values import _MONEY_PATTERN
from refah.registry.tests.factories import household_with_members, valid_tc

pytestmark = pytest.mark.django_db

API = "/api/v1/registry"
NOT_ASCII = ["٣٥٠٠", "۳۵۰۰", "３５００", "३५००", "3500\n", " 3500", "3\u200b500"]


def send(client, method: str, url: str, body, **headers):
    return getattr(client, method)(url, data=json.dumps(body), content_type="application/json", headers=headers)


def errors_of(response) -> dict:
    assert response.status_code == 422, response.content
    return {e["field"]: e for e in response.json()["errors"]}


@pytest.fixture
def client(api_client_for, caseworker):
    return api_client_for(caseworker)


@pytest.fixture
def household(merkez):
    return household_with_members(merkez)


def new_household(**over) -> dict:
    person = {
        "national_id": valid_tc(),
        "first_name": "Ayşe",
        "last_name": "Yılmaz",
        "birth_date": "1980-02-03",
        "sex": "F",
        "marital_status": "married",
        "employment_status": "homemaker",
    }
    person.update(over.pop("person", {}))
    body = {
        "district": "TUR076002",
        "neighbourhood": "Bağlar",
        "dwelling_type": "apartment",
        "tenure": "tenant",
        "monthly_rent": "4500.00",
        "heating": "stove_coal",
        "members": [{"role": "reference", "person": person}],
    }
    body.update(over)
    return body


# ---------------------------------------------------------------- money


@pytest.mark.parametrize("text", NOT_ASCII)
def test_money_with_other_digits_is_refused_everywhere(client, household, text):
    person = household.memberships.get(role="reference").person
    calls = [
        ("post", f"{API}/persons/{person.pk}/incomes", {"kind": "wage", "amount": text, "start_date": "2024-01-01"}),
        ("post", f"{API}/households/{household.pk}/assets", {"kind": "vehicle", "value": text}),
        ("patch", f"{API}/households/{household.pk}", {"monthly_rent": text}),
        ("post", f"{API}/households", new_household(monthly_rent=text)),
    ]
    for method, url, body in calls:
        field = next(k for k in ("amount", "value", "monthly_rent") if k in body)
        assert errors_of(send(client, method, url, body))[field]["code"] == "money_format", url
    assert not IncomeSource.objects.exists() and not Asset.objects.exists()
    assert Household.objects.count() == 1


@pytest.mark.parametrize("number", [3500, 0, True])
def test_json_numbers_are_refused_as_the_schema_declares_a_string(client, household, number):
    person = household.memberships.get(role="reference").person

    income = send(
        client,
        "post",
        f"{API}/persons/{person.pk}/incomes",
        {"kind": "wage", "amount": number, "start_date": "2024-01-01"},
    )
    asset = send(client, "post", f"{API}/households/{household.pk}/assets", {"kind": "land", "value": number})
    rent = send(client, "patch", f"{API}/households/{household.pk}", {"monthly_rent": number}, Accept_Language="en")

    assert errors_of(income)["amount"]["code"] in {"money_number", "money_float"}
    assert errors_of(asset)["value"]["code"] in {"money_number", "money_float"}
    assert '"12500.00"' in errors_of(rent)["monthly_rent"]["reason"]
    assert not IncomeSource.objects.exists() and not Asset.objects.exists()


def money_specs(node, path=()):
    """Every (path, spec) of the OpenAPI document that describes an amount in TL."""
    if isinstance(node, dict):
        if node.get("pattern") == _MONEY_PATTERN:
            yield path, node
        for key, value in node.items():
            yield from money_specs(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from money_specs(value, (*path, i))


def test_every_money_field_of_the_api_is_declared_a_string_with_ascii_digits(client):
    """Also: the registry's asset and member bodies are documented as themselves (as AssetIn and MemberIn they were
    overwritten in the OpenAPI components by the screener's schemas of the same names, whose money is any string)."""
    document = client.get("/api/v1/openapi.json").json()

    specs = dict(money_specs(document["components"]["schemas"]))

    fields = {(path[0], path[2]) for path in specs}
    assert {
        ("IncomeIn", "amount"),
        ("HouseholdAssetIn", "value"),
        ("HouseholdIn", "monthly_rent"),
        ("HouseholdPatch", "monthly_rent"),
    } <= fields
    assert all(spec["type"] == "string" for spec in specs.values())
    members = document["components"]["schemas"]["HouseholdIn"]["properties"]["members"]["items"]["$ref"]
    assert members == "#/components/schemas/HouseholdMemberIn"
    assert "\\d" not in _MONEY_PATTERN


# ---------------------------------------------------------------- bodies


@pytest.mark.parametrize("body", [[], [{"rooms": 3}], 5, "rooms", None])
def test_patch_with_anything_but_a_json_object_is_422(client, household, body):
    before = Household.objects.values().get(pk=household.pk)
    person = household.memberships.get(role="reference").person

    for url in (f"{API}/households/{household.pk}", f"{API}/persons/{person.pk}"):
        response = send(client, "patch", url, body, Accept_Language="en")
        (item,) = response.json()["errors"] if response.status_code == 422 else [None]
        assert response.status_code == 422, (url, response.content)
        assert item["code"] == "object_type"
        assert item["reason"] == "The request body must be a JSON object, not an array or a single value."

    assert Household.objects.values().get(pk=household.pk) == before


def test_array_body_error_is_in_turkish_too(client, household):
    response = send(client, "patch", f"{API}/households/{household.pk}", [], Accept_Language="tr")

    assert response.status_code == 422
    assert response.json()["errors"][0]["reason"] == (
        "İstek gövdesi bir JSON nesnesi olmalı; dizi ya da tek bir değer olamaz."
    )


def test_an_object_patch_still_works(client, household):
    response = send(client, "patch", f"{API}/households/{household.pk}", {"rooms": 4})

    assert response.status_code == 200 and response.json()["rooms"] == 4


# ---------------------------------------------------------------- birth dates and names


def test_birth_date_of_1800_is_422_with_the_reason(client):
    response = send(client, "post", f"{API}/households", new_household(person={"birth_date": "1800-01-01"}))

    assert errors_of(response)["birth_date"]["reason"] == "Doğum tarihi 1 Ocak 1900'den önce olamaz."
    assert not Household.objects.exists()


def test_person_patch_with_birth_date_1800_is_422_in_english(client, household):
    person = household.memberships.get(role="reference").person

    response = send(client, "patch", f"{API}/persons/{person.pk}", {"birth_date": "1800-01-01"}, Accept_Language="en")

    assert errors_of(response)["birth_date"]["reason"] == "The birth date cannot be before 1 January 1900."


def test_name_with_a_right_to_left_override_is_422_naming_the_field(client, household):
    person = household.memberships.get(role="reference").person

    response = send(client, "patch", f"{API}/persons/{person.pk}", {"first_name": "Ali\u202eQO"}, Accept_Language="en")

    reason = errors_of(response)["first_name"]["reason"]
    assert reason.startswith("First name contains an invisible or direction-changing character (U+202E)")
    person.refresh_from_db()
    assert person.first_name == "Mehmet"


def test_address_with_a_zero_width_space_is_422(client, household):
    response = send(client, "patch", f"{API}/households/{household.pk}", {"address_line": "Atatürk\u200bCd."})

    assert "U+200B" in errors_of(response)["address_line"]["reason"]
