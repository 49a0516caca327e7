"""The households API: jurisdiction, errors with field and reason, money, history, audit, OpenAPI."""

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import translation

from refah.accounts.enums import Role
from refah.audit.models import AuditEvent
from refah.registry import errors
from refah.registry.errors import ERR_MEMBERSHIP_NOT_FOUND
from refah.registry.models import Asset, Household, Membership
from refah.registry.schemas import SENSITIVE_FIELDS
from refah.registry.tests.factories import IncomeFactory, MembershipFactory, household_with_members, valid_tc

pytestmark = pytest.mark.django_db

API = "/api/v1/registry"


def person(**over) -> dict:
    data = {
        "national_id": valid_tc(),
        "first_name": "Ayşe",
        "last_name": "Yılmaz",
        "birth_date": "1980-02-03",
        "sex": "F",
        "marital_status": "married",
        "employment_status": "homemaker",
    }
    data.update(over)
    return data


def household_body(**over) -> dict:
    data = {
        "district": "TUR076002",
        "neighbourhood": "Bağlar Mah.",
        "address_line": "Atatürk Cd. 12/3",
        "dwelling_type": "apartment",
        "tenure": "tenant",
        "monthly_rent": "4500.00",
        "heating": "stove_coal",
        "members": [
            {"role": "reference", "person": person(first_name="Şükrü", sex="M")},
            {"role": "spouse", "person": person()},
        ],
    }
    data.update(over)
    return data


def send(client: Client, method: str, url: str, body=None, **headers):
    kwargs = {"headers": headers} if headers else {}
    if body is None:
        return getattr(client, method)(url, **kwargs)
    return getattr(client, method)(url, data=json.dumps(body), content_type="application/json", **kwargs)


def fields(response) -> dict:
    body = response.json()
    assert set(body) == {"detail", "errors"}
    return {e["field"]: e for e in body["errors"]}


@pytest.fixture
def client(api_client_for, caseworker):
    return api_client_for(caseworker)


@pytest.fixture
def merkez_household(merkez):
    return household_with_members(merkez)


# ---------------------------------------------------------------- jurisdiction


def _endpoints(hh, person_id, membership_id):
    """Every household/person/membership endpoint, aimed at a Merkez object."""
    return [
        ("get", f"/households/{hh}", None),
        ("get", f"/households/{hh}?on=2021-01-01", None),
        ("patch", f"/households/{hh}", {"rooms": 5}),
        ("get", f"/households/{hh}/history", None),
        ("get", f"/households/{hh}/audit", None),
        ("post", f"/households/{hh}/members", {"role": "child", "person": person()}),
        ("post", f"/households/{hh}/assets", {"kind": "vehicle", "value": "250000.00"}),
        ("post", f"/memberships/{membership_id}/end", {"left_on": "2024-01-01", "reason": "moved"}),
        ("get", f"/persons/{person_id}", None),
        ("patch", f"/persons/{person_id}", {"phone": "05551234567"}),
        ("post", f"/persons/{person_id}/incomes", {"kind": "wage", "amount": "1000.00", "start_date": "2024-01-01"}),
        ("post", f"/persons/{person_id}/move", {"to_household_id": str(hh), "role": "other", "on_date": "2024-01-01"}),
    ]


ENDPOINT_IDS = [f"{m} {u.split('/')[1]}/{'/'.join(u.split('/')[3:])}" for m, u, _ in _endpoints("h", "p", "m")]


@pytest.mark.parametrize("index", range(len(ENDPOINT_IDS)), ids=ENDPOINT_IDS)
def test_other_district_gets_404_like_a_wrong_id(index, api_client_for, other_caseworker, merkez_household):
    membership = merkez_household.memberships.select_related("person").first()
    method, url, body = _endpoints(merkez_household.pk, membership.person_id, membership.pk)[index]
    client = api_client_for(other_caseworker)
    audit_rows = AuditEvent.objects.count()

    foreign = send(client, method, API + url, body)
    wrong = send(
        client, method, API + url.replace(str(merkez_household.pk), "00000000-0000-0000-0000-000000000000"), body
    )

    assert foreign.status_code == 404, foreign.content
    assert foreign.json()["detail"] in {
        str(errors.ERR_HOUSEHOLD_NOT_FOUND),
        str(errors.ERR_PERSON_NOT_FOUND),
        str(ERR_MEMBERSHIP_NOT_FOUND),
    }
    if str(merkez_household.pk) in url:
        assert wrong.status_code == 404 and wrong.json() == foreign.json()
    assert AuditEvent.objects.count() == audit_rows
    assert Household.objects.get(pk=merkez_household.pk).rooms == 2


