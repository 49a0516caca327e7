"""The reports' background work: making a long report (jobs.py) in the worker."""

from django.tasks import task

from refah.reports.jobs import job_run


@task
def report_job_run(*, job_id: str) -> str:
    """Make one waiting report; its status afterwards."""
    return job_run(job_id).status
