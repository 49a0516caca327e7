"""The entitlements API: a record, its entitlements (refused by status with the field), the issue run, a batch
printed, a card delivered and replaced, as the API gives them; another district's objects are 404."""

import pytest

from refah.entitlements.models import TravelCard
from refah.entitlements.tests.conftest import MARTYR_TC

pytestmark = pytest.mark.django_db
BASE = "/api/v1/entitlements"


def post(client, url, body=None):
    return client.post(f"{BASE}{url}", body or {}, content_type="application/json")


def test_a_martyrs_sibling_by_api(api_client_for, clerk, family, tuzluca_clerk):
    api = api_client_for(clerk)
    body = {
        "person_id": str(family["sibling"].pk),
        "status": "martyr_sibling",
        "subject_name": "Piyade Er Ahmet Yıldırım",
        "subject_national_id": MARTYR_TC,
        "event_date": "2016-07-15",
        "decision_ref": "ASHB-ŞYGD 2016/4412",
    }
    made = post(api, "/veterans", body)
    assert made.status_code == 201, made.json()
    rid = made.json()["id"]
    refused = post(api, f"/veterans/{rid}/entitlements", {"kind": "free_travel"})
    assert refused.status_code == 400 and refused.json()["errors"][0]["field"] == "kind"
    assert post(api, f"/veterans/{rid}/entitlements", {"kind": "castle"}).status_code == 422
    granted = post(api, f"/veterans/{rid}/entitlements", {"kind": "public_employment"})
    assert granted.status_code == 201 and granted.json()["source"] == "3713 sayılı Kanun md. 21"
    read = api.get(f"{BASE}/veterans/{rid}").json()
    assert [e["kind"] for e in read["entitlements"]] == ["public_employment"]
    assert "free_travel" not in read["entitlements_grantable"]
    assert api.get(f"{BASE}/veterans", {"status": "martyr_sibling"}).json()["count"] == 1
    misspelt = api.get(f"{BASE}/veterans", {"statu": "martyr_sibling"})
    assert misspelt.status_code == 400 and misspelt.json()["errors"][0]["field"] == "statu"
    assert api_client_for(tuzluca_clerk).get(f"{BASE}/veterans/{rid}").status_code == 404
    assert post(api, "/veterans", {**body, "subject_national_id": "12345678901"}).status_code == 400


def test_cards_by_api(api_client_for, supervisor, clerk, travellers):
    boss, counter = api_client_for(supervisor), api_client_for(clerk)
    run = post(boss, "/cards/issue")
    assert run.status_code == 200 and run.json()["cards_requested"] == 4, run.json()
    assert post(counter, "/cards/issue").status_code == 403
    assert post(boss, "/cards/issue", {"district": "TUR999999"}).status_code == 404
    batch = post(boss, "/batches", {"district": "TUR076002"})
    assert batch.status_code == 201 and batch.json()["card_count"] == 4
    bid = batch.json()["id"]
    assert post(boss, f"/batches/{bid}/printed").json()["status"] == "printed"
    card = TravelCard.objects.get(person=travellers["old"])
    listed = counter.get(f"{BASE}/cards", {"status": "printed"}).json()
    assert listed["count"] == 4
    proxy = post(counter, f"/cards/{card.pk}/deliver", {"place": "ptt", "receiver": "proxy"})
    assert proxy.status_code == 400 and proxy.json()["errors"][0]["field"] == "proxy_name"
    done = post(counter, f"/cards/{card.pk}/deliver", {"place": "counter", "receiver": "person"})
    assert done.json()["status"] == "delivered"
    new = post(counter, f"/cards/{card.pk}/replace", {"reason": "lost"})
    assert new.status_code == 201 and new.json()["replaces_id"] == str(card.pk)
    assert post(counter, f"/cards/{card.pk}/replace", {"reason": "lost"}).status_code == 409
    assert counter.get(f"{BASE}/cards/{card.pk}").json()["status"] == "lost"
