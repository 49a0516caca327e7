"""Moving a casework referral on from the specialised services (in progress when its person joins a waiting list,
done when placed), with an audit row of the care app's own: casework's referral has no such service yet."""

from __future__ import annotations

from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.care.services._common import today
from refah.casework.enums import REFERRAL_OPEN_STATUSES, ReferralStatus
from refah.casework.models import Referral


def referral_move(*, actor, referral: Referral, status: str, outcome: str = "") -> None:
    """Set an open referral's status (inside the caller's transaction); a closed one is left as it is."""
    locked = Referral.objects.select_for_update().get(pk=referral.pk)
    if locked.status not in REFERRAL_OPEN_STATUSES or locked.status == status:
        return
    before = snapshot(locked, ["status", "closed_on", "outcome"])
    locked.status = status
    fields = ["status", "updated_at"]
    if status == ReferralStatus.DONE:
        locked.closed_on, locked.outcome = today(), outcome[:2000]
        fields += ["closed_on", "outcome"]
    locked.save(update_fields=fields)
    audit_record(
        actor=actor,
        action=AuditAction.CARE_REFERRAL_UPDATE,
        obj=locked,
        before=before,
        after=snapshot(locked, ["status", "closed_on", "outcome"]),
        household_id=locked.household_id,
    )