def test_list_endpoints_never_include_other_districts(api_client_for, other_caseworker, tuzluca, merkez_household):
    own = household_with_members(tuzluca, children=0)
    client = api_client_for(other_caseworker)
    listed = send(client, "get", f"{API}/households?page_size=200").json()
    assert [h["id"] for h in listed["items"]] == [str(own.pk)] and listed["count"] == 1
    by_filter = send(client, "get", f"{API}/households?district=TUR076002").json()
    assert by_filter["count"] == 0 and by_filter["items"] == []
    merkez_person = merkez_household.memberships.first().person
    for q in (merkez_person.national_id, merkez_person.last_name, "Mehmet"):
        found = send(client, "get", f"{API}/persons?q={q}").json()
        assert str(merkez_person.pk) not in {p["id"] for p in found["items"]}


def test_cannot_register_in_another_district(api_client_for, other_caseworker):
    response = send(api_client_for(other_caseworker), "post", f"{API}/households", household_body())
    assert response.status_code == 403
    assert fields(response)["district"]["reason"] == str(errors.ERR_OUTSIDE_JURISDICTION)
    assert Household.objects.count() == 0


# ---------------------------------------------------------------- permissions


def test_without_view_permission_403(api_client_for, make_staff, office_merkez, merkez_household):
    nobody = make_staff(office_merkez, Role.FINANCE)
    nobody.groups.clear()
    response = send(api_client_for(nobody), "get", f"{API}/households/{merkez_household.pk}")
    assert response.status_code == 403
    assert response.json()["detail"] == str(errors.ERR_NO_PERMISSION)


def test_read_only_role_cannot_write_403(api_client_for, make_staff, office_merkez, merkez_household):
    analyst = api_client_for(make_staff(office_merkez, Role.ANALYST))
    assert send(analyst, "get", f"{API}/households/{merkez_household.pk}").status_code == 200
    assert send(analyst, "patch", f"{API}/households/{merkez_household.pk}", {"rooms": 4}).status_code == 403
    assert send(analyst, "post", f"{API}/households", household_body()).status_code == 403


# ---------------------------------------------------------------- register, read, change


def test_register_household_with_request_id_in_audit(client, caseworker):
    response = send(client, "post", f"{API}/households", household_body(), X_Request_ID="req-abc-123")

    assert response.status_code == 201, response.content
    assert response["X-Request-ID"] == "req-abc-123"
    body = response.json()
    assert body["monthly_rent"] == "4500.00" and body["neighbourhood"] == "BAĞLAR MAH."
    assert body["district"]["pcode"] == "TUR076002"
    assert [(m["role"], m["person"]["first_name"]) for m in body["members"]] == [
        ("reference", "Şükrü"),
        ("spouse", "Ayşe"),
    ]
    rows = AuditEvent.objects.filter(household_id=body["id"])
    assert rows.count() == 5
    assert set(rows.values_list("request_id", flat=True)) == {"req-abc-123"}
    assert set(rows.values_list("actor", flat=True)) == {caseworker.pk}


def test_register_with_existing_person_who_left_a_household(client, caseworker, merkez_household):
    leaver = merkez_household.memberships.get(role="spouse")
    Membership.objects.filter(pk=leaver.pk).update(left_on=dt.date(2023, 1, 1), left_reason="divorce")
    body = household_body(members=[{"role": "reference", "person_id": str(leaver.person_id)}])
    response = send(client, "post", f"{API}/households", body)
    assert response.status_code == 201, response.content
    assert response.json()["members"][0]["person"]["id"] == str(leaver.person_id)


