"""Background work and periodic jobs on Django's tasks API (django-tasks' database backend, run by `refah db_worker`).

The tasks API has no cron: a periodic job is a task that does its work and then enqueues itself again,
REFAH_TIMERS_EVERY seconds later. `refah timers start` enqueues each job once; a job is pending while a READY row of
it exists, and nothing enqueues a second one then, so one chain of each job runs however often timers are started.
Apps declare their jobs with @timer in their `tasks.py` (refah/audit, notifications, cases, aidcard, payments).
"""

import datetime as dt
import functools
import logging
from collections.abc import Callable

from django.conf import settings
from django.tasks import Task, task
from django.tasks.base import TaskResultStatus
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

TIMERS: dict[str, Task] = {}


def enqueue_unless_pending(job: Task, *, run_after: dt.datetime) -> bool:
    """Enqueue `job` to run at `run_after` unless one is already waiting to run; True if enqueued."""
    if DBTaskResult.objects.filter(task_path=job.module_path, status=TaskResultStatus.READY).exists():
        return False
    job.using(run_after=run_after).enqueue()
    return True


def timer_every(name: str) -> dt.timedelta:
    """How long a timer waits between runs (setting REFAH_TIMERS_EVERY, seconds)."""
    return dt.timedelta(seconds=settings.REFAH_TIMERS_EVERY[name])


def timer(name: str) -> Callable[[Callable], Task]:
    """Make `func` a periodic job called `name`: a task that runs it, then enqueues itself for the next run.

    The next run is enqueued even when this one fails (the failure is recorded on the task's result), so one error
    does not stop the timer."""

    def decorate(func: Callable) -> Task:
        @functools.wraps(func)
        def run():
            try:
                return func()
            finally:
                enqueue_unless_pending(TIMERS[name], run_after=timezone.now() + timer_every(name))

        TIMERS[name] = task(run)
        return TIMERS[name]

    return decorate


def timers_start() -> dict[str, bool]:
    """Enqueue every timer to run now unless it is already pending; per timer name, whether it was enqueued."""
    autodiscover_modules("tasks")
    now = timezone.now()
    return {name: enqueue_unless_pending(job, run_after=now) for name, job in sorted(TIMERS.items())}
