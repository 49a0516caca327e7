"""Outreach's API: take-up (suppressed), the call list (logged as an API read), the what-if (errors name the field);
another district is a 404."""

import pytest

from refah.audit.models import AccessEvent
from refah.targeting.tests.outreach_world import apply, eligible, household

pytestmark = pytest.mark.django_db


def test_the_api(merkez, tuzluca, caseworker, api_client_for):
    homes = [household(district=merkez, surname=f"A{i}", wage_kurus=1_000_000) for i in range(10)]
    for h in homes:
        eligible(h)
    for h in homes[:5]:
        apply(h, caseworker)
    client = api_client_for(caseworker)
    take_up = client.get("/api/v1/outreach/take-up", {"program": "family_support"}).json()
    assert take_up["rows"][0] | {"name": None} == {
        "name": None, "district_id": merkez.pk, "likely": 10, "applied": 5, "not_applied": 5, "take_up_percent": 50.0
    }  # fmt: skip
    calls = client.get("/api/v1/outreach/calls").json()
    assert calls["count"] == 5 and {i["reference_code"] for i in calls["items"]} == {
        h.reference_code for h in homes[5:]
    }
    assert AccessEvent.objects.filter(kind="household_list", channel="api").count() == 1
    assert client.get("/api/v1/outreach/calls", {"district": tuzluca.pk}).status_code == 404
    bad = client.get("/api/v1/outreach/gap", {"budget": "x", "line": "100"})
    assert bad.status_code == 400 and "budget" in bad.content.decode()
    gap = client.get("/api/v1/outreach/gap", {"budget": "1000", "line": "10000", "rule": "proportional"}).json()
    assert gap["total"]["cost"] == "1.000,00 TL" and gap["total"]["reached"] == 10
