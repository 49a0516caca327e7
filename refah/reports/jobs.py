"""Long reports made in the background: the kinds, asking for one, the worker's run with progress, the file.

A part of the reports app that makes a long report (the booklet, a map as PDF/PNG, an open-data file) describes it
as a `ReportKind` and registers it (kinds.py). `job_request()` checks the asker's permission and the parameters at
once (a clear error, nothing stored), stores a `ReportJob` and enqueues `tasks.report_job_run` when the transaction
commits; the worker (`refah db_worker`) runs the kind's `make(params, progress)`, which reports its progress as it
goes (`progress(percent, stage)`, saved at once so the screen shows it) and returns the file. A job is the asker's
own: nobody else finds it (not found, as for a wrong id).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.functional import Promise

from refah.audit.actions import AuditAction
from refah.audit.services import audit_record
from refah.common.errors import ERR_NO_PERMISSION, NotFoundError, PermissionDeniedError, RefahError
from refah.reports import enums
from refah.reports.errors import ERR_JOB_FAILED, ERR_JOB_NOT_FOUND, ERR_JOB_NOT_READY, ERR_JOB_UNEXPECTED, ERR_KIND
from refah.reports.models import ReportJob
from refah.reports.roles import VIEW_JOBS

logger = logging.getLogger(__name__)

Progress = Callable[[int, str], None]


@dataclass(frozen=True)
class ReportFile:
    filename: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class ReportKind:
    """`clean(user, params) -> params` checks the parameters (RefahError with the field) and the user's right to
    them (jurisdiction); `make(params, progress) -> ReportFile` runs in the worker, in the job's language."""

    code: str
    label: Promise
    permission: str
    clean: Callable[[object, dict], dict]
    make: Callable[[dict, Progress], ReportFile]


KINDS: dict[str, ReportKind] = {}


def report_kind_register(kind: ReportKind) -> None:
    KINDS[kind.code] = kind


def kind_get(code: str) -> ReportKind:
    try:
        return KINDS[code]
    except KeyError:
        raise RefahError(ERR_KIND % {"kind": code}, field="kind") from None


def job_request(*, actor, kind: str, params: dict | None = None, language: str | None = None) -> ReportJob:
    """Ask for a long report: checked now, made by the worker; the stored job (status "waiting")."""
    report = kind_get(kind)
    if not actor.has_perm(report.permission) or not actor.has_perm(VIEW_JOBS):
        raise PermissionDeniedError(ERR_NO_PERMISSION)
    cleaned = report.clean(actor, dict(params or {}))
    language = language or translation.get_language() or "tr"
    with transaction.atomic():
        job = ReportJob.objects.create(kind=kind, params=cleaned, language=language[:8], requested_by=actor)
        audit_record(actor=actor, action=AuditAction.REPORT_REQUEST, obj=job, after={"kind": kind, "params": cleaned})
        transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(job_id) -> None:
    from refah.reports.tasks import report_job_run

    report_job_run.enqueue(job_id=str(job_id))


def job_run(job_id: str) -> ReportJob:
    """Make the report of a waiting job (the worker's task): progress saved as it goes, the file or the error."""
    job = ReportJob.objects.get(pk=job_id)
    if job.status != enums.JobStatus.QUEUED:
        return job
    report = KINDS.get(job.kind)
    job.status, job.started_at, job.progress = enums.JobStatus.RUNNING, timezone.now(), 0
    job.save(update_fields=["status", "started_at", "progress", "updated_at"])

    def progress(percent: int, stage: str = "") -> None:
        job.progress = max(0, min(100, int(percent)))
        job.stage = str(stage)[:200]
        job.save(update_fields=["progress", "stage", "updated_at"])

    try:
        if report is None:
            raise RefahError(ERR_KIND % {"kind": job.kind}, field="kind")
        with translation.override(job.language):
            made = report.make(job.params, progress)
            stage = str(enums.JobStatus.DONE.label)
    except RefahError as exc:
        with translation.override(job.language):
            job.error = str(ERR_JOB_FAILED % {"reason": exc.message})
        job.status = enums.JobStatus.FAILED
    except Exception:
        logger.exception("report job %s (%s) failed", job.pk, job.kind)
        with translation.override(job.language):
            job.error = str(ERR_JOB_UNEXPECTED)
        job.status = enums.JobStatus.FAILED
    else:
        job.file.save(made.filename, ContentFile(made.content), save=False)
        job.filename, job.content_type = made.filename, made.content_type
        job.status, job.progress, job.stage = enums.JobStatus.DONE, 100, stage
    job.finished_at = timezone.now()
    job.save()
    return job


# ------------------------------------------------------------------------------------------------ selectors


def job_list(*, user, limit: int = 50) -> list[ReportJob]:
    """The user's own reports, newest first."""
    if not user.has_perm(VIEW_JOBS):
        raise PermissionDeniedError(ERR_NO_PERMISSION)
    return list(ReportJob.objects.filter(requested_by=user)[:limit])


def access_job_by_id(*, user, job_id) -> ReportJob:
    """One of the user's own reports; anyone else's, or a wrong id, is not found."""
    if not user.has_perm(VIEW_JOBS):
        raise PermissionDeniedError(ERR_NO_PERMISSION)
    try:
        return ReportJob.objects.get(pk=job_id, requested_by=user)
    except (ReportJob.DoesNotExist, ValidationError, ValueError, TypeError):  # a malformed id is a wrong id
        raise NotFoundError(ERR_JOB_NOT_FOUND) from None


def job_file(*, user, job_id) -> tuple[ReportJob, bytes]:
    """The file of one of the user's finished reports."""
    job = access_job_by_id(user=user, job_id=job_id)
    if job.status != enums.JobStatus.DONE or not job.file:
        raise RefahError(ERR_JOB_NOT_READY, field="job", code="not_ready")
    with job.file.open("rb") as handle:
        return job, handle.read()
