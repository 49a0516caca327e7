"""The employment API: the whole path by API calls, the errors as the API gives them."""

import datetime as dt

import pytest
from django.utils import timezone

from refah.employment.models import Sanction
from refah.payments.tests.factories import decision


@pytest.fixture
def api(api_client_for, caseworker):
    return api_client_for(caseworker)


def post(client, url, body):
    return client.post(f"/api/v1/employment{url}", body, content_type="application/json")


def test_the_refusal_path_by_api(api, family, caseworker, office_merkez):
    household, murat, *_ = family
    decision(household, "family_support", office=office_merkez, user=caseworker)
    referral = post(api, "/referrals", {"person_id": str(murat.pk)})
    assert referral.status_code == 201, referral.json()
    rid = referral.json()["id"]
    today = timezone.localdate()
    for _ in range(3):
        made = post(
            api,
            f"/referrals/{rid}/offers",
            {
                "kind": "job",
                "title": "Depo görevlisi",
                "employer": "Aras Lojistik",
                "offered_on": today.isoformat(),
                "answer_by": (today + dt.timedelta(days=5)).isoformat(),
                "monthly_wage_kurus": 2_500_000,
            },
        )
        assert made.status_code == 201, made.json()
        offer_id = made.json()["id"]
        answered = post(api, f"/offers/{offer_id}/answer", {"answer": "refused", "reason": "no_reason"})
        assert answered.json()["validity"] == "pending"
        judged = post(api, f"/offers/{offer_id}/validity", {"valid": False, "justification": "Gerekçesiz."})
        assert judged.status_code == 200
    sanction_id = judged.json()["sanction_id"]
    assert sanction_id == str(Sanction.objects.get().pk)

    sanction = api.get(f"/api/v1/employment/sanctions/{sanction_id}").json()
    assert len(sanction["months"]) == 12 and sanction["months"][0]["share"] == "1/4"
    assert len(sanction["refusal_ids"]) == 3
    panel = api.get(f"/api/v1/employment/households/{household.pk}").json()
    assert panel["sanctions"][0]["id"] == sanction_id
    assert next(m for m in panel["members"] if m["person_id"] == str(murat.pk))["referral_id"] == rid
    history = api.get(f"/api/v1/employment/persons/{murat.pk}").json()
    assert len(history["offers"]) == 3 and history["referrals"][0]["id"] == rid
    detail = api.get(f"/api/v1/employment/referrals/{rid}").json()
    assert len(detail["offers"]) == 3

    objection = post(api, f"/sanctions/{sanction_id}/objection", {"reason": "Teklifleri duymadım."})
    assert objection.status_code == 201 and objection.json()["status"] == "filed"
    assert api.get("/api/v1/employment/followup").json()["referred"] == 1
    listed = api.get("/api/v1/employment/referrals").json()
    assert listed["count"] == 1 and listed["items"][0]["id"] == rid


def test_errors_as_the_api_gives_them(api, family, other_caseworker, api_client_for):
    household, murat, selin, ece, can = family
    child = post(api, "/referrals", {"person_id": str(ece.pk)})
    assert child.status_code == 400 and child.json()["errors"][0]["field"] == "person"
    rid = post(api, "/referrals", {"person_id": str(murat.pk)}).json()["id"]
    late = post(
        api,
        f"/referrals/{rid}/offers",
        {"kind": "job", "title": "X", "employer": "Y", "offered_on": "2026-01-05", "answer_by": "2026-01-10"},
    ).json()["id"]
    refused = post(api, f"/offers/{late}/answer", {"answer": "refused", "reason": "no_reason"})
    assert refused.status_code == 400 and refused.json()["errors"][0]["field"] == "answer"
    assert post(api, f"/offers/{late}/answer", {"answer": "maybe"}).status_code == 422
    outsider = api_client_for(other_caseworker)
    assert outsider.get(f"/api/v1/employment/referrals/{rid}").status_code == 404
    assert outsider.get(f"/api/v1/employment/persons/{murat.pk}").status_code == 404
    reasons = api.get("/api/v1/employment/refusal-reasons").json()
    assert {r["code"] for r in reasons} >= {"health", "care_duty", "distance", "low_wage", "no_reason"}
    assert next(r for r in reasons if r["code"] == "distance")["presumed_valid"] is None
