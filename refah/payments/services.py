"""Writes of payments that are not cycles, batches, files or stock: payee accounts and aid card loads.

Cycles: services_cycles. Batches and the PTT deadline: services_batches. Bank files: services_files.
In-kind stock and deliveries: services_inkind.
"""

from django.db import transaction
from django.utils import timezone

from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.common.errors import PermissionDeniedError, RefahError
from refah.payments import errors, sources
from refah.payments.enums import Channel, EntitlementStatus
from refah.payments.iban import iban_normalize, is_valid_tr_iban
from refah.payments.models import Entitlement, PayeeAccount, PaymentCycle
from refah.payments.schedule import plan_for
from refah.registry.models import Person


def payee_account_set(*, actor, person: Person, iban: str) -> PayeeAccount:
    """Record a person's IBAN (validated TR mod-97); the previous open account is closed."""
    if not actor.has_perm("payments.add_payeeaccount"):
        raise PermissionDeniedError(errors.ERR_NO_PERMISSION)
    iban = iban_normalize(iban)
    if not is_valid_tr_iban(iban):
        raise RefahError(errors.ERR_IBAN_INVALID, field="iban")
    with transaction.atomic():
        PayeeAccount.objects.filter(person=person, closed_at__isnull=True).update(closed_at=timezone.now())
        account = PayeeAccount.objects.create(person=person, iban=iban)
        audit_record(actor=actor, action=AuditAction.PAYEE_ACCOUNT_SET, obj=account, after=snapshot(account))
    return account


def cycle_load_aid_cards(*, actor, cycle: PaymentCycle) -> int:
    """Load the cycle's aid-card entitlements onto the households' purses (idempotent by entitlement).

    The purse is the program's: coded in schedule.PLANS, or the `payment.purse` of a custom program.
    """
    if not actor.has_perm("payments.create_batch"):
        raise PermissionDeniedError(errors.ERR_NO_PERMISSION)
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
