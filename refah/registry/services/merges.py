"""Merging two records of one person (registered twice), and undoing a merge; docs/registry-merges.md.

A merge is a correction, not an event: the two records were always one person, so the merged ("dropped") record
must count on no day, past or present, and the kept one must count wherever the person did. What happens to the
dropped record's rows, each change recorded in PersonMerge.changes:

- memberships: one in a household where the kept person was a member over overlapping dates is voided (left on
  the day it began: it holds on no day) and the kept person's membership there stretched over both; any other
  moves to the kept person. Two current memberships in different households are refused: where the person lives
  is the caseworker's decision (move or remove one first), never an automatic move;
- incomes move to the kept person, except one of a kind and source the kept person already has over overlapping
  dates (it would be counted twice): that one stays with the dropped record, where nothing counts it;
- assets they own name the kept person as owner; school attendance moves, month by month, where the kept person
  has none for the month;
- the kept person's empty details (GAP_FIELDS) take the dropped record's, and `take` names details the clerk
  prefers from the dropped record; the identity number moves when only the dropped record has one.

Undo restores every recorded value the row still holds as the merge left it; a value changed since by another
write is left as it now is (the later change wins) and listed in PersonMerge.kept. If what it would restore
breaks a rule of the registry (one current household per person, one reference person, a unique number), the
undo is refused and nothing changes.
"""

from django.apps import apps
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from refah.audit.actions import AuditAction
from refah.audit.services import audit_record
from refah.common.errors import ConflictError, NotFoundError, RefahError
from refah.common.signals import household_changed
from refah.common.text import fold
from refah.registry import enums, errors, selectors
from refah.registry.models import Asset, IncomeSource, Membership, Person, PersonMerge, SchoolAttendance
from refah.registry.services import checks
from refah.registry.signals import person_merged, person_unmerged

PERMISSION = "registry.merge_person"
# Details of the kept person that, empty there ("", none, 0, false, not given), take the dropped record's value.
GAP_FIELDS = (
    "father_name",
    "mother_name",
    "phone",
    "education_level",
    "school_level",
    "school_grade",
    "disability_percent",
    "dependency",
    "chronic_illness",
    "child_checkups_done",
    "sed_risk",
    "in_state_care",
    "orphan",
    "spouse_deceased",
)
# Details the clerk may take from the dropped record even where the kept person has a value.
TAKE_FIELDS = (
    "first_name",
    "last_name",
    "birth_date",
    "sex",
    "marital_status",
    "employment_status",
    "social_security",
    "health_insurance",
    "pregnant",
    "deceased_on",
    *GAP_FIELDS,
)
_EMPTY = ("", None, 0, False, "none")


class _Changes:
    """Sets a field of a row and records the change as JSON, before and after."""

    def __init__(self) -> None:
        self.rows: list[dict] = []

    def set(self, obj, name: str, value) -> bool:
        field = obj._meta.get_field(name)
        before = _json(getattr(obj, field.attname))
        setattr(obj, field.attname, value)
        after = _json(getattr(obj, field.attname))
        if before == after:
            return False
        row = {"model": obj._meta.label_lower, "id": str(obj.pk), "field": field.attname}
        self.rows.append({**row, "before": before, "after": after})
        return True


def _json(value):
    if value is None or isinstance(value, (bool, int, str)):
        return value
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _save(obj, names) -> None:
    names = list(names)
    if not names:
        return
    if any(f.name == "updated_at" for f in obj._meta.concrete_fields):
        names.append("updated_at")
    obj.save(update_fields=names)


def _reason(reason: str) -> str:
    reason = " ".join((reason or "").split())
    if not reason:
        raise RefahError(errors.ERR_MERGE_REASON, field="reason")
    return reason[:500]


def person_merge(
    *, actor, keep: Person, drop: Person, reason: str, take=(), review_id=None, link_id=None
) -> PersonMerge:
    """Merge `drop` (a second record of the same person) into `keep`; `review_id`/`link_id` name the record
    linkage decision it came from. Refused, with nothing changed, for two records with their own identity
    numbers, a record merged already, the same record twice, or one outside the actor's jurisdiction."""
    checks.require(actor, PERMISSION)
    reason = _reason(reason)
    take = tuple(dict.fromkeys(take or ()))
    if keep.pk == drop.pk:
        raise RefahError(errors.ERR_MERGE_SAME, field="drop")
    bad = [name for name in take if name not in TAKE_FIELDS]
    if bad:
        raise RefahError(errors.ERR_MERGE_FIELD % {"field": bad[0]}, field="take")
    with transaction.atomic():
        locked = {p.pk: p for p in Person.objects.select_for_update().filter(pk__in=[keep.pk, drop.pk]).order_by("pk")}
        keep, drop = locked.get(keep.pk), locked.get(drop.pk)
        _check(actor, keep, "keep")
        _check(actor, drop, "drop")
        if PersonMerge.objects.filter(keep=drop, undone_at__isnull=True).exists():
            raise ConflictError(errors.ERR_MERGE_HAS_MERGED, field="drop")
        if keep.national_id and drop.national_id:
            raise RefahError(errors.ERR_MERGE_TWO_NUMBERS, field="drop")
        changes = _Changes()
        households = _move_memberships(changes, keep, drop)
        _move_rows(changes, keep, drop)
        _take_details(changes, keep, drop, take)
        merge = PersonMerge.objects.create(
            keep=keep,
            drop=drop,
            merged_by=actor,
            reason=reason,
            review_id=review_id,
            link_id=link_id,
            changes=changes.rows,
            **_where(keep),
        )
        _effects(merge, person_merged.send(sender=PersonMerge, merge=merge, actor=actor))
        after = _after(merge, reason=reason, changes=len(changes.rows))
        home = _home(keep.pk, households)
        audit_record(actor=actor, action=AuditAction.PERSON_MERGED, obj=merge, after=after, household_id=home)
        _households_changed(households)
    return merge


