"""GET /api/v1/registry/access-log and /access-log/flags: auditors only, documented in the OpenAPI schema."""

import datetime as dt
import uuid

import pytest
from django.utils import timezone

from refah.accounts.enums import Role
from refah.audit.models import AccessEvent
from refah.audit.services_access import access_record
from refah.registry.tests.factories import household_with_members

pytestmark = pytest.mark.django_db
API = "/api/v1/registry/access-log"


@pytest.fixture
def auditor(make_staff, office_province):
    return make_staff(office_province, Role.AUDITOR)


def test_who_read_this_household(api_client_for, auditor, caseworker, merkez):
    household = household_with_members(merkez)
    api_client_for(caseworker).get(f"/api/v1/registry/households/{household.pk}", headers={"X-Request-ID": "r-1"})
    response = api_client_for(auditor).get(API, {"household_code": household.reference_code})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["subject"] == household.reference_code
    [item] = body["items"]
    assert (item["actor"], item["kind"], item["purpose"], item["channel"]) == (
        caseworker.username,
        "household",
        "case_work",
        "api",
    )
    assert (item["household_id"], item["district"], item["request_id"]) == (str(household.pk), merkez.pcode, "r-1")
    look = AccessEvent.objects.get(kind="access_log")
    assert (look.actor, look.channel, look.purpose) == (auditor, "api", "audit")


def test_flags(api_client_for, auditor, caseworker):
    night = timezone.make_aware(dt.datetime(2026, 12, 2, 3, 0))
    access_record(
        actor=caseworker, purpose="case_work", channel="api", kind="household", household_id=uuid.uuid4(), at=night
    )
    response = api_client_for(auditor).get(f"{API}/flags", {"start": "2026-12-01", "end": "2026-12-02"})
    assert response.status_code == 200
    [row] = response.json()
    assert (row["username"], row["off_hours"], row["reasons"]) == (caseworker.username, 1, ["off_hours"])


def test_bad_input_is_422_with_field(api_client_for, auditor):
    response = api_client_for(auditor).get(API, {"national_id": "12345678901"})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "national_id"
    response = api_client_for(auditor).get(f"{API}/flags", {"start": "2026-12-05", "end": "2026-12-01"})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "end"


def test_caseworker_is_refused(api_client_for, caseworker):
    client = api_client_for(caseworker)
    assert client.get(API, {"household_code": "76-02-0000001"}).status_code == 403
    assert client.get(f"{API}/flags").status_code == 403


def test_documented_in_openapi(api_client_for, auditor):
    paths = api_client_for(auditor).get("/api/v1/openapi.json").json()["paths"]
    assert "get" in paths[API] and "get" in paths[f"{API}/flags"]
    assert {p["name"] for p in paths["/api/v1/registry/households/{household_id}"]["get"]["parameters"]} >= {"purpose"}
