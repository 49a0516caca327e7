"""Writes of aid-card payments: a cycle's aid-card entitlements loaded onto the households' purses."""

from django.db import transaction

from refah.common.errors import RefahError
from refah.payments import errors, sources
from refah.payments.enums import Channel, EntitlementStatus
from refah.payments.models import Entitlement, PaymentCycle
from refah.payments.schedule import plan_for
from refah.payments.services._common import require


def cycle_load_aid_cards(*, actor, cycle: PaymentCycle) -> int:
    """Load the cycle's aid-card entitlements onto the households' purses (idempotent by entitlement).

    The purse is the program's: coded in schedule.PLANS, or the `payment.purse` of a custom program.
    """
    require(actor, "payments.create_batch")
    plan = plan_for(cycle.program)
    if plan is None:
        raise RefahError(errors.ERR_UNKNOWN_PROGRAM, field="program")
    purse = plan.purse
    pending = Entitlement.objects.filter(cycle=cycle, channel=Channel.AID_CARD, status=EntitlementStatus.PENDING)
    loaded = 0
    for entitlement in pending.select_related("household").iterator(chunk_size=2_000):
        with transaction.atomic():
            sources.purse_load(
                actor=actor,
                household=entitlement.household,
                purse=purse,
                amount_kurus=entitlement.amount_kurus,
                source_ref=f"entitlement:{entitlement.pk}",
            )
            Entitlement.objects.filter(pk=entitlement.pk).update(status=EntitlementStatus.PAID)
        loaded += 1
    return loaded
