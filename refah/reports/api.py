"""Reports under /api/v1/reports/: long reports made in the background (ask, follow, download). The other parts
of the reports app (indicators, surveys, maps, booklet, open data) add their operations to this router."""

import datetime as dt
import uuid
from decimal import Decimal

from django.http import HttpResponse
from ninja import Router, Schema
from ninja.responses import Status

from refah.reports import jobs
from refah.reports.surveys import results

router = Router(tags=["reports"])


class ReportJobIn(Schema):
    kind: str
    params: dict = {}
    language: str | None = None


class ReportJobOut(Schema):
    id: uuid.UUID
    kind: str
    label: str
    params: dict
    language: str
    status: str
    progress: int
    stage: str
    error: str
    created_at: dt.datetime
    finished_at: dt.datetime | None
    download: str | None


def job_out(job) -> dict:
    kind = jobs.KINDS.get(job.kind)
    return {
        "id": job.pk,
        "kind": job.kind,
        "label": str(kind.label) if kind else job.kind,
        "params": job.params,
        "language": job.language,
        "status": job.status,
        "progress": job.progress,
        "stage": job.stage,
        "error": job.error,
        "created_at": job.created_at,
        "finished_at": job.finished_at,
        "download": f"/api/v1/reports/jobs/{job.pk}/file" if job.status == "done" else None,
    }


@router.get("/jobs", response=list[ReportJobOut])
def reports_job_list(request):
    """The caller's own long reports, newest first (at most 50)."""
    return [job_out(job) for job in jobs.job_list(user=request.user)]


@router.post("/jobs", response={202: ReportJobOut})
def reports_job_request(request, payload: ReportJobIn):
    """Ask for a long report (`kind` one of the registered reports, with its parameters); it is made in the
    background: follow it at its address until `status` is "done", then download the file."""
    job = jobs.job_request(actor=request.user, kind=payload.kind, params=payload.params, language=payload.language)
    return Status(202, job_out(job))


@router.get("/jobs/{job_id}", response=ReportJobOut)
def reports_job_read(request, job_id: str):
    """One of the caller's reports with its progress."""
    return job_out(jobs.access_job_by_id(user=request.user, job_id=job_id))


@router.get("/jobs/{job_id}/file", response={200: None})
def reports_job_file(request, job_id: str):
    """The finished report's file (PDF, PNG, CSV, JSON…); 400 while it is being made."""
    job, data = jobs.job_file(user=request.user, job_id=job_id)
    response = HttpResponse(data, content_type=job.content_type or "application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="{job.filename}"'
    return response


# ---------------------------------------------------------------- the satisfaction survey's results


class SurveyResultCellOut(Schema):
    district_pcode: str | None  # None: all the districts of the caller's jurisdiction
    district: str | None
    outcome: str | None  # approved | refused | mixed; None: all decisions
    suppressed: bool  # fewer answers than the threshold, or hidden so that it cannot be derived: no figures
    answers: int | None
    invitations: int | None
    response_rate_percent: Decimal | None
    satisfaction_percent: Decimal | None
    satisfaction_margin: Decimal | None  # ± percentage points at 95 %, finite-population corrected
    fairness_percent: Decimal | None
    fairness_margin: Decimal | None


class SurveyResultsOut(Schema):
    year: int
    threshold: int
    cells: list[SurveyResultCellOut]


@router.get("/surveys/results", response=SurveyResultsOut)
def reports_survey_results(request, year: int | None = None):
    """The survey's results of a year (the latest with invitations by default) for the caller's jurisdiction: per
    district and decision kind, with their totals; small cells suppressed. Needs `reports.view_surveys`."""
    year = results.clean_year(year if year is not None else results.survey_years()[0])
    data = results.survey_results(user=request.user, year=year)
    names = {d.pk: d for d in data["districts"]}
    cells = []
    for (district_id, outcome), cell in sorted(
        data["cells"].items(),
        key=lambda item: (item[0][0] is None, str(item[0][0]), item[0][1] is None, str(item[0][1])),
    ):
        district = names.get(district_id)
        shown = not cell.suppressed
        cells.append(
            {
                "district_pcode": district.pcode if district else None,
                "district": district.name if district else None,
                "outcome": outcome,
                "suppressed": cell.suppressed,
                "answers": cell.answers,
                "invitations": cell.invitations,
                "response_rate_percent": cell.response_rate,
                "satisfaction_percent": cell.satisfaction.percent if shown else None,
                "satisfaction_margin": cell.satisfaction.margin if shown else None,
                "fairness_percent": cell.fairness.percent if shown else None,
                "fairness_margin": cell.fairness.margin if shown else None,
            }
        )
    return {"year": year, "threshold": data["threshold"], "cells": cells}


from refah.reports.maps.api import router as maps_router  # noqa: E402 — the risk maps' operations

router.add_router("", maps_router)
from refah.reports.kpi.api import router as kpi_router  # noqa: E402  (the indicators' operations)

router.add_router("", kpi_router)
