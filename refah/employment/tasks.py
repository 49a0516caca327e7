"""The employment timer: ask İŞKUR about open referrals, the longest unasked first (refah.common.timers), so offers,
placements and the ends of work arrive without a caseworker pressing "Ask İŞKUR"."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import F

from refah.common.errors import RefahError
from refah.common.timers import timer
from refah.employment.models import Referral
from refah.employment.services import iskur_sync

logger = logging.getLogger(__name__)

BATCH = 200


def referrals_sync(*, actor, limit: int = BATCH) -> int:
    """iskur_sync for up to `limit` open referrals, never asked first, then the longest unasked; the number asked.
    A referral İŞKUR cannot answer now is logged and left for the next run (its error stays on the referral)."""
    asked = 0
    due = (
        Referral.objects.filter(closed_on__isnull=True)
        .select_related("person")
        .order_by(F("synced_at").asc(nulls_first=True), "created_at")[:limit]
    )
    for referral in due:
        try:
            iskur_sync(actor=actor, referral=referral)
        except RefahError as exc:
            logger.warning("employment_iskur_sync: referral %s not asked: %s", referral.pk, exc)
            continue
        asked += 1
    return asked


@timer("employment_iskur_sync")
def employment_iskur_sync_timer() -> int | None:
    """referrals_sync under REFAH_EXCHANGE_USER (who needs the employment permission); None without that user."""
    username = settings.REFAH_EXCHANGE_USER
    actor = get_user_model().objects.filter(username=username, is_active=True).first() if username else None
    if actor is None:
        logger.warning("employment_iskur_sync: no active user REFAH_EXCHANGE_USER=%r; nothing done", username)
        return None
    return referrals_sync(actor=actor)
