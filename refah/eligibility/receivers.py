"""Keep determinations current: re-evaluate a household when the registry says it changed."""

import logging
from functools import partial

from django.db import transaction

from refah.eligibility import services

logger = logging.getLogger(__name__)


def household_changed_receiver(sender, *, household_id, **kwargs) -> None:
    """Re-evaluate this month's determinations once the registry's transaction commits."""
    transaction.on_commit(partial(services.household_refresh, household_id=household_id), robust=True)
