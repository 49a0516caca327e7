"""The reports' background work: making a long report (jobs.py) in the worker."""

from django.tasks import task

from refah.common.timers import timer
from refah.reports.jobs import job_run
from refah.reports.kpi.refresh import indicators_refresh


@task
def report_job_run(*, job_id: str) -> str:
    """Make one waiting report; its status afterwards."""
    return job_run(job_id).status


@timer("reports_refresh_indicators")
def reports_refresh_indicators() -> int:
    """Recompute the strategic plan's indicators (kpi/refresh.py) daily; the number of figures stored."""
    return indicators_refresh()
