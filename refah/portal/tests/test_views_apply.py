"""Applying, uploading documents, reading the decision with its reasons and objecting, through the portal."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from refah.cases import errors as case_errors
from refah.cases.models import Application
from refah.notifications import backends
from refah.portal.tests.conftest import PDF, adults, last_code

pytestmark = pytest.mark.django_db


def _apply(client, household, **extra):
    form = client.get("/portal/apply/").context["form"]
    data = {
        "programs": ["family_support"],
        "consents": [str(p.pk) for p in adults(household)],
        "idempotency_key": str(form.initial["idempotency_key"]),
        "note": "",
        **extra,
    }
    return client.post("/portal/apply/", data)


def test_apply_with_every_adults_consent(portal, household, citizen, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _apply(portal, household)
    application = Application.objects.get()
    assert response.url == f"/portal/applications/{application.pk}/"
    assert application.channel == "portal" and application.submitted_by_person == citizen
    assert application.submitted_by is None
    assert {c.person_id for c in application.consents.all()} == {p.pk for p in adults(household)}
    assert backends.outbox[-1].template == "application_received"
    portal.cookies["django_language"] = "en"
    page = portal.get(response.url).content.decode()
    assert application.reference in page and "Application received" in page


def test_apply_without_a_spouses_consent_is_refused(portal, household, citizen):
    response = _apply(portal, household, consents=[str(citizen.pk)])
    assert response.status_code == 200 and not Application.objects.exists()
    spouse = household.memberships.get(role="spouse").person
    expected = case_errors.ERR_CONSENT_MISSING % {"names": spouse.full_name}
    assert response.context["form"].non_field_errors() == [expected]


def test_double_submit_creates_one_application(portal, household):
    key = str(portal.get("/portal/apply/").context["form"].initial["idempotency_key"])
    first = _apply(portal, household, idempotency_key=key)
    second = _apply(portal, household, idempotency_key=key)
    assert Application.objects.count() == 1 and first.url == second.url


def test_second_open_application_is_refused_with_the_reason(portal, household):
    _apply(portal, household)
    response = _apply(portal, household)
    assert Application.objects.count() == 1
    assert Application.objects.get().reference in response.context["form"].non_field_errors()[0]


def test_apply_with_a_document_then_add_another(portal, household):
    upload = SimpleUploadedFile("ogrenci.pdf", PDF, content_type="application/pdf")
    response = _apply(portal, household, programs=["cct_education"], doc_type="student_certificate", document=upload)
    application = Application.objects.get()
    assert response.url == f"/portal/applications/{application.pk}/"
    second = SimpleUploadedFile("gelir.pdf", PDF, content_type="application/pdf")
    response = portal.post(
        f"/portal/applications/{application.pk}/documents/", {"doc_type": "income_statement", "document": second}
    )
    assert response.status_code == 302
    docs = list(application.documents.order_by("created_at"))
    assert [d.doc_type for d in docs] == ["student_certificate", "income_statement"]
    assert all(d.uploaded_by is None for d in docs)
    download = portal.get(f"/portal/documents/{docs[1].pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment")


def test_a_document_with_a_false_type_is_refused(portal, household):
    _apply(portal, household)
    application = Application.objects.get()
    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00not a pdf", content_type="application/pdf")
    response = portal.post(
        f"/portal/applications/{application.pk}/documents/", {"doc_type": "other", "document": fake}, follow=True
    )
    assert str(case_errors.ERR_FILE_TYPE) in response.content.decode()
    assert not application.documents.exists()


def test_decision_with_reasons_in_the_ui_language(portal, staff_case, household):
    application = staff_case(household)
    decision = application.decisions.get()
    page = portal.get(f"/portal/applications/{application.pk}/").content.decode()
    assert "Onaylandı" in page and "Household in severe need" in page  # Turkish by default
    portal.cookies["django_language"] = "en"
    page = portal.get(f"/portal/decisions/{decision.pk}/").content.decode()
    assert "Family Support Programme: Approved" in page
    assert "Household in severe need after the visit." in page and "N1" in page
    assert 'id="reasons"' in page


def test_standard_reason_codes_read_as_their_meaning(portal, staff_case, household):
    """The citizen reads what a standard reason code means, in the UI language; an own code stays as written."""
    application = staff_case(household)
    decision = application.decisions.get()
    decision.reason_codes = ["need_confirmed", "priority_group", "N1"]
    decision.save(update_fields=["reason_codes"])
    page = portal.get(f"/portal/decisions/{decision.pk}/").content.decode()
    assert "İhtiyaç hane ziyaretiyle doğrulandı; Öncelikli grup (yaşlı, engelli, tek ebeveyn…); N1" in page
    assert "need_confirmed" not in page
    portal.cookies["django_language"] = "en"
    page = portal.get(f"/portal/decisions/{decision.pk}/").content.decode()
    assert "Need confirmed by the household visit; Priority group (elderly, disabled, single parent…); N1" in page


def test_objection_within_the_period(portal, staff_case, household, django_capture_on_commit_callbacks):
    application = staff_case(household)
    url = f"/portal/applications/{application.pk}/objection/"
    assert portal.post(url, {"reason": "  "}).status_code == 302
    application.refresh_from_db()
    assert application.status == "approved"
    with django_capture_on_commit_callbacks(execute=True):
        portal.post(url, {"reason": "The amount is too low for six people."})
    application.refresh_from_db()
    objection = application.objections.get()
    assert application.status == "objected" and objection.filed_by_person.memberships.get().household == household
    assert backends.outbox[-1].template == "objection_received"
    portal.cookies["django_language"] = "en"
    page = portal.get(f"/portal/applications/{application.pk}/").content.decode()
    assert "The amount is too low" in page and "Send objection" not in page


def test_objection_after_the_period_is_refused(portal, staff_case, household):
    application = staff_case(household)
    Application.objects.filter(pk=application.pk).update(decided_at=application.decided_at.replace(year=2020))
    portal.post(f"/portal/applications/{application.pk}/objection/", {"reason": "Late."})
    application.refresh_from_db()
    assert application.status == "approved"


def test_citizen_without_household_sees_a_notice(citizen, django_capture_on_commit_callbacks):
    citizen.memberships.update(left_on="2020-01-01")
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/portal/sign-in/", {"national_id": citizen.national_id})
    client.post("/portal/sign-in/code/", {"code": last_code()})
    client.cookies["django_language"] = "en"
    assert "not a member of a household" in client.get("/portal/").content.decode()
    assert client.get("/portal/apply/").url == "/portal/"
