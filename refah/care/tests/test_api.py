"""The care API: institutions with occupancy, 409 for a full institution (audited), waiting list with points,
discharge → offer → accept, foster families and crèche quotas; permissions and jurisdiction."""

import json

import pytest
from django.utils import timezone

from refah.audit.actions import AuditAction
from refah.audit.models import AuditEvent
from refah.care.enums import InstitutionKind
from refah.care.tests.factories import InstitutionFactory, alone
from refah.registry.enums import Dependency

pytestmark = pytest.mark.django_db


def _post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


@pytest.fixture
def home(directorate, merkez):
    return InstitutionFactory(kind=InstitutionKind.UMUT_EVI, capacity=1, office=directorate, district=merkez)


def test_place_full_discharge_offer_accept(api_client_for, supervisor, home, merkez):
    client = api_client_for(supervisor)
    first_household, first = alone(merkez, age=40, disability_percent=90)
    body = {"institution_id": str(home.pk), "person_id": str(first.pk), "household_id": str(first_household.pk)}
    placed = _post(client, "/api/v1/care/placements", body)
    assert placed.status_code == 201, placed.content
    second_household, second = alone(merkez, age=40, disability_percent=90, dependency=Dependency.FULL)
    body = {"institution_id": str(home.pk), "person_id": str(second.pk), "household_id": str(second_household.pk)}
    full = _post(client, "/api/v1/care/placements", body)
    assert full.status_code == 409
    assert full.json()["errors"][0]["reason"].startswith(home.name)
    assert AuditEvent.objects.filter(action=AuditAction.CARE_PLACEMENT_REFUSE).count() == 1

    listed = client.get("/api/v1/care/institutions", {"kind": "umut_evi"}).json()
    assert [(i["capacity"], i["occupied"], i["free"]) for i in listed] == [(1, 1, 0)]

    entry = _post(
        client,
        "/api/v1/care/waiting",
        {"person_id": str(second.pk), "household_id": str(second_household.pk), "kind": "umut_evi"},
    )
    assert entry.status_code == 201
    assert entry.json()["points"] == 30 + 30 + 20  # alone, fully dependent, disability of 70 % or more
    waiting = client.get("/api/v1/care/waiting", {"kind": "umut_evi"}).json()
    assert [w["reasons"][0]["code"] for w in waiting] == ["lives_alone"]

    discharged = _post(
        client,
        f"/api/v1/care/placements/{placed.json()['id']}/discharge",
        {"ended_on": timezone.localdate().isoformat(), "reason": "died"},
    )
    assert discharged.status_code == 200
    offered = client.get("/api/v1/care/waiting", {"kind": "umut_evi"}).json()[0]
    assert offered["status"] == "offered" and offered["offered_institution_id"] == str(home.pk)
    accepted = _post(client, f"/api/v1/care/offers/{offered['id']}/accept", {})
    assert accepted.status_code == 201 and accepted.json()["person_id"] == str(second.pk)


def test_capacity_outside_the_bounds_is_a_clear_error(api_client_for, supervisor, directorate, merkez):
    client = api_client_for(supervisor)
    body = {
        "name": "Iğdır Huzurevi",
        "kind": "elderly_home",
        "ownership": "public",
        "mode": "residential",
        "district_pcode": merkez.pcode,
        "capacity": 120,
    }
    refused = _post(client, "/api/v1/care/institutions", body)
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["field"] == "capacity"
    made = _post(client, "/api/v1/care/institutions", {**body, "capacity": 80})
    assert made.status_code == 201 and made.json()["run_by"] == directorate.name


def test_caseworkers_may_list_but_not_place(api_client_for, caseworker, home, merkez):
    client = api_client_for(caseworker)
    assert client.get("/api/v1/care/institutions").status_code == 200
    household, person = alone(merkez, age=40, disability_percent=90)
    body = {"institution_id": str(home.pk), "person_id": str(person.pk), "household_id": str(household.pk)}
    assert _post(client, "/api/v1/care/placements", body).status_code == 403
    assert client.get("/api/v1/care/foster-families").status_code == 403


def test_another_district_sees_nothing(api_client_for, tuzluca_worker, home):
    client = api_client_for(tuzluca_worker)
    assert client.get(f"/api/v1/care/institutions/{home.pk}").status_code == 404
    assert client.get("/api/v1/care/institutions").json() == []


def test_creche_quotas(api_client_for, social_worker, merkez):
    InstitutionFactory(
        kind=InstitutionKind.PRIVATE_CRECHE,
        ownership="private",
        mode="day",
        capacity=67,
        office=None,
        operator_name="Minik Adımlar Ltd.",
        district=merkez,
        name="Minik Adımlar Kreşi",
    )
    quotas = api_client_for(social_worker).get("/api/v1/care/creche-quotas").json()
    # 67 × 3 % = 2.01 → 3 free places
    assert [(q["name"], q["quota"], q["used"], q["free"]) for q in quotas] == [("Minik Adımlar Kreşi", 3, 0, 3)]
