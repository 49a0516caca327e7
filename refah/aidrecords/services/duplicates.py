"""Duplicate aid: the same need covered twice in a period, flagged with both records as evidence.

- two givers: the same kind of aid for the same household from two different givers, periods overlapping;
- two households: the same person received the same kind of aid, periods overlapping, in two households.

Found on intake (`duplicates_find` over the new records) and over everything by `refah aidrecords_duplicates`
(`duplicates_scan`); a pair is flagged once. A caseworker resolves a flag as justified, recovered or a
recording error, with a note; the resolution is audited on the household's trail.
"""

from collections import defaultdict
from itertools import combinations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from refah.accounts.selectors import district_in_jurisdiction
from refah.aidrecords import errors
from refah.aidrecords.enums import FlagKind, FlagStatus
from refah.aidrecords.models import AidRecord, DuplicateFlag
from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.common.errors import ConflictError, NotFoundError, PermissionDeniedError

PERMISSION_RESOLVE = "aidrecords.resolve_duplicateflag"
_FIELDS = ("id", "giver_id", "household_id", "person_id", "kind", "period_start", "period_end", "created_at")
_CHUNK = 500


def _overlap(a: AidRecord, b: AidRecord) -> bool:
    return a.period_start <= b.period_end and b.period_start <= a.period_end


def _pair(a: AidRecord, b: AidRecord) -> tuple[AidRecord, AidRecord]:
    """The earlier record first, so a pair has one order whichever came in last."""
    return (a, b) if (a.created_at, str(a.pk)) <= (b.created_at, str(b.pk)) else (b, a)


def _candidates(records: list[AidRecord]) -> list[tuple[str, AidRecord, AidRecord]]:
    """Every (kind of flag, first, second) among the records and those already held that they collide with."""
    linked = [r for r in records if r.household_id]
    if not linked:
        return []
    kinds = {r.kind for r in linked}
    households = {r.household_id for r in linked}
    persons = {r.person_id for r in linked if r.person_id}
    held = AidRecord.objects.filter(household_id__isnull=False, kind__in=kinds).only(*_FIELDS)
    by_household, by_person = defaultdict(list), defaultdict(list)
    for r in held.filter(household_id__in=households):
        by_household[(r.household_id, r.kind)].append(r)
    if persons:
        for r in held.filter(person_id__in=persons):
            by_person[(r.person_id, r.kind)].append(r)
    new = {r.pk for r in linked}
    found = {}
    for group in by_household.values():
        for a, b in combinations(group, 2):
            if (a.pk in new or b.pk in new) and a.giver_id != b.giver_id and _overlap(a, b):
                first, second = _pair(a, b)
                found[(FlagKind.TWO_GIVERS, first.pk, second.pk)] = (first, second)
    for group in by_person.values():
        for a, b in combinations(group, 2):
            if (a.pk in new or b.pk in new) and a.household_id != b.household_id and _overlap(a, b):
                first, second = _pair(a, b)
                found[(FlagKind.TWO_HOUSEHOLDS, first.pk, second.pk)] = (first, second)
    return [(kind, first, second) for (kind, _a, _b), (first, second) in found.items()]


def duplicates_find(*, records: list[AidRecord], actor=None) -> list[DuplicateFlag]:
    """Flag the duplicates the records take part in (inside the caller's transaction, or its own)."""
    candidates = _candidates(records)
    if not candidates:
        return []
    firsts = {first.pk for _kind, first, _second in candidates}
    known = set(DuplicateFlag.objects.filter(first_id__in=firsts).values_list("kind", "first_id", "second_id"))
    new = [(kind, first, second) for kind, first, second in candidates if (kind, first.pk, second.pk) not in known]
    if not new:
        return []
    households = {
        r.household_id: r.household
        for r in AidRecord.objects.filter(pk__in=[s.pk for _k, _f, s in new]).select_related("household")
    }
    flags = []
    with transaction.atomic():
        for kind, first, second in new:
            household = households[second.household_id]
            flag = DuplicateFlag.objects.create(
                kind=kind,
                first=first,
                second=second,
                household=household,
                person_id=second.person_id if kind == FlagKind.TWO_HOUSEHOLDS else None,
                district_id=household.district_id,
                province_id=household.province_id,
                status=FlagStatus.OPEN,
            )
            after = snapshot(flag, ["kind", "first", "second", "person", "status"])
            audit_record(
                actor=actor or "system", action=AuditAction.AID_DUPLICATE_FLAG, obj=flag, after=after,
                household_id=household.pk,
            )  # fmt: skip
            flags.append(flag)
    return flags


def duplicates_scan(*, actor=None) -> int:
    """Look for duplicate aid over every linked record, a few hundred households at a time; the new flags' count."""
    households = AidRecord.objects.filter(household_id__isnull=False).values_list("household_id", flat=True).distinct()
    ids = sorted(set(households), key=str)
    made = 0
    for start in range(0, len(ids), _CHUNK):
        chunk = list(AidRecord.objects.filter(household_id__in=ids[start : start + _CHUNK]).only(*_FIELDS))
        made += len(duplicates_find(records=chunk, actor=actor))
    return made


def duplicate_flag_resolve(*, actor, flag: DuplicateFlag, status: str, note: str) -> DuplicateFlag:
    """Close a flag as justified, recovered or a recording error, saying why; audited on the household."""
    if not actor.has_perm(PERMISSION_RESOLVE):
        raise PermissionDeniedError(errors.ERR_NO_PERMISSION.en)
    if status not in (FlagStatus.JUSTIFIED, FlagStatus.RECOVERED, FlagStatus.ERROR):
        raise ValidationError({"status": errors.ERR_RESOLUTION})
    note = " ".join((note or "").split())
    if not note:
        raise ValidationError({"note": errors.ERR_NOTE_REQUIRED})
    if len(note) > 500:
        note = note[:500]
    with transaction.atomic():
        locked = DuplicateFlag.objects.select_for_update().select_related("district").filter(pk=flag.pk).first()
        if locked is None or not district_in_jurisdiction(actor, locked.district):
            raise NotFoundError(errors.ERR_FLAG_NOT_FOUND)
        if locked.status != FlagStatus.OPEN:
            raise ConflictError(errors.ERR_FLAG_RESOLVED, field="status", code="resolved")
        before = snapshot(locked, ["status", "note"])
        locked.status, locked.note = status, note
        locked.resolved_by, locked.resolved_at = actor, timezone.now()
        locked.save(update_fields=["status", "note", "resolved_by", "resolved_at", "updated_at"])
        after = snapshot(locked, ["status", "note"])
        audit_record(
            actor=actor, action=AuditAction.AID_DUPLICATE_RESOLVE, obj=locked, before=before, after=after,
            household_id=locked.household_id,
        )  # fmt: skip
    return locked
