"""discrepancy_resolve: a caseworker closes a disagreement with the declaration, saying why."""

from django.db import transaction
from django.utils import timezone

from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.common.errors import ConflictError, PermissionDeniedError, RefahError
from refah.exchange import errors
from refah.exchange.enums import DiscrepancyStatus
from refah.exchange.models import Discrepancy
from refah.exchange.selectors import access_discrepancy_by_id


@transaction.atomic
def discrepancy_resolve(*, actor, discrepancy_id, note: str) -> Discrepancy:
    """Resolve an open disagreement (the declaration was corrected, or the registered fact explained). Needs
    `exchange.refresh_sources` (caseworkers, inspectors) and the household in the actor's jurisdiction."""
    if not actor.has_perm("exchange.refresh_sources"):
        raise PermissionDeniedError(errors.ERR_NO_PERMISSION)
    row = access_discrepancy_by_id(user=actor, discrepancy_id=discrepancy_id, for_update=True)
    if row.status != DiscrepancyStatus.OPEN:
        raise ConflictError(errors.ERR_ALREADY_RESOLVED, field="discrepancy")
    note = " ".join((note or "").split())
    if not note:
        raise RefahError(errors.ERR_REASON_REQUIRED, field="note")
    before = snapshot(row)
    row.status, row.resolved_by, row.resolved_at, row.resolution_note = (
        DiscrepancyStatus.RESOLVED,
        actor,
        timezone.now(),
        note[:300],
    )
    row.save(update_fields=["status", "resolved_by", "resolved_at", "resolution_note", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.DISCREPANCY_RESOLVE,
        obj=row,
        before=before,
        after=snapshot(row),
        household_id=row.household_id,
    )
    return row
