"""Screens of the reports app. This module: the user's long reports (list with progress that refreshes itself
while one is being made, one report, its file). The indicators, survey, maps, booklet and open-data screens live in
their own modules and are added to urls.py."""

from django.http import HttpResponse
from django.shortcuts import render

from refah.common.views import screen
from refah.reports import enums, jobs
from refah.reports.roles import VIEW_JOBS


@screen(permission=VIEW_JOBS, methods=("GET",))
def job_list(request):
    rows = jobs.job_list(user=request.user)
    busy = any(job.status in (enums.JobStatus.QUEUED, enums.JobStatus.RUNNING) for job in rows)
    for job in rows:
        kind = jobs.KINDS.get(job.kind)
        job.label = kind.label if kind else job.kind
    context = {"rows": rows, "busy": busy}
    template = "reports/_job_rows.html" if request.headers.get("HX-Request") else "reports/jobs.html"
    return render(request, template, context)


@screen(permission=VIEW_JOBS, methods=("GET",))
def job_detail(request, job_id):
    job = jobs.access_job_by_id(user=request.user, job_id=job_id)
    busy = job.status in (enums.JobStatus.QUEUED, enums.JobStatus.RUNNING)
    kind = jobs.KINDS.get(job.kind)
    context = {"job": job, "busy": busy, "label": kind.label if kind else job.kind}
    template = "reports/_job_status.html" if request.headers.get("HX-Request") else "reports/job.html"
    return render(request, template, context)


@screen(permission=VIEW_JOBS, methods=("GET",))
def job_download(request, job_id):
    job, data = jobs.job_file(user=request.user, job_id=job_id)
    response = HttpResponse(data, content_type=job.content_type or "application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="{job.filename}"'
    return response
