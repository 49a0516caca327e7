import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from refah.cases import errors, selectors, services, storage
from refah.common.errors import NotFoundError

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n" + b"0" * 100


def test_pdf_stored_privately_under_a_random_name(submit, household, caseworker, settings):
    application = submit(household, programs=["home_care"])
    doc = services.document_upload(
        actor=caseworker,
        application=application,
        doc_type="disability_report",
        file=SimpleUploadedFile("rapor.pdf", PDF, content_type="application/pdf"),
    )
    path = storage.path_of(doc.storage_name)
    assert path.read_bytes() == PDF
    assert str(path).startswith(str(settings.MEDIA_ROOT / "private"))
    assert "rapor" not in doc.storage_name and doc.content_type == "application/pdf"


def test_type_sniffed_from_content_not_name(submit, household, caseworker):
    application = submit(household)
    fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    with pytest.raises(ValidationError) as exc:
        services.document_upload(actor=caseworker, application=application, doc_type="other", file=fake)
    assert exc.value.error_dict["file"][0].message == errors.ERR_FILE_TYPE


def test_too_large_refused(submit, household, caseworker, settings):
    settings.REFAH_DOCUMENT_MAX_BYTES = 1024
    application = submit(household)
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * 2000)
    with pytest.raises(ValidationError):
        services.document_upload(actor=caseworker, application=application, doc_type="other", file=big)


def test_other_office_cannot_get_document_by_id(submit, household, caseworker, other_caseworker):
    application = submit(household)
    doc = services.document_upload(
        actor=caseworker, application=application, doc_type="other", file=SimpleUploadedFile("a.pdf", PDF)
    )
    assert selectors.access_document_by_id(user=caseworker, document_id=doc.pk) == doc
    with pytest.raises(NotFoundError):
        selectors.access_document_by_id(user=other_caseworker, document_id=doc.pk)


def test_missing_documents_block_committee_and_notify(
    submit, household, caseworker, inspector, outbox, django_capture_on_commit_callbacks
):
    from refah.common.errors import ConflictError

    application = submit(household, programs=["home_care"])
    visit = services.visit_assign(actor=caseworker, application=application)
    services.visit_record(actor=inspector, visit=visit, living_conditions="fair", observations="ok")
    with pytest.raises(ConflictError):
        services.case_send_to_committee(actor=caseworker, application=application)
    with django_capture_on_commit_callbacks(execute=True):
        missing = services.documents_request(actor=caseworker, application=application)
    assert missing == ["disability_report"]
    assert outbox[-1].template == "documents_missing"
