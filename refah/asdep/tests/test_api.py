"""The API: plan a round, the team's visits, record with an Idempotency-Key (201, then 200 for the same request,
409 for another), field errors (422) with nothing stored, proposals, risk profile, another district's 404."""

import pytest
from django.utils import timezone

from refah.accounts.enums import Role
from refah.asdep.models import Visit
from refah.asdep.tests.conftest import all_no, elderly_alone, plan
from refah.casework.models import Referral

pytestmark = pytest.mark.django_db


@pytest.fixture
def visit(office_merkez, planner, workers, baglar):
    household = elderly_alone(baglar)
    return plan(planner, office_merkez, [baglar], [workers]).visits.get(household=household)


def test_plan_through_the_api(api_client_for, planner, workers, baglar, office_merkez):
    elderly_alone(baglar)
    today = timezone.localdate().isoformat()
    body = {"neighbourhood_ids": [baglar.pk], "teams": [[w.pk for w in workers]], "starts_on": today, "ends_on": today}
    answer = api_client_for(planner).post("/api/v1/asdep/rounds", body, content_type="application/json")
    assert answer.status_code == 201, answer.content
    data = answer.json()
    assert data["visits"] == 1 and data["teams"][0]["member_ids"] == sorted(w.pk for w in workers)
    listed = api_client_for(workers[0]).get("/api/v1/asdep/rounds").json()
    assert listed["count"] == 1
    refused = api_client_for(workers[0]).post("/api/v1/asdep/rounds", body, content_type="application/json")
    assert refused.status_code == 403


def test_record_idempotent_with_field_errors(api_client_for, visit, workers, catalogue):
    client = api_client_for(workers[0])
    mine = client.get("/api/v1/asdep/visits").json()
    assert [v["id"] for v in mine["items"]] == [str(visit.pk)]
    url = f"/api/v1/asdep/visits/{visit.pk}/record"
    person = visit.household.memberships.get().person
    body = {
        "outcome": "visited",
        "answers": all_no(elderly_alone="yes", elderly_daily_help="yes"),
        "risks": {"elderly_care": {"severity": "high", "person_id": str(person.pk)}},
    }
    bad = client.post(url, body | {"risks": {}}, content_type="application/json", headers={"Idempotency-Key": "a"})
    assert bad.status_code == 422
    assert [e["field"] for e in bad.json()["errors"]] == ["risks.elderly_care.severity"]
    assert not Referral.objects.exists() and not Visit.objects.get(pk=visit.pk).outcome
    first = client.post(url, body, content_type="application/json", headers={"Idempotency-Key": "k"})
    assert first.status_code == 201, first.content
    risk = first.json()["risks"][0]
    assert risk["area"] == "elderly_care" and len(risk["referral_ids"]) == 1
    again = client.post(url, body, content_type="application/json", headers={"Idempotency-Key": "k"})
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    other = client.post(url, body | {"note": "x"}, content_type="application/json", headers={"Idempotency-Key": "k"})
    assert other.status_code == 409
    assert Referral.objects.count() == 1
    profile = api_client_for(workers[1]).get(f"/api/v1/asdep/households/{visit.household_id}/risk-profile").json()
    assert profile["visits"][0]["risks"] == [{"area": "elderly_care", "severity": "high"}]


def test_other_district_and_proposals(api_client_for, make_staff, office_tuzluca, planner, visit):
    stranger = api_client_for(make_staff(office_tuzluca, Role.SUPERVISOR))
    assert stranger.get(f"/api/v1/asdep/visits/{visit.pk}").status_code == 404
    assert stranger.get(f"/api/v1/asdep/rounds/{visit.round_id}").status_code == 404
    assert stranger.get("/api/v1/asdep/proposals").json()["count"] == 0
    checklist = api_client_for(planner).get("/api/v1/asdep/checklist").json()
    assert {a["code"] for a in checklist} >= {"health", "violence", "psychosocial"}
    assert next(a for a in checklist if a["code"] == "violence")["sealed"] is True
