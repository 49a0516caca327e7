"""Each source's circuit breaker, kept in the database so every process (web, worker, bulk refresh) and the screens
see the same state: closed; open until a time after `breaker_failures` failed calls in a row; then half-open, when
exactly one caller (the one whose conditional UPDATE wins) tries again — success closes it, failure re-opens it."""

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from refah.exchange.enums import BreakerState
from refah.exchange.models import Breaker


class CircuitOpen(Exception):
    def __init__(self, until: dt.datetime):
        super().__init__(f"open until {until.isoformat()}")
        self.until = until


def breaker_allow(source: str, *, cooldown: float) -> None:
    """Raise CircuitOpen unless a call to `source` may be made now (closed, or this caller is the half-open probe)."""
    row = Breaker.objects.filter(source=source).values_list("state", "opened_until", "updated_at").first()
    if row is None or row[0] == BreakerState.CLOSED:
        return
    now = timezone.now()
    state, until, updated = row
    if state == BreakerState.HALF_OPEN:
        until = updated + dt.timedelta(seconds=cooldown)  # a probe that never reported back frees the next one
    if until > now:
        raise CircuitOpen(until)
    claimed = Breaker.objects.filter(
        Q(state=BreakerState.OPEN, opened_until__lte=now)
        | Q(state=BreakerState.HALF_OPEN, updated_at__lte=now - dt.timedelta(seconds=cooldown)),
        source=source,
    ).update(state=BreakerState.HALF_OPEN, updated_at=now)
    if not claimed:
        raise CircuitOpen(now + dt.timedelta(seconds=cooldown))


def breaker_success(source: str) -> None:
    Breaker.objects.filter(source=source).exclude(state=BreakerState.CLOSED, failures=0).update(
        state=BreakerState.CLOSED, failures=0, opened_until=None, last_error="", updated_at=timezone.now()
    )


def breaker_failure(source: str, *, error: str, threshold: int, cooldown: float) -> None:
    """Count a failed call (time-out, 5xx, unreachable); open the breaker at `threshold` or after a failed probe."""
    with transaction.atomic():
        row, _ = Breaker.objects.select_for_update().get_or_create(source=source)
        row.failures += 1
        row.last_error = error[:300]
        if row.state == BreakerState.HALF_OPEN or row.failures >= threshold:
            row.state = BreakerState.OPEN
            row.opened_until = timezone.now() + dt.timedelta(seconds=cooldown)
        row.save()


def breaker_reset(source: str) -> None:
    """Close a source's breaker (an operator's action, and tests')."""
    Breaker.objects.filter(source=source).delete()
