"""POST /api/v1/aid-records/: idempotency, linking by TC, bad input, jurisdiction of records named in the body."""

import json

import pytest

from refah.aidrecords.enums import LinkMethod, LinkStatus
from refah.aidrecords.models import AidRecord, AidSubmission
from refah.aidrecords.tests.conftest import record
from refah.audit.models import AuditEvent

URL = "/api/v1/aid-records/"
pytestmark = pytest.mark.django_db


def post(client, body, key="k-1", lang="en"):
    headers = {"Accept-Language": lang}
    if key is not None:
        headers["Idempotency-Key"] = key
    return client.post(URL, json.dumps(body), content_type="application/json", headers=headers)


def test_one_record_linked_by_tc_kimlik_no(api_client_for, town_clerk, family):
    household, mother, _child = family
    answer = post(api_client_for(town_clerk), record(national_id=mother.national_id))
    assert answer.status_code == 201, answer.content
    (out,) = answer.json()["records"]
    assert out["link_status"] == "linked"
    assert out["person_id"] == str(mother.pk) and out["household_id"] == str(household.pk)
    saved = AidRecord.objects.get()
    assert saved.link_method == LinkMethod.NATIONAL_ID and saved.giver.name == "Iğdır Belediyesi"
    assert saved.amount_kurus == 150_000
    assert AuditEvent.objects.filter(action="aid_records_receive").count() == 1


def test_same_key_same_body_answers_the_same_and_stores_nothing_twice(api_client_for, town_clerk, family):
    client = api_client_for(town_clerk)
    body = [record(), record(reference="B-2026-0002", kind="fuel", need="heating")]
    first = post(client, body)
    again = post(client, body)
    assert first.status_code == 201 and again.status_code == 200
    assert again.json()["replayed"] is True
    assert [r["id"] for r in again.json()["records"]] == [r["id"] for r in first.json()["records"]]
    assert AidRecord.objects.count() == 2 and AidSubmission.objects.count() == 1


def test_same_key_different_body_is_a_conflict(api_client_for, town_clerk, family):
    client = api_client_for(town_clerk)
    assert post(client, record()).status_code == 201
    answer = post(client, record(amount_kurus=99_000))
    assert answer.status_code == 409
    assert answer.json()["errors"][0]["field"] == "Idempotency-Key"
    assert AidRecord.objects.get().amount_kurus == 150_000


def test_same_reference_different_content_under_a_new_key_is_a_conflict(api_client_for, town_clerk, family):
    client = api_client_for(town_clerk)
    assert post(client, record()).status_code == 201
    same = post(client, record(), key="k-2")
    assert same.status_code == 200 and same.json()["replayed"] is True
    changed = post(client, record(amount_kurus=1), key="k-3")
    assert changed.status_code == 409 and changed.json()["errors"][0]["field"] == "reference"
    assert AidRecord.objects.count() == 1


def test_a_key_is_required(api_client_for, town_clerk, family):
    answer = post(api_client_for(town_clerk), record(), key=None)
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "Idempotency-Key"
    assert not AidRecord.objects.exists()


def test_bad_records_are_refused_with_field_and_reason_and_nothing_stored(api_client_for, town_clerk, family):
    body = [
        record(),
        record(reference="B-2", kind="jewels", period_end="2026-02-01", amount_kurus=None),
        record(reference="B-3", national_id="12345", first_name=None, last_name=None),
    ]
    answer = post(api_client_for(town_clerk), body, lang="tr")
    assert answer.status_code == 422
    reasons = {e["field"]: e["reason"] for e in answer.json()["errors"]}
    assert "1.kind" in reasons and "jewels" in reasons["1.kind"] and "geçerli" in reasons["1.kind"]
    assert "Dönemin bitişi" in reasons["1.period_end"]
    assert "1.amount_kurus" in reasons
    assert reasons["2.national_id"] == "Kimlik numarası tam 11 haneli olmalı."
    assert not AidRecord.objects.exists() and not AidSubmission.objects.exists()


def test_a_tc_number_failing_its_checksum_is_kept_for_record_linkage(api_client_for, town_clerk, family):
    _household, mother, _child = family
    typo = mother.national_id[:-1] + str((int(mother.national_id[-1]) + 1) % 10)
    answer = post(api_client_for(town_clerk), record(national_id=typo))
    assert answer.status_code == 201
    assert AidRecord.objects.get().link_status == LinkStatus.UNLINKED


def test_a_tc_number_of_another_district_is_not_linked(api_client_for, make_staff, office_tuzluca, family):
    from refah.accounts.enums import Role

    _household, mother, _child = family
    tuzluca_clerk = make_staff(office_tuzluca, Role.CASEWORKER)
    answer = post(api_client_for(tuzluca_clerk), record(national_id=mother.national_id))
    assert answer.status_code == 201
    out = answer.json()["records"][0]
    assert out["link_status"] == "unlinked" and out["household_id"] is None and out["person_id"] is None


def test_a_household_named_in_the_body_obeys_the_jurisdiction(api_client_for, make_staff, office_tuzluca, family):
    from refah.accounts.enums import Role

    household, _mother, _child = family
    tuzluca_clerk = make_staff(office_tuzluca, Role.CASEWORKER)
    answer = post(api_client_for(tuzluca_clerk), record(household_id=str(household.pk)))
    assert answer.status_code == 404
    assert not AidRecord.objects.exists() and not AidSubmission.objects.exists()


def test_a_person_named_in_the_body_is_linked_with_their_household(api_client_for, town_clerk, family):
    household, _mother, child = family
    answer = post(api_client_for(town_clerk), record(person_id=str(child.pk), first_name=None, last_name=None))
    assert answer.status_code == 201
    saved = AidRecord.objects.get()
    assert (saved.person, saved.household, saved.link_method) == (child, household, LinkMethod.NAMED)


def test_a_district_outside_the_jurisdiction_is_refused(api_client_for, town_clerk, family):
    answer = post(api_client_for(town_clerk), record(district="TUR076004"))
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "district"


def test_without_permission_nothing_is_stored(api_client_for, make_staff, municipality, family):
    from refah.accounts.enums import Role

    analyst = make_staff(municipality, Role.ANALYST)
    assert post(api_client_for(analyst), record()).status_code == 403
    assert not AidRecord.objects.exists()
