"""Writes: the detection run (idempotent) and the review of a flag (reviewed with a note, dismissed with a reason)."""

from __future__ import annotations

import datetime as dt
import json

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from refah.audit.actions import AuditAction
from refah.audit.services import audit_record
from refah.common.errors import ERR_NO_PERMISSION, PermissionDeniedError, RefahError
from refah.targeting.anomalies import detectors
from refah.targeting.anomalies.models import AnomalyFlag, FlagStatus
from refah.targeting.anomalies.roles import REVIEW_FLAGS
from refah.targeting.anomalies.selectors import flag_get

ERR_NOTE = _("Write a note on what you found (at least 10 characters).")
ERR_REASON = _("Write the reason for dismissing the flag (at least 10 characters).")
ERR_CLOSED = _("This flag has already been reviewed or dismissed.")
NOTE_MIN = 10


def anomalies_find(*, day: dt.date | None = None) -> int:
    """Run every detector over the whole registry and raise the new flags; how many were raised.

    Idempotent: a case (kind, household, key) already flagged — open, reviewed or dismissed — is not raised again,
    so a reviewed case does not come back every night; a new fact (another application, another address group) has
    a new key. The candidates are filtered against the existing keys in one query and written in one bulk insert."""
    day = day or timezone.localdate()
    found = detectors.candidates(day)
    if found.is_empty():
        return 0
    now = timezone.now()
    with transaction.atomic():
        known = set(
            AnomalyFlag.objects.filter(key__in=found["key"].unique().to_list()).values_list(
                "kind", "household_id", "key"
            )
        )
        known = {(kind, household.hex, key) for kind, household, key in known}
        new = [
            AnomalyFlag(kind=k, household_id=h, district_id=d, key=key, evidence=json.loads(e), found_at=now)
            for k, h, d, key, e in found.unique(["kind", "household_id", "key"]).iter_rows()
            if (k, h, key) not in known
        ]
        AnomalyFlag.objects.bulk_create(new)
    return len(new)


def _close(*, actor, flag_id, text: str, status: str, error) -> tuple[AnomalyFlag, dict, str]:
    """Inside the caller's transaction: the flag closed with the text; (flag, before, text)."""
    if not actor.has_perm(REVIEW_FLAGS):
        raise PermissionDeniedError(ERR_NO_PERMISSION)
    text = (text or "").strip()
    if len(text) < NOTE_MIN:
        raise RefahError(error, field="note")
    flag = flag_get(user=actor, flag_id=flag_id, for_update=True)
    if flag.status != FlagStatus.OPEN:
        raise RefahError(ERR_CLOSED, field="status")
    before = {"status": flag.status}
    flag.status, flag.note, flag.reviewer, flag.reviewed_at = status, text, actor, timezone.now()
    flag.save(update_fields=["status", "note", "reviewer", "reviewed_at", "updated_at"])
    return flag, before, text


def flag_review(*, actor, flag_id, note: str) -> AnomalyFlag:
    """Mark the flag reviewed, with what the inspector found."""
    with transaction.atomic():
        flag, before, text = _close(actor=actor, flag_id=flag_id, text=note, status=FlagStatus.REVIEWED, error=ERR_NOTE)
        audit_record(
            actor=actor, action=AuditAction.ANOMALY_FLAG_REVIEW, obj=flag, before=before,
            after={"status": flag.status, "note": text}, household_id=flag.household_id,
        )  # fmt: skip
    return flag


def flag_dismiss(*, actor, flag_id, reason: str) -> AnomalyFlag:
    """Dismiss the flag (nothing to look into), with the reason."""
    with transaction.atomic():
        flag, before, text = _close(
            actor=actor, flag_id=flag_id, text=reason, status=FlagStatus.DISMISSED, error=ERR_REASON
        )
        audit_record(
            actor=actor, action=AuditAction.ANOMALY_FLAG_DISMISS, obj=flag, before=before,
            after={"status": flag.status, "note": text}, household_id=flag.household_id,
        )  # fmt: skip
    return flag
