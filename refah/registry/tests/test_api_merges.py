"""The merges API: merge a second record into a person's, list merges, undo one; refusals with their field."""

import datetime as dt
import json

import pytest

from refah.audit.models import AccessEvent
from refah.registry import enums, errors
from refah.registry.models import Person, PersonMerge
from refah.registry.tests.factories import HouseholdFactory, IncomeFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/registry"


def post(client, url: str, body: dict):
    return client.post(url, data=json.dumps(body), content_type="application/json")


@pytest.fixture
def client(api_client_for, caseworker):
    return api_client_for(caseworker)


@pytest.fixture
def pair(merkez):
    """Emine, and Emine again (no number, her pension on it) in the same household."""
    household = HouseholdFactory(district=merkez)
    emine = PersonFactory(first_name="Emine", last_name="Doğan")
    again = PersonFactory(first_name="Emine", last_name="Dogan", national_id=None, id_kind=enums.IdKind.INTERNAL)
    MembershipFactory(household=household, person=emine, role=enums.Role.REFERENCE)
    MembershipFactory(household=household, person=again, role=enums.Role.OTHER, joined_on=dt.date(2021, 1, 1))
    IncomeFactory(person=again, kind=enums.IncomeKind.PENSION, source=enums.DataSource.SGK)
    return emine, again


def test_merge_list_and_undo(client, caseworker, pair):
    emine, again = pair
    made = post(client, f"{API}/persons/{emine.pk}/merge", {"drop_id": str(again.pk), "reason": "Aynı kişi."})
    assert made.status_code == 201, made.content
    body = made.json()
    assert (body["keep_id"], body["drop_id"], body["reason"]) == (str(emine.pk), str(again.pk), "Aynı kişi.")
    assert body["changed"] == {"memberships": 1, "incomes": 1, "assets": 0, "attendance": 0, "details": 0}
    assert body["merged_by"] == caseworker.username and body["district"] == "TUR076002"
    listed = client.get(f"{API}/merges", {"person_id": str(again.pk)}).json()
    assert listed["count"] == 1 and listed["items"][0]["id"] == body["id"]
    assert AccessEvent.objects.filter(actor=caseworker, channel="api", kind="search").exists()
    undone = post(client, f"{API}/merges/{body['id']}/undo", {"reason": "Yanlış."})
    assert undone.status_code == 200 and undone.json()["undone_reason"] == "Yanlış."
    assert Person.objects.get(pk=again.pk).merged_into is None
    again_undone = post(client, f"{API}/merges/{body['id']}/undo", {"reason": "Yine."})
    assert again_undone.status_code == 409


def test_refusals_name_their_field(client, pair, merkez):
    emine, again = pair
    twin = PersonFactory(first_name="Emine")
    MembershipFactory(household=HouseholdFactory(district=merkez), person=twin)
    url = f"{API}/persons/{emine.pk}/merge"
    numbers = post(client, url, {"drop_id": str(twin.pk), "reason": "Aynı kişi."})
    assert numbers.status_code == 400
    refusal = {"field": "drop", "reason": str(errors.ERR_MERGE_TWO_NUMBERS), "code": "invalid"}
    assert numbers.json()["errors"][0] == refusal
    same = post(client, url, {"drop_id": str(emine.pk), "reason": "Aynı kişi."})
    assert same.status_code == 400 and same.json()["errors"][0]["field"] == "drop"
    unknown = post(client, url, {"drop_id": str(again.pk), "reason": "Aynı.", "take": ["national_id"]})
    assert unknown.status_code == 422
    assert not PersonMerge.objects.exists()


def test_another_districts_record_in_the_body_is_not_found(api_client_for, other_caseworker, pair, tuzluca):
    emine, again = pair
    mine = PersonFactory()
    MembershipFactory(household=HouseholdFactory(district=tuzluca), person=mine)
    response = post(
        api_client_for(other_caseworker), f"{API}/persons/{mine.pk}/merge", {"drop_id": str(again.pk), "reason": "X"}
    )
    assert response.status_code == 404 and response.json()["errors"][0]["field"] == "drop_id"
    assert not PersonMerge.objects.exists()


def test_without_the_permission_a_merge_is_forbidden(api_client_for, make_staff, office_merkez, pair):
    emine, again = pair
    inspector = api_client_for(make_staff(office_merkez, "inspector"))
    response = post(inspector, f"{API}/persons/{emine.pk}/merge", {"drop_id": str(again.pk), "reason": "Aynı."})
    assert response.status_code == 403
    assert inspector.get(f"{API}/merges").status_code == 403
