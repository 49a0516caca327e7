"""The institutions' checks an application waits for before it goes to the committee: never decided on missing data.

Which institutions must have answered is configuration (`REFAH_VERIFY_SOURCES`: every source by default, none in the
test settings unless a test asks). A check counts when the source answered (status ok) within
`REFAH_VERIFY_MAX_AGE_DAYS`; a source that is down leaves the check `waiting`, retried by the exchange's timer, and the
case page shows it. The checks themselves are the exchange's (`refah.exchange`): this module only reads them and asks
for them (`application_verify`, and the `cases_verify_applications` timer for applications nobody asked about yet).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from refah.cases.enums import Status
from refah.cases.models import Application
from refah.exchange import selectors as exchange_selectors
from refah.exchange import services as exchange_services
from refah.exchange.enums import CallPurpose, CheckStatus, Source

# Applications still being investigated: the ones whose checks the timer asks for.
OPEN_STATUSES = (Status.RECEIVED, Status.UNDER_INVESTIGATION, Status.RE_EXAMINATION)


@dataclass(frozen=True)
class CheckRow:
    source: str
    label: str
    status: str  # ok | waiting | failed | stale | not_asked
    checked_at: dt.datetime | None = None
    next_retry_at: dt.datetime | None = None
    error: str = ""

    @property
    def done(self) -> bool:
        return self.status == CheckStatus.OK


def required_sources() -> tuple[str, ...]:
    return tuple(settings.REFAH_VERIFY_SOURCES)


def checks(household_id) -> list[CheckRow]:
    """One row per required source: its check's state now."""
    held = exchange_selectors.checks_of(household_id=household_id)
    oldest = timezone.now() - dt.timedelta(days=settings.REFAH_VERIFY_MAX_AGE_DAYS)
    rows = []
    for code in required_sources():
        check = held.get(code)
        label = str(Source(code).label)
        if check is None:
            rows.append(CheckRow(code, label, "not_asked"))
            continue
        status = check.status
        if status == CheckStatus.OK and (check.checked_at is None or check.checked_at < oldest):
            status = "stale"
        rows.append(CheckRow(code, label, status, check.checked_at, check.next_retry_at, check.last_error))
    return rows


def waiting_for(household_id) -> list[CheckRow]:
    """The required checks not done: what the application waits for."""
    return [row for row in checks(household_id) if not row.done]


def application_verify(*, actor, application, reason: str = "") -> list[CheckRow]:
    """Ask every required institution about the application's household now (the case page's button)."""
    sources = required_sources()
    if sources:
        exchange_services.household_refresh(
            actor=actor, household=application.household, purpose=CallPurpose.APPLICATION, sources=sources
        )
    return checks(application.household_id)


def households_to_verify(*, limit: int) -> list:
    """Households of open applications with a required check never asked for or stale (a waiting check is the
    exchange's retry timer's), oldest application first."""
    sources = required_sources()
    if not sources:
        return []
    fresh = timezone.now() - dt.timedelta(days=settings.REFAH_VERIFY_MAX_AGE_DAYS)
    answered = exchange_selectors.households_checked(sources=sources, since=fresh)
    rows = (
        Application.objects.filter(status__in=OPEN_STATUSES)
        .exclude(household_id__in=answered)
        .select_related("household__district")
        .order_by("created_at")
    )
    seen, out = set(), []
    for application in rows[: limit * 4]:
        if application.household_id not in seen:
            seen.add(application.household_id)
            out.append(application.household)
        if len(out) == limit:
            break
    return out
