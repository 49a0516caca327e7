"""The cases' timer: ask the institutions about the households of open applications nobody asked about yet
(refah.common.timers; the exchange's own timer retries the checks left waiting)."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model

from refah.cases.verification import households_to_verify
from refah.common.errors import RefahError
from refah.common.timers import timer
from refah.exchange import services as exchange_services
from refah.exchange.enums import CallPurpose

logger = logging.getLogger(__name__)

BATCH = 200


def applications_verify(*, actor, limit: int = BATCH) -> int:
    """Ask every required institution about up to `limit` households waiting for their first (or a fresh) check;
    the number of households asked. A household the actor may not reach or without members is logged and skipped."""
    asked = 0
    for household in households_to_verify(limit=limit):
        try:
            exchange_services.household_refresh(
                actor=actor,
                household=household,
                purpose=CallPurpose.APPLICATION,
                sources=tuple(settings.REFAH_VERIFY_SOURCES),
            )
        except RefahError as exc:
            logger.warning("applications_verify: household %s skipped: %s", household.pk, exc)
            continue
        asked += 1
    return asked


@timer("cases_verify_applications")
def cases_verify_applications_timer() -> int | None:
    """applications_verify under REFAH_EXCHANGE_USER; None (and a warning) without that user."""
    username = settings.REFAH_EXCHANGE_USER
    actor = get_user_model().objects.filter(username=username, is_active=True).first() if username else None
    if actor is None:
        logger.warning("cases_verify_applications: no active user REFAH_EXCHANGE_USER=%r; nothing done", username)
        return None
    return applications_verify(actor=actor)