def test_register_current_member_elsewhere_is_409(client, merkez_household):
    member = merkez_household.memberships.get(role="spouse")
    body = household_body(members=[{"role": "reference", "person_id": str(member.person_id)}])
    response = send(client, "post", f"{API}/households", body)
    assert response.status_code == 409
    assert fields(response)["person"]["reason"] == str(errors.ERR_ALREADY_MEMBER)
    assert Household.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"members": [{"role": "reference", "person": person(national_id="12345678901")}]}, "national_id", "invalid"),
        ({"members": [{"role": "reference", "person": person(birth_date="1980-02-30")}]}, None, "date_format"),
        ({"members": [{"role": "reference", "person": person(birth_date="03.02.1980")}]}, None, "date_format"),
        ({"members": [{"role": "reference", "person": person(sex="X")}]}, "members.0.person.sex", "enum"),
        ({"monthly_rent": 4500.5}, "monthly_rent", "money_float"),
        ({"monthly_rent": "4500.505"}, "monthly_rent", "money_format"),
        ({"monthly_rent": "-1"}, "monthly_rent", "money_format"),
        ({"tenure": "squatter"}, "tenure", "enum"),
        ({"district": "TUR999999"}, "district", "invalid"),
        ({"tenure": "owner"}, "monthly_rent", "invalid"),
        ({"members": [{"role": "spouse", "person": person()}]}, "members", "invalid"),
        ({"members": [{"role": "reference"}]}, "members.0", "person_xor_id"),
    ],
)
def test_bad_input_is_422_with_field_and_reason(client, change, field, code):
    response = send(client, "post", f"{API}/households", household_body(**change))

    assert response.status_code == 422, response.content
    items = response.json()["errors"]
    if field is None:
        field = "members.0.person.birth_date"
    assert any(e["field"] == field and e["code"] == code and e["reason"] for e in items), items
    assert Household.objects.count() == 0


def test_float_money_error_explains_strings(client):
    response = send(client, "post", f"{API}/households", household_body(monthly_rent=4500.5))
    assert '"12500.00"' in fields(response)["monthly_rent"]["reason"]


def test_whole_number_money_is_refused_because_the_schema_says_string(client):
    """Issue 11: a JSON integer was taken although OpenAPI declares a string; the schema and the behaviour agree."""
    response = send(client, "post", f"{API}/households", household_body(monthly_rent=4500))
    assert response.status_code == 422
    assert fields(response)["monthly_rent"]["code"] == "money_number"
    assert '"12500.00"' in fields(response)["monthly_rent"]["reason"]
    assert not Household.objects.exists()
    response = send(client, "post", f"{API}/households", household_body(monthly_rent="4500"))
    assert response.status_code == 201 and response.json()["monthly_rent"] == "4500.00"
    assert Household.objects.get().monthly_rent_kurus == 450_000


def test_errors_follow_accept_language(client, merkez_household):
    url = f"{API}/households/00000000-0000-0000-0000-000000000000"
    en = send(client, "get", url, Accept_Language="en")
    tr = send(client, "get", url)
    assert en["Content-Language"] == "en" and tr["Content-Language"] == "tr"
    for response, lang in ((en, "en"), (tr, "tr")):
        with translation.override(lang):
            assert response.json()["detail"] == str(errors.ERR_HOUSEHOLD_NOT_FOUND)


def test_detail_members_ages_incomes_assets(client, merkez_household):
    reference = merkez_household.memberships.get(role="reference").person
    IncomeFactory(person=reference, amount_kurus=1_250_000)
    IncomeFactory(person=reference, amount_kurus=12_000_000, period="yearly", kind="agriculture")
    Asset.objects.create(household=merkez_household, kind="vehicle", value_kurus=35_000_000, source="egm")

    body = send(client, "get", f"{API}/households/{merkez_household.pk}").json()

    assert len(body["members"]) == 4
    child = next(m for m in body["members"] if m["person"]["birth_date"] == "2015-03-01")
    today = dt.date.today()
    assert child["age"] == today.year - 2015 - ((today.month, today.day) < (3, 1))
    assert sorted(i["amount"] for i in body["incomes"]) == ["120000.00", "12500.00"]
    # 12,500.00 a month + 120,000.00 a year / 12 = 10,000.00 → 22,500.00 a month
    assert body["monthly_income_total"] == "22500.00"
    assert body["assets"][0] == {**body["assets"][0], "kind": "vehicle", "value": "350000.00", "source": "egm"}


