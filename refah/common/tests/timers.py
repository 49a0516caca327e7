"""Running a pending task in a test as `refah db_worker` does: claim its row, run it, record the outcome."""

from django.tasks import Task
from django.tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


def pending(job: Task):
    """The rows of `job` waiting to run."""
    return DBTaskResult.objects.filter(task_path=job.module_path, status=TaskResultStatus.READY)


def run_pending(job: Task) -> DBTaskResult:
    """Run the one pending row of `job` through django-tasks-db's worker; the row, with its status and result."""
    (row,) = pending(job)
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    )
    row.claim(worker.worker_id)
    worker.run_task(row)
    row.refresh_from_db()
    return row
