"""Writes of the payee's account: the IBAN a person is paid to."""

from django.db import transaction
from django.utils import timezone

from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.common.errors import RefahError
from refah.payments import errors
from refah.payments.iban import iban_normalize, is_valid_tr_iban
from refah.payments.models import PayeeAccount
from refah.payments.services._common import require
from refah.registry.models import Person


def payee_account_set(*, actor, person: Person, iban: str) -> PayeeAccount:
    """Record a person's IBAN (validated TR mod-97); the previous open account is closed."""
    require(actor, "payments.add_payeeaccount")
    iban = iban_normalize(iban)
    if not is_valid_tr_iban(iban):
        raise RefahError(errors.ERR_IBAN_INVALID, field="iban")
    with transaction.atomic():
        PayeeAccount.objects.filter(person=person, closed_at__isnull=True).update(closed_at=timezone.now())
        account = PayeeAccount.objects.create(person=person, iban=iban)
        audit_record(actor=actor, action=AuditAction.PAYEE_ACCOUNT_SET, obj=account, after=snapshot(account))
    return account
