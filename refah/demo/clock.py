"""Run a service "as of" an earlier working day, so the demo has a past: overdue cases, last month's meeting.

Only `django.utils.timezone.now` is shifted (every service reads the time through it, and model
`auto_now` fields too). The public ledger keeps the real time of each append, as it must.
"""

import contextlib
import datetime as dt
from unittest import mock

from django.utils import timezone


@contextlib.contextmanager
def as_of(days_ago: int, *, hour: int = 9, minute: int = 30):
    """Within the block, now() is `days_ago` days back at hour:minute (local), running on from there."""
    if days_ago <= 0:
        yield
        return
    real_now = timezone.now
    started = real_now()
    day = timezone.localdate() - dt.timedelta(days=days_ago)
    base = timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))
    with mock.patch("django.utils.timezone.now", lambda: base + (real_now() - started)):
        yield


def days_back(days_ago: int, *, hour: int = 10) -> dt.datetime:
    """An aware datetime `days_ago` days back (negative: ahead) at a round hour, local time."""
    day = timezone.localdate() - dt.timedelta(days=days_ago)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))