def _check(actor, person: Person | None, field: str) -> None:
    """Found in the actor's jurisdiction (a merged record: through the person it was merged into), not merged."""
    if person is None or not selectors.person_in_jurisdiction(user=actor, person=person):
        raise NotFoundError(errors.ERR_PERSON_NOT_FOUND, field=field)
    if person.merged_into_id is not None:
        raise ConflictError(errors.ERR_MERGE_ALREADY, field=field)


def _overlap(start_a, end_a, start_b, end_b) -> bool:
    """Do two date ranges (an end of None: open) overlap or touch?"""
    return (end_a is None or start_b <= end_a) and (end_b is None or start_a <= end_b)


def _move_memberships(changes: _Changes, keep: Person, drop: Person) -> set:
    """Void or move the dropped record's memberships (module docstring); the households touched."""
    keep_rows = list(Membership.objects.select_for_update().filter(person=keep).order_by("joined_on"))
    drop_rows = list(Membership.objects.select_for_update().filter(person=drop).order_by("joined_on"))
    keep_now = next((m for m in keep_rows if m.left_on is None), None)
    drop_now = next((m for m in drop_rows if m.left_on is None), None)
    if keep_now and drop_now and keep_now.household_id != drop_now.household_id:
        raise ConflictError(errors.ERR_MERGE_TWO_HOUSEHOLDS, field="drop")
    left_reason = gettext("Registered twice: merged into another record")
    households = {m.household_id for m in keep_rows if m.left_on is None}
    for row in drop_rows:
        households.add(row.household_id)
        same = sorted((o for o in keep_rows if o.household_id == row.household_id), key=lambda o: o.left_on is not None)
        other = next((o for o in same if _overlap(o.joined_on, o.left_on, row.joined_on, row.left_on)), None)
        if other is None:
            changes.set(row, "person", keep.pk)
            _save(row, ["person_id"])
            continue
        was_left, role = row.left_on, row.role
        changes.set(row, "left_on", row.joined_on)
        changes.set(row, "left_reason", left_reason)
        _save(row, ["left_on", "left_reason"])
        _stretch(changes, other, row.joined_on, was_left, role)
    return households


def _stretch(changes: _Changes, other: Membership, joined_on, left_on, role: str) -> None:
    """The kept person's membership covers the voided one's dates too (and its current role, if it was current)."""
    names = []
    if joined_on < other.joined_on and changes.set(other, "joined_on", joined_on):
        names.append("joined_on")
    if other.left_on is not None and (left_on is None or left_on > other.left_on):
        changes.set(other, "left_on", left_on)
        names.append("left_on")
        if left_on is None:
            changes.set(other, "left_reason", "")
            changes.set(other, "role", role)
            names += ["left_reason", "role"]
    elif other.left_on is None and left_on is None and role == enums.Role.REFERENCE:
        names += ["role"] if changes.set(other, "role", role) else []
    _save(other, names)


def _move_rows(changes: _Changes, keep: Person, drop: Person) -> None:
    """Incomes, owned assets and school attendance of the dropped record (module docstring)."""
    kept_incomes = list(IncomeSource.objects.filter(person=keep))
    for income in IncomeSource.objects.select_for_update().filter(person=drop):
        twice = any(
            k.kind == income.kind
            and k.source == income.source
            and _overlap(k.start_date, k.end_date, income.start_date, income.end_date)
            for k in kept_incomes
        )
        if not twice:
            changes.set(income, "person", keep.pk)
            _save(income, ["person_id"])
    for asset in Asset.objects.select_for_update().filter(owner=drop):
        changes.set(asset, "owner", keep.pk)
        _save(asset, ["owner_id"])
    months = set(SchoolAttendance.objects.filter(person=keep).values_list("month", flat=True))
    for row in SchoolAttendance.objects.select_for_update().filter(person=drop).exclude(month__in=months):
        changes.set(row, "person", keep.pk)
        _save(row, ["person_id"])


