"""The auditor's access-log screens: who read a person or household, unusual reading, permissions, menu."""

import datetime as dt
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from refah.accounts.enums import Role
from refah.audit.models import AccessEvent
from refah.audit.services_access import access_record
from refah.registry.access_log import errors
from refah.registry.tests.factories import household_with_members

pytestmark = pytest.mark.django_db
LOOKUP = reverse("access:lookup")
FLAGS = reverse("access:flags")


@pytest.fixture
def auditor(make_staff, office_province):
    return make_staff(office_province, Role.AUDITOR)


@pytest.fixture
def household(merkez):
    return household_with_members(merkez)


def logged_in(user, lang: str = "en") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = lang
    return client


def test_who_read_this_person(auditor, caseworker, household, api_client_for):
    person = household.memberships.get(role="reference").person
    api_client_for(caseworker).get(f"/api/v1/registry/households/{household.pk}?purpose=committee")
    api_client_for(caseworker).get("/api/v1/registry/persons", {"q": person.national_id})
    page = logged_in(auditor).get(LOOKUP, {"national_id": person.national_id})
    assert page.status_code == 200
    html = page.content.decode()
    assert caseworker.username in html and "Household record" in html and "Search results" in html
    assert "Committee" in html
    assert [e.kind for e in page.context["events"]] == ["search", "household"]
    look = AccessEvent.objects.get(kind="access_log")  # the auditor's look is itself logged
    assert (look.actor, look.purpose, look.channel, look.person_id) == (auditor, "audit", "screen", person.pk)


def test_who_read_this_household_in_turkish(auditor, caseworker, household, client):
    client.force_login(caseworker)
    client.get(reverse("registry:household_detail", args=[household.pk]))
    page = logged_in(auditor, "tr").get(LOOKUP, {"household_code": household.reference_code})
    html = page.content.decode()
    assert page.status_code == 200 and "Hane kaydı" in html and "Ekran" in html and "Vaka çalışması" in html
    assert [e.actor for e in page.context["events"]] == [caseworker]


def test_other_persons_reads_are_not_shown(auditor, caseworker, household, merkez, api_client_for):
    other = household_with_members(merkez)
    api_client_for(caseworker).get(f"/api/v1/registry/households/{other.pk}")
    page = logged_in(auditor).get(LOOKUP, {"household_code": household.reference_code})
    assert page.context["events"] == []


def test_lookup_input_errors(auditor, household):
    client = logged_in(auditor)
    empty = client.get(LOOKUP, {"national_id": "", "household_code": ""})
    assert empty.status_code == 400 and str(errors.ERR_ONE_SUBJECT) in empty.content.decode()
    bad = client.get(LOOKUP, {"national_id": "12345678901"})
    assert bad.status_code == 400 and "checksum" in bad.content.decode()
    unknown = client.get(LOOKUP, {"household_code": "76-02-0000000"})
    assert unknown.status_code == 400 and "Household not found." in unknown.content.decode()
    backwards = client.get(
        LOOKUP, {"household_code": household.reference_code, "start": "2026-02-02", "end": "2026-02-01"}
    )
    assert backwards.status_code == 400 and str(errors.ERR_PERIOD) in backwards.content.decode()
    assert not AccessEvent.objects.exists()


def test_household_outside_the_auditors_jurisdiction_is_not_found(make_staff, office_tuzluca, household):
    district_auditor = make_staff(office_tuzluca, Role.AUDITOR)
    page = logged_in(district_auditor).get(LOOKUP, {"household_code": household.reference_code})
    assert page.status_code == 400 and "Household not found." in page.content.decode()


def test_flagged_users_and_drill_down(auditor, caseworker, make_staff, office_merkez):
    quiet = make_staff(office_merkez, Role.CASEWORKER)
    night = timezone.make_aware(dt.datetime(2026, 12, 2, 23, 15))  # a Wednesday, 23:15 in Istanbul
    day = timezone.make_aware(dt.datetime(2026, 12, 2, 11, 0))
    for when, user in ((night, caseworker), (day, caseworker), (day, quiet)):
        access_record(
            actor=user, purpose="case_work", channel="api", kind="household", household_id=uuid.uuid4(), at=when
        )
    period = {"start": "2026-12-01", "end": "2026-12-03"}
    client = logged_in(auditor)
    page = client.get(FLAGS, period)
    assert page.status_code == 200
    rows = page.context["rows"]
    assert [r["reader"].label for r in rows] == [caseworker.username]
    assert "Outside working hours" in page.content.decode()
    detail = client.get(reverse("access:reader", args=[caseworker.pk]), period)
    assert detail.status_code == 200
    assert [e.off_hours for e in detail.context["events"]] == [True, False]
    assert (
        client.get(reverse("access:reader", args=[quiet.pk]), {"start": "2026-11-01", "end": "2026-11-02"}).status_code
        == 404
    )


def test_caseworker_cannot_open_the_auditor_screens(caseworker, household):
    client = logged_in(caseworker)
    for url in (LOOKUP, FLAGS, reverse("access:reader", args=[caseworker.pk])):
        assert client.get(url, {"household_code": household.reference_code}).status_code == 403
    assert reverse("access:lookup") not in client.get(reverse("registry:household_search")).content.decode()
    assert not AccessEvent.objects.filter(kind="access_log").exists()


def test_menu_links_the_auditor_to_the_access_log(auditor):
    assert f'href="{LOOKUP}"' in logged_in(auditor).get(reverse("registry:household_search")).content.decode()


def test_screens_fit_a_phone(auditor, household):
    html = logged_in(auditor).get(LOOKUP, {"household_code": household.reference_code}).content.decode()
    assert 'name="viewport"' in html and 'class="stack"' not in html  # no reads yet: an empty message
    assert "No reads in this period." in html


def test_long_answers_say_they_are_cut(auditor, caseworker, household, api_client_for, settings):
    settings.REFAH_ACCESS_LOOKUP_LIMIT = 2
    client = api_client_for(caseworker)
    for _ in range(3):
        client.get(f"/api/v1/registry/households/{household.pk}")
    page = logged_in(auditor).get(LOOKUP, {"household_code": household.reference_code})
    assert len(page.context["events"]) == 2
    assert "Only the latest 2 reads are shown" in page.content.decode()
