"""Every read of a household's or a person's data leaves exactly one access-log row (who, what, why, how);
a refused read leaves none."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from refah.accounts.enums import OfficeKind, Role
from refah.accounts.services import office_create, staff_create
from refah.audit.models import AccessEvent
from refah.registry.tests.factories import household_with_members

pytestmark = pytest.mark.django_db

API = "/api/v1/registry"


@pytest.fixture
def household(merkez):
    return household_with_members(merkez)


def only_event() -> AccessEvent:
    events = list(AccessEvent.objects.all())
    assert len(events) == 1, events
    return events[0]


def test_api_household_read_is_one_row_with_who_what_why(api_client_for, caseworker, household):
    client = api_client_for(caseworker)
    response = client.get(f"{API}/households/{household.pk}", headers={"X-Request-ID": "req-77"})
    assert response.status_code == 200
    event = only_event()
    assert (event.actor, event.actor_label) == (caseworker, caseworker.username)
    assert (event.purpose, event.channel, event.kind) == ("case_work", "api", "household")
    assert (event.household_id, event.district_id, event.object_id) == (
        household.pk,
        household.district_id,
        str(household.pk),
    )
    assert event.object_type == "registry.household" and event.request_id == "req-77"
    assert event.sensitive is True  # a caseworker sees health and disability fields


def test_api_household_read_purpose_and_no_sensitive_flag(api_client_for, make_staff, office_merkez, household):
    analyst = make_staff(office_merkez, Role.ANALYST)
    response = api_client_for(analyst).get(f"{API}/households/{household.pk}?purpose=committee")
    assert response.status_code == 200
    event = only_event()
    assert (event.purpose, event.sensitive, event.actor) == ("committee", False, analyst)


def test_api_household_read_unknown_purpose_is_422_and_logs_nothing(api_client_for, caseworker, household):
    response = api_client_for(caseworker).get(f"{API}/households/{household.pk}?purpose=curiosity")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "purpose"
    assert not AccessEvent.objects.exists()


@pytest.mark.parametrize("kind", ["households", "persons"])
def test_refused_reads_log_nothing(api_client_for, other_caseworker, household, kind):
    """Outside the jurisdiction is "not found", like a wrong id: nothing was shown, nothing is logged."""
    client = api_client_for(other_caseworker)
    target = household.pk if kind == "households" else household.memberships.first().person_id
    assert client.get(f"{API}/{kind}/{target}").status_code == 404
    assert client.get(f"{API}/{kind}/8b0c43c5-3f55-4c52-9d38-5b0f0e4a1b2c").status_code == 404
    assert client.get(f"{API}/{kind}/not-a-uuid").status_code == 404
    assert not AccessEvent.objects.exists()


def test_no_view_permission_logs_nothing(api_client_for, make_staff, office_merkez, household):
    nobody = make_staff(office_merkez, Role.FINANCE)
    nobody.groups.clear()
    assert api_client_for(nobody).get(f"{API}/households/{household.pk}").status_code == 403
    assert not AccessEvent.objects.exists()


def test_api_person_read(api_client_for, caseworker, household):
    person = household.memberships.first().person
    assert api_client_for(caseworker).get(f"{API}/persons/{person.pk}?purpose=payment").status_code == 200
    event = only_event()
    assert (event.kind, event.channel, event.purpose) == ("person", "api", "payment")
    assert (event.person_id, event.household_id, event.district_id) == (person.pk, household.pk, household.district_id)


def test_api_search_is_one_row_listing_the_persons_shown(api_client_for, caseworker, household):
    people = [m.person for m in household.memberships.all()]
    response = api_client_for(caseworker).get(f"{API}/persons", {"q": people[0].last_name})
    shown = response.json()["items"]
    assert shown
    event = only_event()
    assert (event.kind, event.channel, event.count) == ("search", "api", len(shown))
    assert event.subjects["persons"] == [item["id"] for item in shown]
    assert event.subjects["households"] == [str(household.pk)]


def test_search_showing_nobody_logs_nothing(api_client_for, caseworker, household):
    assert api_client_for(caseworker).get(f"{API}/persons", {"q": "Zzyzx"}).json()["count"] == 0
    assert not AccessEvent.objects.exists()


def test_api_household_list_is_one_row(api_client_for, caseworker, merkez):
    households = [household_with_members(merkez, children=0) for _ in range(3)]
    assert len(api_client_for(caseworker).get(f"{API}/households").json()["items"]) == 3
    event = only_event()
    assert (event.kind, event.count) == ("household_list", 3)
    assert sorted(event.subjects["households"]) == sorted(str(h.pk) for h in households)


def test_api_history_read(api_client_for, caseworker, household):
    assert api_client_for(caseworker).get(f"{API}/households/{household.pk}/history").status_code == 200
    assert only_event().kind == "household_history"


def test_api_audit_trail_read_is_one_row(api_client_for, caseworker, household):
    assert api_client_for(caseworker).get(f"{API}/households/{household.pk}/audit").status_code == 200
    event = only_event()
    assert (event.actor, event.kind, event.channel, event.purpose) == (
        caseworker,
        "household_history",
        "api",
        "case_work",
    )
    assert (event.object_type, event.object_id) == ("registry.household", str(household.pk))
    assert (event.household_id, event.district_id) == (household.pk, household.district_id)


def test_api_refused_audit_trail_logs_nothing(api_client_for, other_caseworker, household):
    assert api_client_for(other_caseworker).get(f"{API}/households/{household.pk}/audit").status_code == 404
    assert not AccessEvent.objects.exists()


def test_screen_household_page_and_search(client, caseworker, household):
    client.force_login(caseworker)
    assert client.get(reverse("registry:household_detail", args=[household.pk])).status_code == 200
    event = only_event()
    assert (event.kind, event.channel, event.household_id) == ("household", "screen", household.pk)
    person = household.memberships.first().person
    assert client.get(reverse("registry:household_search"), {"q": person.national_id}).status_code == 200
    search = AccessEvent.objects.exclude(pk=event.pk).get()
    assert (search.kind, search.channel, search.subjects["persons"]) == ("search", "screen", [str(person.pk)])


def test_screen_other_district_logs_nothing(client, other_caseworker, household):
    client.force_login(other_caseworker)
    assert client.get(reverse("registry:household_detail", args=[household.pk])).status_code == 404
    assert not AccessEvent.objects.exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("synchronous", [False, True])
def test_read_outside_a_transaction_logs_and_commits_by_itself(api_client_for, merkez, settings, synchronous):
    """The API's read runs in autocommit: its statement is its own transaction (on PostgreSQL it commits without
    waiting for the WAL flush, and that setting ends with it) unless the settings ask for a synchronous commit."""
    settings.REFAH_ACCESS_LOG_SYNCHRONOUS_COMMIT = synchronous
    office = office_create(actor=None, name="Merkez", kind=OfficeKind.SYDV, district=merkez)
    user = staff_create(actor=None, username="reader", password="pw-Refah-2026", office=office, roles=[Role.CASEWORKER])
    household = household_with_members(merkez)
    client = api_client_for(user.user)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(f"{API}/households/{household.pk}").status_code == 200
    assert AccessEvent.objects.get().household_id == household.pk
    asynchronous = ["synchronous_commit" in q["sql"] for q in captured.captured_queries]
    assert any(asynchronous) is (connection.vendor == "postgresql" and not synchronous)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            assert cursor.fetchone()[0] == "on"
