"""The care timer: offers of freed places not answered by their date go back to the list, and the place is
offered to the next entry (refah.common.timers)."""

from django.utils import timezone

from refah.care.enums import WaitingStatus
from refah.care.models import WaitingEntry
from refah.care.services.offers import offer_expire
from refah.common.timers import timer


def offers_expire() -> int:
    """offer_expire for every offer past its date; how many lapsed."""
    due = WaitingEntry.objects.filter(status=WaitingStatus.OFFERED, offer_expires_on__lt=timezone.localdate())
    return sum(1 for entry in due.order_by("offer_expires_on") if offer_expire(entry=entry).status == "waiting")


@timer("care_expire_offers")
def care_expire_offers_timer() -> int:
    return offers_expire()
