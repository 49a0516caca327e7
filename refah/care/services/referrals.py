"""Moving a casework referral on from the specialised services (in progress when its person joins a waiting list,
done when placed) — whatever the referral's state at the service, since the waiting list and the placement are the
service's answer — with a step in the referral's history (casework's `ReferralStep`, shown on the referral's page)
and an audit row of the care app's own."""

from __future__ import annotations

from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.care.services._common import today
from refah.casework.enums import REFERRAL_OPEN_STATUSES, ReferralStatus
from refah.casework.models import Referral, ReferralStep


def referral_move(*, actor, referral: Referral, status: str, outcome: str = "") -> None:
    """Set an open referral's status (inside the caller's transaction); a closed one is left as it is."""
    locked = Referral.objects.select_for_update().get(pk=referral.pk)
    if locked.status not in REFERRAL_OPEN_STATUSES or locked.status == status:
        return
    before = snapshot(locked, ["status", "closed_on", "outcome"])
    was, locked.status = locked.status, status
    fields = ["status", "updated_at"]
    if locked.owner_id is None and getattr(actor, "is_authenticated", False):
        locked.owner = actor  # the one who put the person on the list answers for the referral from now on
        fields.append("owner")
    if status == ReferralStatus.DONE:
        locked.closed_on, locked.outcome = today(), outcome[:2000]
        fields += ["closed_on", "outcome"]
    locked.save(update_fields=fields)
    ReferralStep.objects.create(
        referral=locked,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=AuditAction.CARE_REFERRAL_UPDATE,
        from_status=was,
        to_status=status,
        note=outcome[:2000],
    )
    audit_record(
        actor=actor,
        action=AuditAction.CARE_REFERRAL_UPDATE,
        obj=locked,
        before=before,
        after=snapshot(locked, ["status", "closed_on", "outcome"]),
        household_id=locked.household_id,
    )