def test_on_date_gives_past_composition_and_history_keeps_everyone(client, caseworker, merkez_household):
    spouse = merkez_household.memberships.get(role="spouse")
    response = send(client, "post", f"{API}/memberships/{spouse.pk}/end", {"left_on": "2023-06-30", "reason": "died"})
    assert response.status_code == 200 and response.json()["left_on"] == "2023-06-30"
    newborn = MembershipFactory(household=merkez_household, role="child", joined_on=dt.date(2024, 2, 1))

    past = send(client, "get", f"{API}/households/{merkez_household.pk}?on=2023-01-01").json()
    now = send(client, "get", f"{API}/households/{merkez_household.pk}").json()
    history = send(client, "get", f"{API}/households/{merkez_household.pk}/history").json()

    past_ids = {m["id"] for m in past["members"]}
    assert past["on"] == "2023-01-01" and str(spouse.pk) in past_ids and str(newborn.pk) not in past_ids
    now_ids = {m["id"] for m in now["members"]}
    assert str(spouse.pk) not in now_ids and str(newborn.pk) in now_ids
    assert len(history) == 5
    ended = next(m for m in history if m["id"] == str(spouse.pk))
    assert ended["left_on"] == "2023-06-30" and ended["left_reason"] == "died"
    again = send(client, "post", f"{API}/memberships/{spouse.pk}/end", {"left_on": "2023-07-01", "reason": "x"})
    assert again.status_code == 409


def test_bad_on_date_is_422(client, merkez_household):
    response = send(client, "get", f"{API}/households/{merkez_household.pk}?on=2024-13-01")
    assert response.status_code == 422 and fields(response)["on"]["code"] == "date_format"


def test_patch_household_changes_only_what_was_sent(client, merkez_household):
    url = f"{API}/households/{merkez_household.pk}"
    response = send(client, "patch", url, {"tenure": "tenant", "monthly_rent": "3000.00", "neighbourhood": "Yeni"})
    assert response.status_code == 200, response.content
    merkez_household.refresh_from_db()
    assert merkez_household.monthly_rent_kurus == 300_000 and merkez_household.heating == "stove_coal"
    assert response.json()["neighbourhood"] == "YENİ"
    rent_for_owner = send(client, "patch", url, {"tenure": "owner"})
    assert rent_for_owner.status_code == 422
    assert fields(rent_for_owner)["monthly_rent"]["reason"] == str(errors.ERR_RENT_NOT_TENANT)
    outside = send(client, "patch", url, {"district": "TUR076004"})
    assert outside.status_code == 403


def test_add_members_new_and_existing(client, merkez_household, merkez):
    url = f"{API}/households/{merkez_household.pk}/members"
    new = send(client, "post", url, {"role": "parent", "person": person(birth_date="1950-01-01")})
    assert new.status_code == 201, new.content
    second_reference = send(client, "post", url, {"role": "reference", "person": person()})
    assert second_reference.status_code == 409
    assert fields(second_reference)["role"]["reason"] == str(errors.ERR_SECOND_REFERENCE)
    other = household_with_members(merkez, children=0)
    existing = other.memberships.get(role="spouse").person_id
    assert send(client, "post", url, {"role": "other", "person_id": str(existing)}).status_code == 409


def test_assets_money_and_owner(client, merkez_household, merkez):
    url = f"{API}/households/{merkez_household.pk}/assets"
    owner = merkez_household.memberships.get(role="reference").person_id
    response = send(client, "post", url, {"kind": "land", "value": "125000.5", "owner_id": str(owner)})
    assert response.status_code == 201 and response.json()["value"] == "125000.50"
    assert Asset.objects.get().value_kurus == 12_500_050
    stranger = household_with_members(merkez, children=0).memberships.first().person_id
    bad_owner = send(client, "post", url, {"kind": "land", "value": "1.00", "owner_id": str(stranger)})
    assert bad_owner.status_code == 422 and "owner_id" in fields(bad_owner)
    assert send(client, "post", url, {"kind": "land", "value": 1.5}).status_code == 422


