"""The persons API: search, detail, corrections, incomes in TL strings, moving between households."""

import datetime as dt
import json

import pytest

from refah.accounts.enums import Role
from refah.audit.models import AuditEvent
from refah.registry import errors
from refah.registry.models import IncomeSource, Membership
from refah.registry.schemas import SENSITIVE_FIELDS
from refah.registry.tests.factories import IncomeFactory, household_with_members, valid_tc

pytestmark = pytest.mark.django_db

API = "/api/v1/registry"


def send(client, method: str, url: str, body=None):
    if body is None:
        return getattr(client, method)(url)
    return getattr(client, method)(url, data=json.dumps(body), content_type="application/json")


def fields(response) -> dict:
    return {e["field"]: e for e in response.json()["errors"]}


@pytest.fixture
def client(api_client_for, caseworker):
    return api_client_for(caseworker)


@pytest.fixture
def household(merkez):
    return household_with_members(merkez)


@pytest.fixture
def reference(household):
    return household.memberships.get(role="reference").person


def test_search_by_identity_number_and_folded_name(client, reference, household):
    by_tc = send(client, "get", f"{API}/persons?q={reference.national_id}").json()
    assert by_tc["count"] == 1 and by_tc["items"][0]["id"] == str(reference.pk)
    assert by_tc["items"][0]["current_household"]["id"] == str(household.pk)
    assert by_tc["items"][0]["role"] == "reference"
    by_name = send(client, "get", f"{API}/persons?q=mehmet").json()
    assert str(reference.pk) in {p["id"] for p in by_name["items"]}
    assert send(client, "get", f"{API}/persons").status_code == 422


def test_person_detail_with_incomes_as_tl_strings(client, reference):
    IncomeFactory(person=reference, amount_kurus=1_234_567)
    body = send(client, "get", f"{API}/persons/{reference.pk}").json()
    assert body["incomes"][0]["amount"] == "12345.67" and body["incomes"][0]["monthly_equivalent"] == "12345.67"
    assert body["national_id"] == reference.national_id and set(body) >= SENSITIVE_FIELDS


def test_person_detail_hides_sensitive_fields_without_permission(api_client_for, make_staff, office_merkez, reference):
    manager = api_client_for(make_staff(office_merkez, Role.PROGRAM_MANAGER))
    body = send(manager, "get", f"{API}/persons/{reference.pk}").json()
    assert body["id"] == str(reference.pk) and not SENSITIVE_FIELDS & set(body)


def test_unknown_or_malformed_person_id_is_404(client):
    assert send(client, "get", f"{API}/persons/not-a-uuid").status_code == 404
    missing = send(client, "get", f"{API}/persons/00000000-0000-0000-0000-000000000000")
    assert missing.status_code == 404 and missing.json()["detail"] == str(errors.ERR_PERSON_NOT_FOUND)


def test_patch_person_validates_identity_and_audits(client, reference, household):
    url = f"{API}/persons/{reference.pk}"
    bad_tc = send(client, "patch", url, {"national_id": "12345678901"})
    assert bad_tc.status_code == 422 and fields(bad_tc)["national_id"]["reason"]
    unknown = send(client, "patch", url, {"marital_status": "complicated"})
    assert unknown.status_code == 422 and fields(unknown)["marital_status"]["code"] == "enum"
    bad_date = send(client, "patch", url, {"birth_date": "1980-02-30"})
    assert bad_date.status_code == 422 and fields(bad_date)["birth_date"]["code"] == "date_format"
    new_tc = valid_tc()
    ok = send(client, "patch", url, {"national_id": new_tc, "first_name": "  Mehmet   Ali "})
    assert ok.status_code == 200 and ok.json()["first_name"] == "Mehmet Ali"
    row = AuditEvent.objects.get(action="person_update")
    assert row.after["national_id"] == new_tc and row.household_id == household.pk
    other = household.memberships.get(role="spouse").person
    duplicate = send(client, "patch", f"{API}/persons/{other.pk}", {"national_id": new_tc})
    assert fields(duplicate)["national_id"]["reason"] == str(errors.ERR_DUPLICATE_ID)


