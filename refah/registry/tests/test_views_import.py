"""The import screen: upload, report, CSV downloads, permission and file-type errors."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from refah.accounts.enums import Role
from refah.audit.models import AccessEvent
from refah.registry import imports
from refah.registry.models import Household
from refah.registry.models_import import ImportBatch

pytestmark = pytest.mark.django_db

SAMPLES = Path(settings.BASE_DIR) / "docs" / "samples"
UPLOAD = reverse("registry:import_upload")


def client_for(user, lang: str = "tr") -> Client:
    """A signed-in client whose language is chosen as the TR/EN switch does: by the language cookie."""
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    client.force_login(user)
    return client


def upload(client, name: str, content: bytes | None = None, **extra):
    content = content if content is not None else (SAMPLES / name).read_bytes()
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, content), **extra})


def test_upload_form_is_labelled_and_links_the_template(caseworker):
    response = client_for(caseworker).get(UPLOAD)

    assert response.status_code == 200
    html = response.content.decode()
    assert '<label for="id_file"' in html
    assert 'enctype="multipart/form-data"' in html
    assert reverse("registry:import_template") in html


def test_permission_is_required_for_every_import_page(make_staff, office_merkez, caseworker):
    inspector = client_for(make_staff(office_merkez, Role.INSPECTOR))
    batch = imports.household_import(
        actor=caseworker, file_name="e.csv", data=(SAMPLES / "households_with_errors.csv").read_bytes()
    )

    assert inspector.get(UPLOAD).status_code == 403
    assert upload(inspector, "households_sample.csv").status_code == 403
    assert inspector.get(reverse("registry:import_template")).status_code == 403
    assert inspector.get(reverse("registry:import_report", args=[batch.pk])).status_code == 403
    assert inspector.get(reverse("registry:import_report_csv", args=[batch.pk])).status_code == 403
    assert not Household.objects.exists()
    assert Client().get(UPLOAD).status_code == 302  # anonymous: to the login page


def test_clean_file_is_imported_and_the_report_shows_the_summary(caseworker):
    client = client_for(caseworker, "en")

    response = upload(client, "households_sample.csv")

    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("registry:import_report", args=[batch.pk])
    page = client.get(response["Location"]).content.decode()
    assert "The file was imported." in page
    assert Household.objects.count() == 5


def test_file_with_errors_shows_problems_in_the_ui_language_and_a_bilingual_csv(caseworker):
    client = client_for(caseworker, "tr")

    response = upload(client, "households_with_errors.csv")

    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.VALIDATED_WITH_ERRORS
    page = client.get(response["Location"]).content.decode()
    assert imports.ERR_ID_CHECKSUM.tr in page
    assert not Household.objects.exists()
    download = client.get(reverse("registry:import_report_csv", args=[batch.pk]))
    assert download["Content-Type"].startswith("text/csv")
    assert "attachment" in download["Content-Disposition"]
    text = download.content.decode("utf-8-sig")
    assert imports.ERR_ID_CHECKSUM.tr in text
    assert imports.ERR_ID_CHECKSUM.text("en") in text


def test_wrong_file_type_gives_a_clear_error_and_saves_nothing(caseworker):
    response = upload(client_for(caseworker, "en"), "households.pdf", b"%PDF-1.4")

    assert response.status_code == 400
    assert "Only .csv and .xlsx files can be imported." in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_unreadable_xlsx_gives_a_clear_error(caseworker):
    response = upload(client_for(caseworker, "tr"), "hane.xlsx", b"this is not a spreadsheet")

    assert response.status_code == 400
    assert "XLSX olarak okunamıyor" in response.content.decode()


def test_check_only_reports_without_saving(caseworker):
    response = upload(client_for(caseworker, "en"), "households_sample.csv", check_only="on")

    assert response.status_code == 200
    assert "can be imported" in response.content.decode()
    assert not ImportBatch.objects.exists()
    assert not Household.objects.exists()


def test_another_office_cannot_see_the_report(caseworker, other_caseworker):
    upload(client_for(caseworker), "households_with_errors.csv")
    batch = ImportBatch.objects.get()

    other = client_for(other_caseworker)
    assert other.get(reverse("registry:import_report", args=[batch.pk])).status_code == 404
    assert other.get(reverse("registry:import_report_csv", args=[batch.pk])).status_code == 404


def test_template_has_every_column_in_the_users_language(caseworker):
    tr = client_for(caseworker, "tr").get(reverse("registry:import_template")).content.decode("utf-8-sig")
    en = client_for(caseworker, "en").get(reverse("registry:import_template")).content.decode("utf-8-sig")

    assert tr.strip().split(";") == [c.turkish for c in imports.COLUMNS]
    assert en.strip().split(";") == [c.name for c in imports.COLUMNS]


def test_report_csv_download_is_logged_once(caseworker, other_caseworker):
    client = client_for(caseworker, "en")
    upload(client, "households_with_errors.csv")
    batch = ImportBatch.objects.get()
    assert client_for(other_caseworker).get(reverse("registry:import_report_csv", args=[batch.pk])).status_code == 404
    assert not AccessEvent.objects.exists()
    assert client.get(reverse("registry:import_report_csv", args=[batch.pk])).status_code == 200
    event = AccessEvent.objects.get()
    assert (event.actor, event.kind, event.channel, event.purpose) == (caseworker, "export", "export", "registration")
    assert (event.object_type, event.object_id, event.count) == (
        "registry.importbatch",
        str(batch.pk),
        len(batch.report),
    )
