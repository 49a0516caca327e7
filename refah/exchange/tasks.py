"""The exchange's timer: retry the waiting checks that are due (sources that were down), audited under
REFAH_EXCHANGE_USER (who needs exchange.refresh_sources and the registry's write permissions); without that user
it does nothing and waits for the next run (refah.common.timers)."""

from django.conf import settings
from django.contrib.auth import get_user_model

from refah.common.timers import timer
from refah.exchange.services import checks_retry


@timer("exchange_refresh")
def exchange_refresh_timer() -> int | None:
    """Retry due waiting checks; how many were retried, or None without a user to act as."""
    if not settings.REFAH_EXCHANGE_USER:
        return None
    user = get_user_model().objects.filter(username=settings.REFAH_EXCHANGE_USER).first()
    return checks_retry(actor=user) if user else None
