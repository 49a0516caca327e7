"""Exporting a payment batch (names, identity numbers, IBANs) is one access-log row listing its households."""

import io

import pytest
from django.urls import reverse

from refah.audit.models import AccessEvent
from refah.common.errors import ConflictError
from refah.payments.models import Entitlement
from refah.payments.services import batch_export
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


def test_batch_screen_is_one_row_with_the_lines_households(client, maker, checker, office_merkez, merkez):
    cycle = computed_cycle(maker=maker, office=office_merkez, amounts=[150_000, 90_000], district=merkez)
    batch = approved_batch(maker=maker, checker=checker, cycle=cycle)
    before = AccessEvent.objects.count()
    client.force_login(maker)
    assert client.get(reverse("payments:batch_detail", args=[batch.pk])).status_code == 200
    assert AccessEvent.objects.count() == before + 1
    event = AccessEvent.objects.order_by("-id")[0]
    assert (event.actor, event.kind, event.channel, event.purpose) == (maker, "household_list", "screen", "payment")
    assert (event.object_type, event.object_id, event.count) == ("payments.paymentbatch", str(batch.pk), 2)
    entitlements = Entitlement.objects.filter(cycle=cycle)
    assert sorted(event.subjects["households"]) == sorted(str(e.household_id) for e in entitlements)
    assert sorted(event.subjects["persons"]) == sorted(str(e.recipient_id) for e in entitlements)


def test_refused_batch_screen_logs_nothing(client, maker, checker, tuzluca_finance, office_merkez, merkez):
    cycle = computed_cycle(maker=maker, office=office_merkez, amounts=[150_000], district=merkez)
    batch = approved_batch(maker=maker, checker=checker, cycle=cycle)
    before = AccessEvent.objects.count()
    client.force_login(tuzluca_finance)
    assert client.get(reverse("payments:batch_detail", args=[batch.pk])).status_code == 404
    assert AccessEvent.objects.count() == before
