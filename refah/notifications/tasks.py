"""The notifications' timer: send the messages a stopped process left pending (refah.common.timers)."""

from refah.common.timers import timer
from refah.notifications import delivery


@timer("notifications_send")
def notifications_send_timer() -> int:
    """Send the messages still pending; how many were sent."""
    return delivery.send_pending()
