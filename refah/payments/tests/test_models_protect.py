"""Frozen copies without a database foreign key are still protected: a delete through Django is refused."""

import pytest
from django.db.models import ProtectedError

from refah.payments.models import Entitlement, PaymentLine
from refah.payments.tests.helpers import approved_batch, computed_cycle


def test_household_and_recipient_of_an_entitlement_cannot_be_deleted(maker, office_merkez):
    computed_cycle(maker=maker, office=office_merkez, amounts=[125_000])
    entitlement = Entitlement.objects.select_related("household", "recipient").get()
    for protected in (entitlement.household, entitlement.recipient):
        with pytest.raises(ProtectedError) as refused:
            protected.delete()
        assert entitlement in refused.value.protected_objects


def test_an_entitlement_with_a_payment_line_cannot_be_deleted(maker, checker, office_merkez):
    cycle = computed_cycle(maker=maker, office=office_merkez, amounts=[125_000])
    approved_batch(maker=maker, checker=checker, cycle=cycle)
    with pytest.raises(ProtectedError) as refused:
        Entitlement.objects.get().delete()
    assert PaymentLine.objects.get() in refused.value.protected_objects
    assert PaymentLine.objects.count() == 1
