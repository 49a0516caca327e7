"""The targeting app's background work: a scoring run in the worker; the timer that scores the registry daily
with the approved model (when there is one)."""

from django.tasks import task

from refah.common.timers import timer


@task
def scoring_run_task(*, run_id: str) -> str:
    """Execute one waiting scoring run; its status afterwards."""
    from refah.targeting.scoring import scoring_run_execute

    return scoring_run_execute(run_id).status


@timer("targeting_score_registry")
def targeting_score_registry() -> int:
    """Score the whole registry with the approved model (none: nothing to do); the households scored."""
    from refah.common.errors import ConflictError
    from refah.targeting.services import scoring_run_request

    try:
        run = scoring_run_request(actor=None, run_now=True)
    except ConflictError:
        return 0
    return run.households
