"""Placing a person in an institution and discharging them, never above the capacity.

The institution's row is locked (`select_for_update`) and its current placements counted inside the transaction,
so concurrent placements queue on the row; the `occupied` counter, raised and lowered in the same transaction, is
held within the capacity by a CHECK constraint (the database's own guard). A placement into a full institution is
a ConflictError, nothing changed, and the attempt is audited in a transaction of its own. A discharge offers the
freed place to the top of the waiting list (waiting.offer_next).
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import F

from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.care import errors
from refah.care.enums import DischargeReason, InstitutionKind, WaitingStatus
from refah.care.kinds import KINDS, POPULATION_TEXT, in_population
from refah.care.models import Institution, Placement, WaitingEntry
from refah.care.roles import PLACE
from refah.care.services._common import household_in_reach, institution_in_reach, member_of, not_future, require, today
from refah.care.services.offers import offer_next
from refah.care.services.referrals import referral_move
from refah.casework.enums import ReferralStatus
from refah.common.errors import ConflictError, RefahError


def placement_create(
    *, actor, institution, person, household, started_on: dt.date | None = None, entry: WaitingEntry | None = None
) -> Placement:
    """Place `person` (a current member of `household`) in `institution` from `started_on` (today): a ConflictError
    when it is full — or its last free place is offered to the waiting list — nothing changed and the attempt
    audited. An open waiting entry of the person for the kind is marked placed, its referral done."""
    require(actor, PLACE)
    household = household_in_reach(actor, household)
    member_of(person, household)
    day = started_on or today()
    not_future(day, "started_on")
    try:
        with transaction.atomic():
            return _place(actor, institution, person, household, day, entry)
    except ConflictError as exc:
        if exc.code == "full":
            _refusal_audited(actor, institution, person, household, exc)
        raise


def _place(actor, institution, person, household, day, entry) -> Placement:
    locked = institution_in_reach(actor, institution, lock=True)
    _fits(locked, person, day)
    if entry is not None:
        entry = WaitingEntry.objects.select_for_update().get(pk=entry.pk)
        if entry.status not in (WaitingStatus.WAITING, WaitingStatus.OFFERED):
            raise ConflictError(errors.ERR_ENTRY_CLOSED, code="entry_closed")
    _room(locked, entry)
    placement = Placement.objects.create(
        person=person, household=household, institution=locked, started_on=day, waiting_entry=entry, placed_by=actor
    )
    try:
        with transaction.atomic():
            Institution.objects.filter(pk=locked.pk).update(occupied=F("occupied") + 1)
    except IntegrityError:  # the CHECK constraint: the count and the counter cannot both be wrong unnoticed
        raise _full(locked) from None
    entry = entry or _open_entry(person, locked.kind)
    if entry is not None:
        placement.waiting_entry = entry
        placement.save(update_fields=["waiting_entry", "updated_at"])
        _entry_placed(actor, entry, day, locked)
    audit_record(
        actor=actor,
        action=AuditAction.CARE_PLACEMENT_CREATE,
        obj=placement,
        after=snapshot(placement),
        household_id=household.pk,
    )
    return placement


def _fits(locked: Institution, person, day) -> None:
    rule = KINDS[locked.kind]
    if rule.places_by_quota:
        raise RefahError(errors.ERR_QUOTA_ONLY, field="institution")
    if not locked.active:
        raise RefahError(errors.ERR_INACTIVE % {"name": locked.name}, field="institution")
    if not in_population(rule.population, person, day):
        words = {"name": person.full_name, "kind": InstitutionKind(locked.kind).label}
        raise RefahError(errors.ERR_NOT_POPULATION % {**words, "who": POPULATION_TEXT[rule.population]}, field="person")
    current = Placement.objects.filter(person=person, ended_on__isnull=True).select_related("institution").first()
    if current is not None:
        words = {"name": person.full_name, "institution": current.institution.name, "date": current.started_on}
        raise ConflictError(errors.ERR_ALREADY_PLACED % words, code="already_placed")


def _room(locked: Institution, entry: WaitingEntry | None) -> None:
    """Raise ConflictError("full") unless a place is free and not offered to someone else on the list."""
    taken = Placement.objects.filter(institution=locked, ended_on__isnull=True).count()
    if taken >= locked.capacity:
        raise _full(locked)
    held = WaitingEntry.objects.filter(offered_institution=locked, status=WaitingStatus.OFFERED)
    if entry is not None:
        held = held.exclude(pk=entry.pk)
    if taken + held.count() >= locked.capacity:
        first = held.order_by("offer_expires_on").first()
        raise ConflictError(errors.ERR_PLACE_HELD % {"name": locked.name, "date": first.offer_expires_on}, code="full")


def _full(locked: Institution) -> ConflictError:
    words = {"name": locked.name, "occupied": locked.occupied, "capacity": locked.capacity}
    return ConflictError(errors.ERR_FULL % words, code="full")


def _refusal_audited(actor, institution, person, household, exc: ConflictError) -> None:
    """The refused attempt, audited after the rollback in a transaction of its own (nothing else is written)."""
    found = Institution.objects.filter(pk=getattr(institution, "pk", institution)).first()
    if found is None:
        return
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.CARE_PLACEMENT_REFUSE,
            obj=found,
            after={
                "person_id": str(person.pk),
                "occupied": found.occupied,
                "capacity": found.capacity,
                "reason": str(exc.message),
            },
            household_id=household.pk,
        )


def _open_entry(person, kind: str) -> WaitingEntry | None:
    return (
        WaitingEntry.objects.select_for_update()
        .filter(person=person, kind=kind, status__in=(WaitingStatus.WAITING, WaitingStatus.OFFERED))
        .first()
    )


def _entry_placed(actor, entry: WaitingEntry, day: dt.date, institution: Institution) -> None:
    entry.status, entry.closed_on = WaitingStatus.PLACED, day
    entry.save(update_fields=["status", "closed_on", "updated_at"])
    if entry.referral_id:
        referral_move(actor=actor, referral=entry.referral, status=ReferralStatus.DONE, outcome=institution.name)


@transaction.atomic
def placement_discharge(*, actor, placement: Placement, ended_on: dt.date, reason: str, note: str = "") -> Placement:
    """Discharge a person (returned home, moved, died…): the place frees and is offered to the top of the
    institution's waiting list."""
    require(actor, PLACE)
    locked_institution = institution_in_reach(actor, placement.institution_id, lock=True)
    locked = Placement.objects.select_for_update().get(pk=placement.pk)
    if locked.ended_on is not None:
        raise ConflictError(errors.ERR_DISCHARGED, code="discharged")
    if reason not in DischargeReason.values:
        raise RefahError(errors.ERR_REASON, field="reason")
    not_future(ended_on, "ended_on")
    if ended_on < locked.started_on:
        raise RefahError(errors.ERR_DATE_ORDER, field="ended_on")
    before = snapshot(locked)
    locked.ended_on, locked.discharge_reason, locked.discharge_note = ended_on, reason, (note or "").strip()[:300]
    locked.save(update_fields=["ended_on", "discharge_reason", "discharge_note", "updated_at"])
    Institution.objects.filter(pk=locked_institution.pk, occupied__gt=0).update(occupied=F("occupied") - 1)
    audit_record(
        actor=actor,
        action=AuditAction.CARE_PLACEMENT_DISCHARGE,
        obj=locked,
        before=before,
        after=snapshot(locked),
        household_id=locked.household_id,
    )
    offer_next(actor=actor, institution=locked_institution)
    return locked
