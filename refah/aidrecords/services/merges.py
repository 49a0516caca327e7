"""Aid records follow a merge of two registry persons (the registry's person_merged / person_unmerged signals).

The aid a merged record received is the kept person's from then on: the household page, the person's aid and the
duplicate-aid check ("the same person in two households") see it there, and a duplicate the merge reveals is
flagged at once. Undoing the merge gives back to the merged record exactly the records the merge moved, unless a
later link decision has moved one since. The household each record went to is history and stays."""

from django.utils import timezone

from refah.aidrecords.models import AidRecord
from refah.aidrecords.services.duplicates import duplicates_find
from refah.audit.actions import AuditAction
from refah.audit.services import audit_record

EFFECT = "aidrecords"


def person_merged(sender, merge, actor, **kwargs) -> dict | None:
    """The merged record's aid records name the kept person; returns their ids (kept in merge.effects)."""
    records = list(AidRecord.objects.select_for_update().filter(person_id=merge.drop_id))
    if not records:
        return None
    _repoint(records, actor, merge.drop_id, merge.keep_id)
    duplicates_find(records=records, actor=actor)
    return {EFFECT: {"records": [str(r.pk) for r in records]}}


def person_unmerged(sender, merge, actor, **kwargs) -> None:
    """The records the merge moved go back to the merged record (those still naming the kept person)."""
    ids = (merge.effects or {}).get(EFFECT, {}).get("records", [])
    if ids:
        records = list(AidRecord.objects.select_for_update().filter(pk__in=ids, person_id=merge.keep_id))
        _repoint(records, actor, merge.keep_id, merge.drop_id)


def _repoint(records: list[AidRecord], actor, old, new) -> None:
    now = timezone.now()
    for record in records:
        record.person_id, record.updated_at = new, now
        audit_record(
            actor=actor,
            action=AuditAction.AID_RECORD_LINK,
            obj=record,
            before={"person_id": str(old)},
            after={"person_id": str(new)},
            household_id=record.household_id,
        )
    AidRecord.objects.bulk_update(records, ["person", "updated_at"])
