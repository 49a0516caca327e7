"""Downloading a private document or the social investigation report leaves exactly one access-log row;
a refused download leaves none."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from refah.audit.models import AccessEvent
from refah.cases import services

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4 test"


def _document(caseworker, application, doc_type="other"):
    return services.document_upload(
        actor=caseworker, application=application, doc_type=doc_type, file=SimpleUploadedFile("a.pdf", PDF)
    )


def test_document_download_is_one_row(client, caseworker, household, submit):
    document = _document(caseworker, submit(household), "disability_report")
    client.force_login(caseworker)
    response = client.get(reverse("cases:document_download", args=[document.pk]))
    assert response.status_code == 200
    event = AccessEvent.objects.get()
    assert (event.actor, event.kind, event.channel, event.purpose) == (caseworker, "document", "screen", "case_work")
    assert (event.object_type, event.object_id) == ("cases.document", str(document.pk))
    assert (event.household_id, event.district_id) == (household.pk, household.district_id)
    assert event.sensitive is True  # a health board report is special-category data


def test_refused_document_download_logs_nothing(client, caseworker, other_caseworker, household, submit):
    document = _document(caseworker, submit(household))
    client.force_login(other_caseworker)
    assert client.get(reverse("cases:document_download", args=[document.pk])).status_code == 404
    assert not AccessEvent.objects.exists()


def test_report_download_is_one_row(client, caseworker, household, investigated):
    client.force_login(caseworker)
    response = client.get(reverse("cases:case_report", args=[investigated.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    event = AccessEvent.objects.get()
    assert (event.actor, event.kind, event.channel) == (caseworker, "report", "export")
    assert (event.object_type, event.object_id, event.household_id) == (
        "cases.application",
        str(investigated.pk),
        household.pk,
    )


def test_refused_report_logs_nothing(client, other_caseworker, investigated):
    client.force_login(other_caseworker)
    assert client.get(reverse("cases:case_report", args=[investigated.pk])).status_code == 404
    assert not AccessEvent.objects.exists()


# ---------------------------------------------------------------- the case page, the visit form, the cases API

API = "/api/v1/cases/applications"


def test_case_page_is_one_row(client, caseworker, household, submit):
    application = submit(household)
    client.force_login(caseworker)
    assert client.get(reverse("cases:case_detail", args=[application.pk])).status_code == 200
    event = AccessEvent.objects.get()
    assert (event.actor, event.kind, event.channel, event.purpose) == (caseworker, "household", "screen", "case_work")
    assert (event.object_type, event.object_id) == ("cases.application", str(application.pk))
    assert (event.household_id, event.district_id) == (household.pk, household.district_id)


def test_refused_case_page_logs_nothing(client, other_caseworker, household, submit):
    application = submit(household)
    client.force_login(other_caseworker)
    assert client.get(reverse("cases:case_detail", args=[application.pk])).status_code == 404
    assert not AccessEvent.objects.exists()


def test_visit_form_is_one_row(client, caseworker, inspector, household, submit):
    visit = services.visit_assign(actor=caseworker, application=submit(household))
    client.force_login(inspector)
    assert client.get(reverse("cases:visit_form", args=[visit.pk])).status_code == 200
    event = AccessEvent.objects.get()
    assert (event.actor, event.kind, event.channel, event.purpose) == (inspector, "household", "screen", "case_work")
    assert (event.object_type, event.object_id) == ("cases.visit", str(visit.pk))
    assert (event.household_id, event.district_id) == (household.pk, household.district_id)
    assert event.sensitive is True  # the form shows the members' health and disability


def test_refused_visit_form_logs_nothing(client, caseworker, inspector, other_caseworker, household, submit):
    visit = services.visit_assign(actor=caseworker, application=submit(household))
    client.force_login(other_caseworker)
    assert client.get(reverse("cases:visit_form", args=[visit.pk])).status_code == 404
    assert not AccessEvent.objects.exists()


def test_api_application_detail_is_one_row(api_client_for, caseworker, household, submit):
    application = submit(household)
    assert api_client_for(caseworker).get(f"{API}/{application.pk}").status_code == 200
    event = AccessEvent.objects.get()
    assert (event.actor, event.kind, event.channel, event.purpose) == (caseworker, "household", "api", "case_work")
    assert (event.object_type, event.object_id) == ("cases.application", str(application.pk))
    assert (event.household_id, event.district_id) == (household.pk, household.district_id)


def test_api_refused_application_detail_logs_nothing(api_client_for, other_caseworker, household, submit):
    application = submit(household)
    assert api_client_for(other_caseworker).get(f"{API}/{application.pk}").status_code == 404
    assert not AccessEvent.objects.exists()


def test_api_application_list_is_one_row_with_its_households(api_client_for, caseworker, household, submit):
    submit(household)
    response = api_client_for(caseworker).get(API)
    assert response.status_code == 200 and response.json()["count"] == 1
    event = AccessEvent.objects.get()
    assert (event.actor, event.kind, event.channel, event.purpose) == (
        caseworker,
        "household_list",
        "api",
        "case_work",
    )
    assert event.subjects == {"households": [str(household.pk)], "persons": []}
    assert event.count == 1


def test_queue_screen_is_one_row_with_its_households(client, caseworker, household, submit):
    submit(household)
    client.force_login(caseworker)
    assert client.get(reverse("cases:queue")).status_code == 200
    event = AccessEvent.objects.get()
    assert (event.actor, event.kind, event.channel, event.purpose) == (
        caseworker,
        "household_list",
        "screen",
        "case_work",
    )
    assert event.subjects == {"households": [str(household.pk)], "persons": []}


def test_empty_list_logs_nothing(api_client_for, client, caseworker, other_caseworker, household, submit):
    submit(household)
    client.force_login(other_caseworker)
    assert client.get(reverse("cases:queue")).status_code == 200
    assert api_client_for(other_caseworker).get(API).json()["count"] == 0
    assert not AccessEvent.objects.exists()
