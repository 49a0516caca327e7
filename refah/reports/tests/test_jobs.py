"""Long reports in the background: asked for with a clear error for a bad kind or parameter, made by the worker
with its progress saved as it goes, downloadable by the asker only (another user's job is not found)."""

import pytest
from django.test import Client

from refah.accounts.enums import Role
from refah.audit.models import AuditEvent
from refah.common.errors import NotFoundError, PermissionDeniedError, RefahError
from refah.common.tests.timers import pending, run_pending
from refah.reports import jobs
from refah.reports.enums import JobStatus
from refah.reports.tasks import report_job_run

seen_progress: list[int] = []


def _clean(user, params):
    if not isinstance(params.get("rows"), int) or params["rows"] < 1:
        raise RefahError("Give the number of rows.", field="rows")
    return {"rows": params["rows"]}


def _make(params, progress):
    for i in range(params["rows"]):
        progress(100 * i // params["rows"], f"row {i}")
        seen_progress.append(i)
    if params["rows"] == 13:
        raise RefahError("unlucky")
    return jobs.ReportFile("rows.csv", "text/csv", "\n".join(str(i) for i in range(params["rows"])).encode())


@pytest.fixture(autouse=True)
def test_kind():
    jobs.report_kind_register(jobs.ReportKind("test_rows", "Rows", "reports.view_dashboard", _clean, _make))
    yield
    jobs.KINDS.pop("test_rows", None)


@pytest.fixture
def manager(make_staff, office_province):
    return make_staff(office_province, Role.PROGRAM_MANAGER)


def test_a_job_is_made_in_the_background_and_downloaded_by_its_asker(
    manager, make_staff, office_province, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.job_request(actor=manager, kind="test_rows", params={"rows": 4}, language="en")
    assert job.status == JobStatus.QUEUED
    assert AuditEvent.objects.filter(action="report_request", object_id=str(job.pk)).exists()
    assert pending(report_job_run).count() == 1
    row = run_pending(report_job_run)
    job.refresh_from_db()
    assert row.status == "SUCCESSFUL" and job.status == JobStatus.DONE and job.progress == 100
    client = Client()
    client.force_login(manager)
    page = client.get(f"/reports/jobs/{job.pk}/")
    assert page.status_code == 200 and b"rows.csv" in page.content
    answer = client.get(f"/reports/jobs/{job.pk}/file")
    assert answer.status_code == 200 and answer.content == b"0\n1\n2\n3"
    other = make_staff(office_province, Role.PROGRAM_MANAGER)
    with pytest.raises(NotFoundError):
        jobs.access_job_by_id(user=other, job_id=job.pk)
    client.force_login(other)
    assert client.get(f"/reports/jobs/{job.pk}/file").status_code == 404
    assert client.get("/reports/jobs/not-an-id/").status_code == 404


def test_a_failing_report_says_why(manager, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.job_request(actor=manager, kind="test_rows", params={"rows": 13}, language="en")
    run_pending(report_job_run)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "unlucky" in job.error and job.progress < 100
    with pytest.raises(RefahError):
        jobs.job_file(user=manager, job_id=job.pk)


def test_bad_kind_parameter_or_permission_store_nothing(manager, make_staff, office_merkez):
    with pytest.raises(RefahError) as err:
        jobs.job_request(actor=manager, kind="nope")
    assert err.value.field == "kind"
    with pytest.raises(RefahError) as err:
        jobs.job_request(actor=manager, kind="test_rows", params={"rows": "x"})
    assert err.value.field == "rows"
    caseworker = make_staff(office_merkez, Role.CASEWORKER)
    with pytest.raises(PermissionDeniedError):
        jobs.job_request(actor=caseworker, kind="test_rows", params={"rows": 2})
    assert not jobs.job_list(user=manager)


def test_the_api_asks_follows_and_downloads(
    manager, api_client_for, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    api = api_client_for(manager)
    with django_capture_on_commit_callbacks(execute=True):
        answer = api.post(
            "/api/v1/reports/jobs", {"kind": "test_rows", "params": {"rows": 2}}, content_type="application/json"
        )
    assert answer.status_code == 202, answer.content
    job_id = answer.json()["id"]
    bad = api.post("/api/v1/reports/jobs", {"kind": "test_rows", "params": {}}, content_type="application/json")
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "rows"
    assert api.get(f"/api/v1/reports/jobs/{job_id}/file").status_code == 400
    run_pending(report_job_run)
    assert api.get(f"/api/v1/reports/jobs/{job_id}").json()["status"] == "done"
    assert api.get(f"/api/v1/reports/jobs/{job_id}/file").content == b"0\n1"
    assert [j["id"] for j in api.get("/api/v1/reports/jobs").json()] == [job_id]
