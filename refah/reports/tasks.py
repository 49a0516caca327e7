"""The reports' background work: making a long report (jobs.py) in the worker; the timer that offers the
satisfaction survey after each decision (surveys/offering.py)."""

from django.tasks import task

from refah.common.timers import timer
from refah.reports.jobs import job_run
from refah.reports.kpi.refresh import indicators_refresh
from refah.reports.surveys.offering import surveys_offer


@task
def report_job_run(*, job_id: str) -> str:
    """Make one waiting report; its status afterwards."""
    return job_run(job_id).status


@timer("reports_publish_open_data")
def reports_publish_open_data_timer() -> dict[str, int]:
    """Publish the open data (refah/reports/opendata/publish.py): rows per dataset."""
    from refah.reports.opendata.publish import open_data_publish

    release = open_data_publish()
    return {code: summary["rows"] for code, summary in release.summary.items()}


@timer("reports_offer_surveys")
def reports_offer_surveys_timer() -> int:
    """Invite each newly decided round's household to the survey; how many invitations were made."""
    return surveys_offer()


@timer("reports_refresh_indicators")
def reports_refresh_indicators() -> int:
    """Recompute the strategic plan's indicators (kpi/refresh.py) daily; the number of figures stored."""
    return indicators_refresh()
