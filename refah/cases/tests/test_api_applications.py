import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from refah.cases.models import Application
from refah.cases.tests.conftest import adults

pytestmark = pytest.mark.django_db
URL = "/api/v1/cases/applications"


def _body(household, programs=("family_support",)):
    return {
        "household_id": str(household.pk),
        "programs": list(programs),
        "consents": [str(p.pk) for p in adults(household)],
    }


def test_same_idempotency_key_over_http_creates_one(api_client_for, caseworker, household):
    client = api_client_for(caseworker)
    first = client.post(URL, _body(household), content_type="application/json", headers={"Idempotency-Key": "k-1"})
    again = client.post(URL, _body(household), content_type="application/json", headers={"Idempotency-Key": "k-1"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert Application.objects.count() == 1
    other = client.post(
        URL, _body(household, ["heating_aid"]), content_type="application/json", headers={"Idempotency-Key": "k-1"}
    )
    assert other.status_code == 409


def test_second_open_application_is_409_with_reason(api_client_for, caseworker, household):
    client = api_client_for(caseworker)
    first = client.post(URL, _body(household), content_type="application/json")
    second = client.post(URL, _body(household), content_type="application/json")
    assert second.status_code == 409
    assert first.json()["reference"] in second.json()["detail"]


def test_other_office_gets_404(api_client_for, caseworker, other_caseworker, household):
    created = api_client_for(caseworker).post(URL, _body(household), content_type="application/json").json()
    other = api_client_for(other_caseworker)
    assert other.get(f"{URL}/{created['id']}").status_code == 404
    assert other.post(URL, _body(household), content_type="application/json").status_code == 404
    assert other.get(URL).json()["count"] == 0


def test_status_and_document_upload(api_client_for, caseworker, household):
    client = api_client_for(caseworker)
    created = client.post(URL, _body(household, ["home_care"]), content_type="application/json").json()
    assert created["missing_documents"] == ["disability_report"]
    bad = client.post(
        f"{URL}/{created['id']}/documents", {"doc_type": "disability_report", "file": _file(b"GIF89a...", "r.pdf")}
    )
    assert bad.status_code == 422
    good = client.post(
        f"{URL}/{created['id']}/documents",
        {"doc_type": "disability_report", "file": _file(b"%PDF-1.4 report", "r.pdf")},
    )
    assert good.status_code == 201
    detail = client.get(f"{URL}/{created['id']}").json()
    assert detail["missing_documents"] == [] and detail["status"] == "received"
    assert [e["action"] for e in detail["events"]][:1] == ["submit"]


def test_no_token_is_401(client):
    assert client.get(URL).status_code == 401


def _file(content: bytes, name: str):
    return SimpleUploadedFile(name, content)


def test_submission_answer_is_the_schemas_own(api_client_for, caseworker, household):
    """The submission is answered without validating through ApplicationOut: the bytes must be what the
    schema's own dump would give, for a new application and for a replay."""
    import json

    from django.test import RequestFactory
    from ninja.responses import NinjaJSONEncoder

    from refah.cases.api import _out
    from refah.cases.schemas import ApplicationOut

    client = api_client_for(caseworker)
    body = _body(household, ["home_care", "family_support"])
    first = client.post(URL, body, content_type="application/json", headers={"Idempotency-Key": "k-9"})
    again = client.post(URL, body, content_type="application/json", headers={"Idempotency-Key": "k-9"})
    application = Application.objects.get(pk=first.json()["id"])
    request = RequestFactory().get("/")
    expected = ApplicationOut.from_orm(_out(application), context={"request": request}).model_dump()
    expected = json.loads(json.dumps(expected, cls=NinjaJSONEncoder))
    assert first.status_code == 201 and again.status_code == 200
    assert first.json() == again.json() == expected
    assert first.json()["programs"] == ["family_support", "home_care"]
    assert first.json()["missing_documents"] == ["disability_report"]
    assert first["Content-Type"] == "application/json; charset=utf-8"
