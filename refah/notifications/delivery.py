"""Sending stored messages once their transaction has committed: in the request, or by a sender thread.

settings.REFAH_NOTIFICATION_DELIVERY:

- "inline": the committing request sends the message and records the outcome (tests; SQLite, whose one writer
  a second thread would only queue behind);
- "thread" (default on PostgreSQL): the request hands the message to this process's sender thread and answers;
  the thread sends messages in the order they came and records the outcomes of a batch in one statement. A
  slow SMS gateway no longer holds requests, and a busy API costs one status write per batch, not per message.

A message is stored as pending before either happens, so nothing is lost with the process: `refah
notifications send` sends the pending ones that are older than a minute (run it from a timer).
"""

import atexit
import datetime as dt
import logging
import queue
import threading
import time

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import close_old_connections, connection, connections
from django.utils import timezone
from django.utils.module_loading import import_string

from refah.common import sql
from refah.notifications.backends import DEFAULT_BACKEND
from refah.notifications.catalog import SECRETS
from refah.notifications.errors import ERR_SECRET_NOT_KEPT
from refah.notifications.models import Notification, Status

logger = logging.getLogger(__name__)

BATCH = 500  # messages whose outcome one statement records, at most
STALE = dt.timedelta(minutes=1)  # a pending message older than this was not handed to a living sender

_queue: queue.Queue = queue.Queue()
_sender: threading.Thread | None = None
_sender_lock = threading.Lock()


def backend():
    """The configured delivery backend (settings.REFAH_NOTIFICATION_BACKEND)."""
    return import_string(getattr(settings, "REFAH_NOTIFICATION_BACKEND", DEFAULT_BACKEND))()


def mode() -> str:
    configured = getattr(settings, "REFAH_NOTIFICATION_DELIVERY", None)
    if configured is None:
        return "thread" if connection.vendor == "postgresql" else "inline"
    if configured not in ("inline", "thread"):
        raise ImproperlyConfigured(f'REFAH_NOTIFICATION_DELIVERY is "inline" or "thread", not {configured!r}')
    return configured


def deliver(notification: Notification) -> None:
    """Send a committed, pending message now or through the sender thread, as configured."""
    if mode() == "inline":
        send([notification])
        return
    _queue.put(notification)
    _sender_start()


def send(notifications: list[Notification]) -> None:
    """Send the messages and record each outcome; the rows are not read back (they are what was saved).

    A gateway failure is recorded on its message, never raised. The sent ones are marked in one statement.
    """
    if not notifications:
        return
    gateway, sent, now = backend(), [], timezone.now()
    for notification in notifications:
        try:
            gateway.send(notification)
        except Exception as exc:
            logger.exception("notification %s failed", notification.pk)
            notification.status, notification.error = Status.FAILED, str(exc)[:300]
            sql.update(notification, ["status", "sent_at", "error"])
        else:
            notification.status, notification.sent_at = Status.SENT, now
            sent.append(notification)
    if len(sent) == 1:
        sql.update(sent[0], ["status", "sent_at", "error"])
    elif sent:
        Notification.objects.filter(pk__in=[n.pk for n in sent]).update(status=Status.SENT, sent_at=now)


def send_pending(*, older_than: dt.timedelta = STALE) -> int:
    """Send the messages still pending after `older_than` (their process stopped before sending them).

    A message whose secret was masked when stored (a sign-in code) cannot be sent from the database: it is
    marked failed, and the citizen asks for a new code."""
    cutoff = timezone.now() - older_than
    Notification.objects.filter(status=Status.PENDING, created_at__lt=cutoff, template__in=list(SECRETS)).update(
        status=Status.FAILED, error=str(ERR_SECRET_NOT_KEPT)[:300]
    )
    total = 0
    while batch := list(Notification.objects.filter(status=Status.PENDING, created_at__lt=cutoff)[:BATCH]):
        send(batch)
        total += len(batch)
    return total


def flush(timeout: float = 10.0) -> bool:
    """Wait until the sender thread has sent and recorded every message handed to it; False on timeout.

    Also run when the process exits, so that a command's messages go before it ends (whatever is still
    pending after `timeout` is left to `refah notifications send`)."""
    deadline = time.monotonic() + timeout
    while _queue.unfinished_tasks:
        if time.monotonic() > deadline or _sender is None or not _sender.is_alive():
            return False
        time.sleep(0.005)
    return True


def stop(timeout: float = 10.0) -> None:
    """Let the sender thread finish what it was given, close its database connection and end (tests, shutdown)."""
    global _sender
    if _sender is not None and _sender.is_alive():
        _queue.put(_STOP)
        _sender.join(timeout)
    _sender = None


_STOP = object()


def linger() -> float:
    """Seconds the sender waits after a message for more to record with it (settings.REFAH_NOTIFICATION_LINGER_MS).

    Under load each recorded batch is one UPDATE (and one WAL flush): at 500 submissions a second, taking only
    what was already queued meant a statement for every one or two messages, about a fifth of the server's
    throughput; 50 ms gathers a few dozen. A message is at most that much later at the gateway."""
    return getattr(settings, "REFAH_NOTIFICATION_LINGER_MS", 50) / 1000


def _next_batch() -> list:
    """The next message and those that follow it within linger(), BATCH at most; _STOP ends a batch."""
    batch = [_queue.get()]
    deadline = time.monotonic() + linger()
    while len(batch) < BATCH and batch[-1] is not _STOP:
        try:
            batch.append(_queue.get(timeout=max(0.0, deadline - time.monotonic())))
        except queue.Empty:
            break
    return batch


def _sender_start() -> None:
    global _sender
    if _sender is not None and _sender.is_alive():
        return
    with _sender_lock:
        if _sender is None or not _sender.is_alive():
            _sender = threading.Thread(target=_run, name="refah-notifications", daemon=True)
            _sender.start()
            atexit.unregister(flush)  # once, whichever sender is the current one
            atexit.register(flush)


def _run() -> None:
    while True:
        batch = _next_batch()
        stopping = batch[-1] is _STOP
        try:
            send(batch[:-1] if stopping else batch)
        except Exception:  # the database failed: the messages stay pending, for `refah notifications send`
            logger.exception("recording %d notifications failed", len(batch))
            close_old_connections()
        finally:
            for _ in batch:
                _queue.task_done()
        if stopping:
            connections.close_all()
            return
