"""Background work of the rules: re-evaluating many households after a change that touched them all at once
(other givers' aid records of an uploaded file; refah.eligibility.receivers.households_changed_receiver)."""

from django.tasks import task
from django.utils import timezone

from refah.eligibility import services


@task
def households_reevaluate_task(*, household_ids: list[str], period: str | None = None) -> dict:
    """This month's (or `period`'s) determinations of these households, evaluated as a batch; the run's counts."""
    return services.determinations_run(period=period or timezone.localdate(), household_ids=household_ids)
