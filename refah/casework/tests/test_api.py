"""The casework API: referral create (with an Idempotency-Key), list, read and its steps; SHM cases; group
programmes with a full one answering 409; the analysts' counts; documented errors (422 with the field, 404 for
another district)."""

import datetime as dt

import pytest
from django.utils import timezone

from refah.accounts.enums import Role
from refah.casework.enums import ProgrammeKind
from refah.casework.models import Referral, SocialCase
from refah.casework.services import programme_create

pytestmark = pytest.mark.django_db


def _post(client, url, body, **headers):
    return client.post(f"/api/v1/casework{url}", body, content_type="application/json", headers=headers)


def test_referral_create_is_idempotent_and_worked_through_the_api(
    api_client_for, referrer, worker, household, counselling
):
    client = api_client_for(referrer)
    body = {"household_id": str(household.pk), "kind": "family_counselling", "reason": "Aile içi iletişim."}
    first = _post(client, "/referrals", body, **{"Idempotency-Key": "k-1"})
    assert first.status_code == 201, first.content
    again = _post(client, "/referrals", body, **{"Idempotency-Key": "k-1"})
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    other = _post(client, "/referrals", {**body, "reason": "Başka."}, **{"Idempotency-Key": "k-1"})
    assert other.status_code == 409
    assert Referral.objects.count() == 1
    referral_id = first.json()["id"]
    shm = api_client_for(worker)
    assert _post(shm, f"/referrals/{referral_id}/accept", {}).json()["status"] == "accepted"
    assert _post(shm, f"/referrals/{referral_id}/start", {}).json()["status"] == "in_progress"
    assert _post(shm, f"/referrals/{referral_id}/done", {"outcome": ""}).status_code == 422
    assert _post(shm, f"/referrals/{referral_id}/done", {"outcome": "Tamam."}).json()["status"] == "done"
    detail = shm.get(f"/api/v1/casework/referrals/{referral_id}").json()
    assert [s["to_status"] for s in detail["steps"]] == ["open", "accepted", "in_progress", "done"]
    assert _post(shm, f"/referrals/{referral_id}/decline", {"reason": "x"}).status_code == 409
    listed = shm.get("/api/v1/casework/referrals?scope=mine").json()
    assert listed["count"] == 1


def test_bad_input_and_other_districts(api_client_for, referrer, tuzluca_worker, household, counselling):
    client = api_client_for(referrer)
    unknown = _post(client, "/referrals", {"household_id": str(household.pk), "kind": "housing", "reason": "x"})
    assert unknown.status_code == 400 and unknown.json()["errors"][0]["field"] == "service"
    empty = _post(client, "/referrals", {"household_id": str(household.pk), "kind": "family_counselling", "reason": ""})
    assert empty.status_code == 422
    far = _post(
        api_client_for(tuzluca_worker),
        "/referrals",
        {"household_id": str(household.pk), "kind": "health", "reason": "x"},
    )
    assert far.status_code == 404
    assert not Referral.objects.exists()


def test_cases_through_the_api(api_client_for, worker, household, referral, tuzluca_worker):
    client = api_client_for(worker)
    person = household.memberships.current().first().person
    body = {"household_id": str(household.pk), "person_ids": [str(person.pk)], "reason": "Danışmanlık."}
    created = _post(client, "/cases", {**body, "referral_id": str(referral.pk)})
    assert created.status_code == 201, created.content
    case_id = created.json()["id"]
    at = (timezone.now() - dt.timedelta(hours=2)).isoformat()
    session = _post(client, f"/cases/{case_id}/sessions", {"kind": "home_visit", "scheduled_at": at, "status": "held"})
    assert session.status_code == 400 and session.json()["errors"][0]["field"] == "notes"
    naive = _post(client, f"/cases/{case_id}/sessions", {"kind": "home_visit", "scheduled_at": "2026-01-01T10:00:00"})
    assert naive.status_code == 422
    held = {"kind": "home_visit", "scheduled_at": at, "status": "held", "notes": "Ev ziyareti yapıldı."}
    assert _post(client, f"/cases/{case_id}/sessions", held).status_code == 201
    plan = client.put(
        f"/api/v1/casework/cases/{case_id}/plan",
        {"summary": "Plan", "review_on": timezone.localdate().isoformat()},
        content_type="application/json",
    )
    assert plan.status_code == 409  # not assessed yet
    read = client.get(f"/api/v1/casework/cases/{case_id}").json()
    assert read["sessions"][0]["notes"] == "Ev ziyareti yapıldı."
    assert api_client_for(tuzluca_worker).get(f"/api/v1/casework/cases/{case_id}").status_code == 404
    closed = _post(client, f"/cases/{case_id}/close", {"outcome": "no_need", "note": "İhtiyaç yok."})
    assert closed.json()["status"] == "closed"
    assert SocialCase.objects.get(pk=case_id).closed_on is not None


def test_programmes_enrol_full_and_counts(api_client_for, worker, household, make_staff, office_shm):
    today = timezone.localdate()
    programme = programme_create(
        actor=worker,
        kind=ProgrammeKind.PRE_MARRIAGE,
        title="Evlilik öncesi eğitim",
        starts_on=today,
        ends_on=today,
        capacity=1,
        sessions=[(today, "Tanışma")],
    )
    client = api_client_for(worker)
    first, second = [m.person for m in household.memberships.current()][:2]
    ok = _post(client, f"/programmes/{programme.pk}/enrolments", {"person_id": str(first.pk)})
    assert ok.status_code == 201
    full = _post(client, f"/programmes/{programme.pk}/enrolments", {"person_id": str(second.pk)})
    assert full.status_code == 409
    session = programme.sessions.get()
    marks = {"marks": {ok.json()["id"]: "present"}}
    assert _post(client, f"/programmes/sessions/{session.pk}/attendance", marks).json() == {"recorded": 1}
    listed = client.get("/api/v1/casework/programmes").json()
    assert listed["items"][0]["enrolled"] == 1
    analyst = api_client_for(make_staff(office_shm, Role.ANALYST))
    counts = analyst.get("/api/v1/casework/counts").json()
    assert counts["enrolments"] == 1 and counts["programmes"] == 1
    assert analyst.get("/api/v1/casework/cases").status_code == 403