def test_record_income_money_rules(client, reference):
    url = f"{API}/persons/{reference.pk}/incomes"
    ok = send(client, "post", url, {"kind": "wage", "amount": "12500.00", "start_date": "2025-01-01"})
    assert ok.status_code == 201, ok.content
    assert ok.json()["amount"] == "12500.00" and IncomeSource.objects.get().amount_kurus == 1_250_000
    as_float = send(client, "post", url, {"kind": "wage", "amount": 12500.0, "start_date": "2025-01-01"})
    assert as_float.status_code == 422 and fields(as_float)["amount"]["code"] == "money_float"
    as_text = send(client, "post", url, {"kind": "wage", "amount": "12.500,00", "start_date": "2025-01-01"})
    assert as_text.status_code == 422 and fields(as_text)["amount"]["code"] == "money_format"
    unknown = send(client, "post", url, {"kind": "lottery", "amount": "1.00", "start_date": "2025-01-01"})
    assert unknown.status_code == 422 and fields(unknown)["kind"]["code"] == "enum"
    backwards = send(
        client, "post", url, {"kind": "wage", "amount": "1.00", "start_date": "2025-01-01", "end_date": "2024-01-01"}
    )
    assert backwards.status_code == 422
    assert fields(backwards)["end_date"]["reason"] == str(errors.ERR_END_BEFORE_START)
    assert IncomeSource.objects.count() == 1


def test_move_person_between_households(client, reference, merkez):
    target = household_with_members(merkez, children=0)
    child = reference.memberships.get().household.memberships.filter(role="child").first()
    body = {"to_household_id": str(target.pk), "role": "other", "on_date": "2025-03-01", "reason": "married"}

    moved = send(client, "post", f"{API}/persons/{child.person_id}/move", body)

    assert moved.status_code == 201, moved.content
    assert moved.json()["household_id"] == str(target.pk) and moved.json()["joined_on"] == "2025-03-01"
    child.refresh_from_db()
    assert child.left_on == dt.date(2025, 3, 1) and child.left_reason == "married"
    again = send(client, "post", f"{API}/persons/{child.person_id}/move", body)
    assert again.status_code == 409 and fields(again)["household"]["reason"] == str(errors.ERR_SAME_HOUSEHOLD)


def test_cannot_move_into_or_out_of_another_district(client, api_client_for, other_caseworker, reference, tuzluca):
    theirs = household_with_members(tuzluca, children=0)
    their_person = theirs.memberships.first().person
    body = {"to_household_id": str(theirs.pk), "role": "other", "on_date": "2025-03-01"}
    into = send(client, "post", f"{API}/persons/{reference.pk}/move", body)
    assert into.status_code == 404 and into.json()["detail"] == str(errors.ERR_HOUSEHOLD_NOT_FOUND)
    ours = reference.memberships.get().household
    body = {"to_household_id": str(ours.pk), "role": "other", "on_date": "2025-03-01"}
    out_of = send(api_client_for(other_caseworker), "post", f"{API}/persons/{their_person.pk}/move", body)
    assert out_of.status_code == 404
    assert Membership.objects.filter(person=their_person, left_on__isnull=True, household=theirs).exists()


def test_cannot_add_a_person_of_another_district_by_id(client, reference, tuzluca):
    theirs = household_with_members(tuzluca, children=0)
    left = theirs.memberships.get(role="spouse")
    Membership.objects.filter(pk=left.pk).update(left_on=dt.date(2024, 1, 1))
    url = f"{API}/households/{reference.memberships.get().household_id}/members"
    for person_id in (theirs.memberships.get(role="reference").person_id, left.person_id):
        response = send(client, "post", url, {"role": "other", "person_id": str(person_id)})
        assert response.status_code == 404 and response.json()["detail"] == str(errors.ERR_PERSON_NOT_FOUND)
