import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from refah.cases import services
from refah.cases.tests.conftest import adults

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4 test"


def _login(client, user):
    client.force_login(user)
    return client


def test_counter_form_creates_application(client, caseworker, household):
    _login(client, caseworker)
    url = reverse("cases:application_new")
    assert client.get(url, {"q": adults(household)[0].national_id}).status_code == 200
    page = client.get(url, {"household": household.pk})
    assert page.status_code == 200
    response = client.post(
        url,
        {
            "household": household.pk,
            "programs": ["family_support"],
            "consents": [str(p.pk) for p in adults(household)],
            "doc_type": "identity",
            "document": SimpleUploadedFile("id.pdf", PDF),
        },
    )
    assert response.status_code == 302
    detail = client.get(response["Location"])
    assert detail.status_code == 200 and "Aile Destek Programı" in detail.content.decode()
    assert client.get(reverse("cases:queue")).status_code == 200


def test_download_only_for_permitted_office(client, caseworker, other_caseworker, household, submit):
    application = submit(household)
    doc = services.document_upload(
        actor=caseworker, application=application, doc_type="other", file=SimpleUploadedFile("a.pdf", PDF)
    )
    url = reverse("cases:document_download", args=[doc.pk])
    response = _login(client, caseworker).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert _login(client, other_caseworker).get(url).status_code == 404
    assert _login(client, other_caseworker).get(reverse("cases:case_detail", args=[application.pk])).status_code == 404


def test_visit_form_and_report(client, investigated, caseworker, inspector, submit, household):
    response = _login(client, inspector).get(reverse("cases:visit_list"))
    assert response.status_code == 200
    pdf = _login(client, caseworker).get(reverse("cases:case_report", args=[investigated.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_phone_visit_form_records(client, caseworker, inspector, submit, household):
    application = submit(household)
    visit = services.visit_assign(actor=caseworker, application=application)
    url = reverse("cases:visit_form", args=[visit.pk])
    _login(client, inspector)
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "living_conditions": "poor",
            "heating": "stove_wood",
            "tenure": "owner",
            "rooms": 2,
            "observations": "Seen.",
            "latitude": "39.92",
            "longitude": "44.04",
        },
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.status == "done"


def test_case_action_assigns_visit(client, caseworker, inspector, submit, household):
    application = submit(household)
    response = _login(client, caseworker).post(reverse("cases:case_action", args=[application.pk, "assign_visit"]))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "under_investigation"