def _take_details(changes: _Changes, keep: Person, drop: Person, take: tuple) -> None:
    """The identity number (when only the dropped record has one), empty details, the clerk's choices; then the
    dropped record points at the kept person."""
    if drop.national_id and not keep.national_id:
        number, kind = drop.national_id, drop.id_kind
        changes.set(drop, "national_id", None)
        changes.set(drop, "id_kind", enums.IdKind.INTERNAL)
        _save(drop, ["national_id", "id_kind"])  # the number is unique: freed before the kept person takes it
        changes.set(keep, "id_kind", kind)
        changes.set(keep, "national_id", number)
    for name in GAP_FIELDS:
        if name not in take and getattr(keep, name) in _EMPTY and getattr(drop, name) not in _EMPTY:
            changes.set(keep, name, getattr(drop, name))
    for name in take:
        changes.set(keep, name, getattr(drop, name))
    changes.set(keep, "name_folded", fold(f"{keep.first_name} {keep.last_name}"))
    _save(
        keep, sorted({c["field"] for c in changes.rows if (c["model"], c["id"]) == ("registry.person", str(keep.pk))})
    )
    changes.set(drop, "merged_into", keep.pk)
    _save(drop, ["merged_into_id"])


def _where(keep: Person) -> dict:
    """The merge's district: the kept person's current household's, else their last one's."""
    current = keep.memberships.current().select_related("household").first()
    current = current or keep.memberships.select_related("household").order_by("-joined_on").first()
    if current is None:
        return {}
    return {"district_id": current.household.district_id, "province_id": current.household.province_id}


def _effects(merge: PersonMerge, responses) -> None:
    effects = {}
    for _receiver, response in responses:
        if response:
            effects.update(response)
    if effects:
        merge.effects = effects
        merge.save(update_fields=["effects", "updated_at"])


def _after(merge: PersonMerge, **details) -> dict:
    after = {"keep_id": str(merge.keep_id), "drop_id": str(merge.drop_id), **details}
    return {**after, "review_id": str(merge.review_id)} if merge.review_id else after


def _home(keep_id, households: set):
    """The household whose trail shows the merge (or its undo): the kept person's, else one of those it touched."""
    current = Membership.objects.current().filter(person_id=keep_id).values_list("household_id", flat=True).first()
    return current or min(households, key=str, default=None)


def _households_changed(households: set) -> None:
    """Every household the merge touched is evaluated again (eligibility, on commit)."""
    for household_id in households:
        household_changed.send(sender=None, household_id=household_id)


def person_merge_undo(*, actor, merge_id, reason: str) -> PersonMerge:
    """Undo a merge: every value it changed is restored unless changed since (module docstring)."""
    checks.require(actor, PERMISSION)
    reason = _reason(reason)
    with transaction.atomic():
        merge = selectors.access_merge_by_id(user=actor, merge_id=merge_id)
        merge = PersonMerge.objects.select_for_update().get(pk=merge.pk)
        if merge.undone_at is not None:
            raise ConflictError(errors.ERR_MERGE_UNDONE)
        kept, households = _restore(merge.changes)
        current = Membership.objects.current().filter(person_id__in=(merge.keep_id, merge.drop_id))
        households |= set(current.values_list("household_id", flat=True))
        merge.undone_at, merge.undone_by, merge.undone_reason, merge.kept = timezone.now(), actor, reason, kept
        merge.save(update_fields=["undone_at", "undone_by", "undone_reason", "kept", "updated_at"])
        person_unmerged.send(sender=PersonMerge, merge=merge, actor=actor)
        after, home = _after(merge, reason=reason, kept=len(kept)), _home(merge.keep_id, households)
        audit_record(actor=actor, action=AuditAction.PERSON_MERGE_UNDONE, obj=merge, after=after, household_id=home)
        _households_changed(households)
    return merge


def _restore(changes: list[dict]) -> tuple[list[dict], set]:
    """Put back, last first, each value the row still holds as the merge left it; (changes kept, households).
    Consecutive changes of one row are saved together, as they were made (a number and its kind go together)."""
    kept, households = [], set()
    try:
        with transaction.atomic():
            for group in _by_row(reversed(changes)):
                model = apps.get_model(group[0]["model"])
                row = model.objects.select_for_update().filter(pk=group[0]["id"]).first()
                if row is None:
                    kept += group
                    continue
                if isinstance(row, Membership):
                    households.add(row.household_id)
                names = []
                for change in group:
                    field = model._meta.get_field(change["field"])
                    if _json(getattr(row, field.attname)) != change["after"]:
                        kept.append(change)
                        continue
                    setattr(row, field.attname, field.to_python(change["before"]))
                    names.append(field.attname)
                _save(row, names)
    except IntegrityError as exc:
        raise ConflictError(errors.ERR_MERGE_UNDO_CONFLICT) from exc
    return kept[::-1], households


def _by_row(changes) -> list[list[dict]]:
    groups: list[list[dict]] = []
    for change in changes:
        if groups and (groups[-1][0]["model"], groups[-1][0]["id"]) == (change["model"], change["id"]):
            groups[-1].append(change)
        else:
            groups.append([change])
    return groups
