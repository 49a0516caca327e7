"""A unit's alerts, marked read by the member who saw them."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from refah.audit.actions import AuditAction
from refah.shelters.models import SealedAlert
from refah.shelters.services.common import _audit, require_named


def alert_read(*, actor, alert: SealedAlert) -> SealedAlert:
    require_named(actor, alert.unit_id)
    if alert.read_at is None:
        alert.read_at, alert.read_by = timezone.now(), actor
        with transaction.atomic():
            alert.save(update_fields=["read_at", "read_by", "updated_at"])
            _audit(actor=actor, action=AuditAction.SEALED_ALERT_READ, obj=alert)
    return alert
