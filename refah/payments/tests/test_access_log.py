"""Exporting a payment batch (names, identity numbers, IBANs) is one access-log row listing its households."""

import io

import pytest

from refah.audit.models import AccessEvent
from refah.common.errors import ConflictError
from refah.payments.models import Entitlement
from refah.payments.services_files import batch_export
from refah.payments.tests.helpers import approved_batch, computed_cycle

pytestmark = pytest.mark.django_db


def test_export_is_one_row_with_the_batch_households(maker, checker, office_merkez, merkez):
    cycle = computed_cycle(maker=maker, office=office_merkez, amounts=[150_000, 90_000, 60_000], district=merkez)
    batch = approved_batch(maker=maker, checker=checker, cycle=cycle)
    before = AccessEvent.objects.count()
    batch_export(actor=maker, batch=batch, fmt="csv", out=io.BytesIO())
    event = AccessEvent.objects.order_by("-id")[0]
    assert AccessEvent.objects.count() == before + 1
    assert (event.actor, event.kind, event.channel, event.purpose) == (maker, "export", "export", "payment")
    assert (event.object_type, event.object_id, event.count) == ("payments.paymentbatch", str(batch.pk), 3)
    households = Entitlement.objects.filter(cycle=cycle).values_list("household_id", flat=True)
    assert sorted(event.subjects["households"]) == sorted(str(h) for h in households)


def test_refused_export_logs_nothing(maker, checker, office_merkez, merkez):
    cycle = computed_cycle(maker=maker, office=office_merkez, amounts=[150_000], district=merkez)
    batch = approved_batch(maker=maker, checker=checker, cycle=cycle)
    before = AccessEvent.objects.count()
    with pytest.raises(ConflictError):
        batch.total_kurus += 1
        batch_export(actor=maker, batch=batch, fmt="csv", out=io.BytesIO())
    assert AccessEvent.objects.count() == before
