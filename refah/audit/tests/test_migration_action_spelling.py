"""Migration audit 0005 renames the stored `payments.<subject>_<verb>` actions to the one spelling, and back."""

import importlib

import pytest
from django.apps import apps

from refah.audit.actions import AuditAction
from refah.audit.models import AuditEvent

migration = importlib.import_module("refah.audit.migrations.0005_action_spelling")


def _event(action: str) -> AuditEvent:
    return AuditEvent.objects.create(
        actor_label="system", action=action, object_type="payments.paymentbatch", object_id="1"
    )


@pytest.mark.django_db
def test_stored_actions_renamed_and_restored():
    old, kept = _event("payments.batch_approve"), _event("household_register")
    migration.forward(apps, None)
    old.refresh_from_db()
    assert old.action == AuditAction.PAYMENT_BATCH_APPROVE
    migration.backward(apps, None)
    old.refresh_from_db()
    kept.refresh_from_db()
    assert (old.action, kept.action) == ("payments.batch_approve", "household_register")


def test_every_renamed_action_is_a_member():
    assert set(migration.RENAMED.values()) <= set(AuditAction.values)
