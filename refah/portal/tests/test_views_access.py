"""A citizen sees only their own household: another household's ids, guessed or not, are "not found"."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from refah.audit.models import AccessEvent
from refah.cases import services as case_services
from refah.cases.models import Document
from refah.common.errors import NotFoundError
from refah.portal import selectors
from refah.portal.tests.conftest import PDF

pytestmark = pytest.mark.django_db


@pytest.fixture
def foreign(staff_case, other_household, caseworker):
    """Another household's decided application with an uploaded document."""
    application = staff_case(other_household)
    upload = SimpleUploadedFile("rapor.pdf", PDF, content_type="application/pdf")
    document = case_services.document_upload(
        actor=caseworker, application=application, doc_type="income_statement", file=upload
    )
    return application, document, application.decisions.get()


def test_home_lists_only_the_own_household(portal, staff_case, household, foreign):
    own = staff_case(household, decide=False)
    page = portal.get("/portal/").content.decode()
    assert own.reference in page and foreign[0].reference not in page


@pytest.mark.parametrize(
    "url",
    [
        "/portal/applications/{application}/",
        "/portal/documents/{document}/",
        "/portal/decisions/{decision}/",
    ],
)
def test_another_households_ids_are_not_found(portal, foreign, url):
    application, document, decision = foreign
    response = portal.get(url.format(application=application.pk, document=document.pk, decision=decision.pk))
    assert response.status_code == 404
    assert application.reference.encode() not in response.content


@pytest.mark.parametrize("path", ["documents/", "objection/"])
def test_writes_to_another_households_application_are_not_found(portal, foreign, path):
    application = foreign[0]
    data = {"reason": "Not fair.", "doc_type": "other"}
    response = portal.post(f"/portal/applications/{application.pk}/{path}", data)
    assert response.status_code == 404
    application.refresh_from_db()
    assert application.status == "approved" and application.objections.count() == 0


@pytest.mark.parametrize("kind", ["applications", "documents", "decisions"])
@pytest.mark.parametrize("guess", [uuid.uuid4, lambda: "1", lambda: "../../etc", lambda: "' OR 1=1 --"])
def test_guessed_ids_are_not_found(portal, kind, guess):
    assert portal.get(f"/portal/{kind}/{guess()}/").status_code == 404


def test_visit_photos_are_never_served_to_citizens(portal, staff_case, household):
    application = staff_case(household)
    photo = Document.objects.create(
        application=application,
        doc_type="visit_photo",
        original_name="p.jpg",
        content_type="image/jpeg",
        size=3,
        sha256="0" * 64,
        storage_name="ab" + uuid.uuid4().hex,
    )
    assert portal.get(f"/portal/documents/{photo.pk}/").status_code == 404


def test_selectors_refuse_another_household(citizen, foreign):
    application, document, decision = foreign
    with pytest.raises(NotFoundError):
        selectors.access_application_by_id(person=citizen, application_id=application.pk)
    with pytest.raises(NotFoundError):
        selectors.access_document_by_id(person=citizen, document_id=document.pk)
    with pytest.raises(NotFoundError):
        selectors.access_decision_by_id(person=citizen, decision_id=decision.pk)


def test_a_member_who_left_loses_access(portal, citizen, staff_case, household):
    application = staff_case(household, decide=False)
    assert portal.get(f"/portal/applications/{application.pk}/").status_code == 200
    citizen.memberships.update(left_on="2020-01-01")
    assert portal.get(f"/portal/applications/{application.pk}/").status_code == 404


def test_not_signed_in_goes_to_sign_in(client, foreign):
    response = client.get(f"/portal/applications/{foreign[0].pk}/")
    assert response.status_code == 302 and response.url == "/portal/sign-in/"


def test_own_document_download_is_logged_as_own_data(portal, citizen, household, staff_case, caseworker):
    application = staff_case(household, decide=False)
    upload = SimpleUploadedFile("kimlik.pdf", PDF, content_type="application/pdf")
    document = case_services.document_upload(
        actor=caseworker, application=application, doc_type="identity", file=upload
    )
    assert portal.get(f"/portal/documents/{document.pk}/").status_code == 200
    event = AccessEvent.objects.get()
    assert (event.actor, event.actor_label, event.purpose, event.channel) == (None, "citizen", "own_data", "portal")
    assert (event.kind, event.person_id, event.household_id) == ("document", citizen.pk, household.pk)


# ---------------------------------------------------------------- the citizen's own pages are logged

CITIZEN_ROW = (None, "citizen", "own_data", "portal", "household")


def _own_data_row() -> AccessEvent:
    event = AccessEvent.objects.get()
    assert (event.actor, event.actor_label, event.purpose, event.channel, event.kind) == CITIZEN_ROW
    return event


def test_home_is_one_own_data_row(portal, citizen, household):
    assert portal.get("/portal/").status_code == 200
    event = _own_data_row()
    assert (event.object_type, event.object_id) == ("registry.household", str(household.pk))
    assert (event.person_id, event.household_id, event.district_id) == (citizen.pk, household.pk, household.district_id)


def test_home_without_a_household_logs_nothing(portal, citizen):
    citizen.memberships.update(left_on="2020-01-01")
    assert portal.get("/portal/").status_code == 200
    assert not AccessEvent.objects.exists()


def test_application_page_is_one_own_data_row(portal, citizen, household, staff_case):
    application = staff_case(household, decide=False)
    assert portal.get(f"/portal/applications/{application.pk}/").status_code == 200
    event = _own_data_row()
    assert (event.object_type, event.object_id) == ("cases.application", str(application.pk))
    assert (event.person_id, event.household_id, event.district_id) == (citizen.pk, household.pk, household.district_id)


def test_decision_page_is_one_own_data_row(portal, citizen, household, staff_case):
    decision = staff_case(household).decisions.get()
    assert portal.get(f"/portal/decisions/{decision.pk}/").status_code == 200
    event = _own_data_row()
    assert (event.object_type, event.object_id) == ("cases.programdecision", str(decision.pk))
    assert (event.person_id, event.household_id) == (citizen.pk, household.pk)


@pytest.mark.parametrize("url", ["/portal/applications/{application}/", "/portal/decisions/{decision}/"])
def test_another_households_pages_log_nothing(portal, foreign, url):
    application, _, decision = foreign
    assert portal.get(url.format(application=application.pk, decision=decision.pk)).status_code == 404
    assert not AccessEvent.objects.exists()


def test_the_apply_page_with_the_members_names_is_one_own_data_row(portal, citizen, household):
    assert portal.get("/portal/apply/").status_code == 200
    event = _own_data_row()
    assert (event.person_id, event.household_id) == (citizen.pk, household.pk)