def test_list_pagination_and_filters(client, merkez, tuzluca):
    for _ in range(5):
        household_with_members(merkez, children=0)
    url = f"{API}/households?page_size=2"
    first = send(client, "get", url).json()
    assert first["count"] == 5 and first["page"] == 1 and len(first["items"]) == 2
    assert first["next"].endswith("page_size=2&page=2") and first["items"][0]["size"] == 2
    second = send(client, "get", first["next"]).json()
    assert second["page"] == 2 and not {h["id"] for h in second["items"]} & {h["id"] for h in first["items"]}
    last = send(client, "get", f"{url}&page=3").json()
    assert len(last["items"]) == 1 and last["next"] is None
    beyond = send(client, "get", f"{url}&page=9").json()
    assert beyond["items"] == [] and beyond["count"] == 5
    assert send(client, "get", f"{API}/households?neighbourhood=baglar").json()["count"] == 5
    assert send(client, "get", f"{API}/households?neighbourhood=nowhere").json()["count"] == 0
    too_big = send(client, "get", f"{API}/households?page_size=201")
    assert too_big.status_code == 422 and "page_size" in fields(too_big)


def test_list_and_detail_queries_do_not_grow(client, merkez, django_assert_max_num_queries):
    for _ in range(30):
        household_with_members(merkez)
    hh = Household.objects.first()
    for member in hh.memberships.all():
        IncomeFactory(person=member.person)
    send(client, "get", f"{API}/households")  # token's last_used_at written once
    with django_assert_max_num_queries(6):
        assert len(send(client, "get", f"{API}/households?page_size=200").json()["items"]) == 30
    with django_assert_max_num_queries(9):
        assert len(send(client, "get", f"{API}/households/{hh.pk}").json()["incomes"]) == 4


# ---------------------------------------------------------------- sensitive data and audit


def test_sensitive_fields_only_with_permission(api_client_for, make_staff, office_merkez, merkez_household):
    url = f"{API}/households/{merkez_household.pk}"
    with_perm = send(api_client_for(make_staff(office_merkez, Role.CASEWORKER)), "get", url).json()
    without = send(api_client_for(make_staff(office_merkez, Role.PROGRAM_MANAGER)), "get", url).json()
    assert set(with_perm["members"][0]["person"]) >= SENSITIVE_FIELDS
    assert not SENSITIVE_FIELDS & set(without["members"][0]["person"])
    assert "national_id" in without["members"][0]["person"]


def test_audit_trail_details_for_auditors_only(client, api_client_for, make_staff, office_merkez):
    created = send(client, "post", f"{API}/households", household_body()).json()
    person_id = created["members"][0]["person"]["id"]
    send(client, "patch", f"{API}/persons/{person_id}", {"disability_percent": 40, "phone": "05550000000"})
    url = f"{API}/households/{created['id']}/audit"

    auditor = send(api_client_for(make_staff(office_merkez, Role.AUDITOR)), "get", url).json()
    manager = send(api_client_for(make_staff(office_merkez, Role.PROGRAM_MANAGER)), "get", url).json()

    assert len(auditor) == len(manager) == 6
    assert auditor[0]["action"] == "person_update" and auditor[0]["after"]["disability_percent"] == 40
    assert auditor[0]["changed"] == ["disability_percent", "phone"]
    assert manager[0]["changed"] == ["phone"]
    assert not {"before", "after", "note"} & set(manager[0])


# ---------------------------------------------------------------- OpenAPI


def test_openapi_lists_every_path_and_documents_errors(client):
    schema = Client().get("/api/v1/openapi.json").json()
    paths = set(schema["paths"])
    expected = {
        "/api/v1/me",
        f"{API}/households",
        f"{API}/households/{{household_id}}",
        f"{API}/households/{{household_id}}/history",
        f"{API}/households/{{household_id}}/audit",
        f"{API}/households/{{household_id}}/members",
        f"{API}/households/{{household_id}}/assets",
        f"{API}/memberships/{{membership_id}}/end",
        f"{API}/persons",
        f"{API}/persons/{{person_id}}",
        f"{API}/persons/{{person_id}}/move",
        f"{API}/persons/{{person_id}}/incomes",
    }
    assert expected <= paths
    post = schema["paths"][f"{API}/households"]["post"]
    assert {"201", "401", "403", "404", "409", "422"} <= set(post["responses"])
    error = schema["components"]["schemas"]["ErrorItem"]
    assert {"field", "reason", "code"} <= set(error["properties"])
    assert schema["components"]["schemas"]["Tenure"]["enum"] == ["owner", "tenant", "rent_free", "public", "other"]
    assert schema["components"]["schemas"]["HouseholdIn"]["properties"]["monthly_rent"]["type"] == "string"
    assert Client().get("/api/docs").url == "/api/v1/docs"
    assert Client().get("/api/v1/docs").status_code == 200
