"""The payments' timer: PTT cash not collected by the deadline is returned (refah.common.timers)."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model

from refah.common.timers import timer
from refah.payments.services import ptt_unclaimed_return

logger = logging.getLogger(__name__)


@timer("payments_return_unclaimed")
def payments_return_unclaimed_timer() -> int | None:
    """Return unclaimed PTT lines, audited under REFAH_TIMERS_PAYMENTS_USER; None (and a warning) without that user."""
    username = settings.REFAH_TIMERS_PAYMENTS_USER
    actor = get_user_model().objects.filter(username=username, is_active=True).first() if username else None
    if actor is None:
        logger.warning("return_unclaimed: no active user REFAH_TIMERS_PAYMENTS_USER=%r; nothing done", username)
        return None
    return ptt_unclaimed_return(actor=actor)
