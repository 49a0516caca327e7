"""Keep determinations current: re-evaluate a household when the registry says it changed."""

import logging
from functools import partial

from django.db import transaction

from refah.eligibility import services

logger = logging.getLogger(__name__)


def household_changed_receiver(sender, *, household_id, **kwargs) -> None:
    """Re-evaluate this month's determinations once the registry's transaction commits."""
    transaction.on_commit(partial(services.household_refresh, household_id=household_id), robust=True)


# Up to this many households are re-evaluated when the change commits; more go to the background worker.
INLINE = 20
CHUNK = 5000


def households_changed_receiver(sender, *, household_ids, **kwargs) -> None:
    """Re-evaluate this month's determinations of these households once the transaction commits."""
    ids = sorted({str(pk) for pk in household_ids if pk})
    if ids:
        transaction.on_commit(partial(_reevaluate, ids), robust=True)


def _reevaluate(ids: list[str]) -> None:
    from refah.eligibility.tasks import households_reevaluate_task

    if len(ids) <= INLINE:
        for household_id in ids:
            services.household_refresh(household_id=household_id)
        return
    for start in range(0, len(ids), CHUNK):
        households_reevaluate_task.enqueue(household_ids=ids[start : start + CHUNK])
