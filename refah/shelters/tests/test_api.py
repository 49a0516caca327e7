"""The sealed API: named staff list, read and open cases, add notes, place in and end shelter stays; anyone else
gets 404 for a case (like a wrong id) and an empty list; no answer carries the address."""

import json

import pytest

from refah.shelters.models import ShelterStay
from refah.shelters.tests.conftest import ADDRESS

pytestmark = pytest.mark.django_db


def _post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_named_staff_through_the_api(sealed, case, api_client_for):
    client = api_client_for(sealed.worker)
    listed = client.get("/api/v1/shelters/cases").json()
    assert listed["count"] == 1 and listed["items"][0]["reference"] == case.reference
    opened = _post(
        client,
        f"/api/v1/shelters/units/{sealed.sonim.pk}/cases",
        {"source": "alo_183", "reason": "Gece arama", "person_label": "Hatice"},
    )
    assert opened.status_code == 201 and opened.json()["person_name"] == "Hatice"
    note = _post(client, f"/api/v1/shelters/cases/{case.pk}/notes", {"text": "Telefon görüşmesi"})
    assert note.status_code == 201
    stay = _post(
        client, f"/api/v1/shelters/cases/{case.pk}/stays", {"shelter_id": str(sealed.shelter.pk), "children": 2}
    )
    assert stay.status_code == 201 and stay.json()["shelter_name"] == sealed.shelter.name
    full = _post(client, f"/api/v1/shelters/cases/{opened.json()['id']}/stays", {"shelter_id": str(sealed.shelter.pk)})
    assert full.status_code == 409 and full.json()["errors"][0]["field"] == "shelter"
    read = client.get(f"/api/v1/shelters/cases/{case.pk}")
    assert read.status_code == 200 and read.json()["notes"][0]["text"] == "Telefon görüşmesi"
    assert ADDRESS not in read.content.decode()
    ended = _post(client, f"/api/v1/shelters/stays/{stay.json()['id']}/end", {})
    assert ended.status_code == 200 and ended.json()["ended_on"]
    assert not ShelterStay.objects.filter(ended_on__isnull=True).exists()


def test_everyone_else_gets_404_and_an_empty_list(sealed, case, api_client_for):
    stay = ShelterStay.objects.create(
        case=case, shelter=sealed.shelter, started_on=case.opened_on, placed_by=sealed.worker
    )
    for user in (sealed.supervisor, sealed.auditor, sealed.admin, sealed.outsider):
        client = api_client_for(user)
        assert client.get("/api/v1/shelters/cases").json()["count"] == 0
        for response in (
            client.get(f"/api/v1/shelters/cases/{case.pk}"),
            _post(client, f"/api/v1/shelters/cases/{case.pk}/notes", {"text": "x"}),
            _post(client, f"/api/v1/shelters/stays/{stay.pk}/end", {}),
            _post(client, f"/api/v1/shelters/units/{sealed.sonim.pk}/cases", {"source": "walk_in", "reason": "x"}),
        ):
            assert response.status_code == 404, (user, response.content)
        wrong = client.get("/api/v1/shelters/cases/00000000-0000-0000-0000-000000000000")
        assert wrong.status_code == 404 and wrong.json() == client.get(f"/api/v1/shelters/cases/{case.pk}").json()
