"""Children: protection and care decisions, foster families and their children (never above the family's
capacity), adoption records (their own permission), and the free places of private crèches (never above the
quota, only for children the free crèche rule finds eligible)."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import F

from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.care import errors
from refah.care.creche import child_eligible, quota
from refah.care.enums import AdoptionStage, DecisionEnd, DecisionKind, DecisionStatus, FosterKind, InstitutionKind
from refah.care.kinds import CHILD_AGE_BELOW
from refah.care.models import AdoptionRecord, CrecheAllocation, FosterFamily, FosterPlacement, ProtectionDecision
from refah.care.roles import ADOPTION, CHILDREN
from refah.care.services._common import household_in_reach, institution_in_reach, member_of, not_future, require, today
from refah.common.errors import ConflictError, NotFoundError, RefahError

FOSTER_MAX = 4  # children a foster family may take at once, siblings together (the directorate's practice)


def _child(person, household, day: dt.date) -> None:
    member_of(person, household)
    if person.age_on(day) >= CHILD_AGE_BELOW:
        raise RefahError(errors.ERR_CHILD_AGE % {"name": person.full_name}, field="child")


# --- protection and care decisions ---------------------------------------------------------------------------


def decision_record(
    *, actor, child, household, kind: str, court: str, decided_on: dt.date, review_on: dt.date, decision_no: str = ""
) -> ProtectionDecision:
    """Record a court's protection or care decision for a child of the household, with its review date."""
    require(actor, CHILDREN)
    household = household_in_reach(actor, household)
    _child(child, household, decided_on)
    if kind not in DecisionKind.values:
        raise RefahError(errors.ERR_REASON, field="kind")
    if not (court or "").strip():
        raise RefahError(errors.ERR_COURT, field="court")
    not_future(decided_on, "decided_on")
    if review_on <= decided_on:
        raise RefahError(errors.ERR_REVIEW, field="review_on")
    with transaction.atomic():
        decision = ProtectionDecision.objects.create(
            child=child,
            household=household,
            kind=kind,
            court=court.strip()[:200],
            decision_no=(decision_no or "").strip()[:40],
            decided_on=decided_on,
            review_on=review_on,
            recorded_by=actor,
        )
        audit_record(
            actor=actor,
            action=AuditAction.PROTECTION_DECISION_RECORD,
            obj=decision,
            after=snapshot(decision),
            household_id=household.pk,
        )
    return decision


@transaction.atomic
def decision_close(
    *, actor, decision: ProtectionDecision, closed_on: dt.date, reason: str, note: str = ""
) -> ProtectionDecision:
    """End a decision: the child returns to the family (with SED, the socio-economic support that lets them stay),
    is adopted, comes of age, or the court lifts it."""
    require(actor, CHILDREN)
    household_in_reach(actor, decision.household_id)
    locked = ProtectionDecision.objects.select_for_update().get(pk=decision.pk)
    if locked.status != DecisionStatus.ACTIVE:
        raise ConflictError(errors.ERR_DECISION_CLOSED, code="decision_closed")
    if reason not in DecisionEnd.values:
        raise RefahError(errors.ERR_REASON, field="reason")
    not_future(closed_on, "closed_on")
    if closed_on < locked.decided_on:
        raise RefahError(errors.ERR_DATE_ORDER, field="closed_on")
    before = snapshot(locked)
    locked.status, locked.closed_on, locked.close_reason = DecisionStatus.CLOSED, closed_on, reason
    locked.close_note = (note or "").strip()[:300]
    locked.save(update_fields=["status", "closed_on", "close_reason", "close_note", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.PROTECTION_DECISION_CLOSE,
        obj=locked,
        before=before,
        after=snapshot(locked),
        household_id=locked.household_id,
    )
    return locked


# --- foster families -----------------------------------------------------------------------------------------


def foster_family_approve(*, actor, household, kind: str, approved_on: dt.date, capacity: int) -> FosterFamily:
    """Approve a household as a foster family (paid or volunteer) for up to `capacity` children."""
    require(actor, CHILDREN)
    household = household_in_reach(actor, household)
    if kind not in FosterKind.values:
        raise RefahError(errors.ERR_REASON, field="kind")
    if isinstance(capacity, bool) or not isinstance(capacity, int) or not 1 <= capacity <= FOSTER_MAX:
        raise RefahError(errors.ERR_FOSTER_CAPACITY, field="capacity")
    not_future(approved_on, "approved_on")
    family = FosterFamily(household=household, kind=kind, approved_on=approved_on, capacity=capacity, recorded_by=actor)
    try:
        with transaction.atomic():
            family.save()
            audit_record(
                actor=actor,
                action=AuditAction.FOSTER_FAMILY_APPROVE,
                obj=family,
                after=snapshot(family),
                household_id=household.pk,
            )
    except IntegrityError:
        raise ConflictError(errors.ERR_ALREADY_FOSTER_FAMILY, code="already_foster_family") from None
    return family


def foster_place(*, actor, family: FosterFamily, child, household, started_on: dt.date) -> FosterPlacement:
    """Place a child of `household` with a foster family: never above the family's capacity (its row locked)."""
    require(actor, CHILDREN)
    household = household_in_reach(actor, household)
    _child(child, household, started_on)
    not_future(started_on, "started_on")
    try:
        with transaction.atomic():
            return _foster_place(actor, family, child, household, started_on)
    except IntegrityError:
        raise ConflictError(errors.ERR_ALREADY_FOSTERED % {"name": child.full_name}, code="already_fostered") from None


def _foster_place(actor, family, child, household, started_on) -> FosterPlacement:
    locked = FosterFamily.objects.select_for_update().filter(pk=family.pk).first()
    if locked is None:
        raise NotFoundError(errors.ERR_FOSTER_NOT_FOUND)
    household_in_reach(actor, locked.household_id)
    if locked.household_id == household.pk:
        raise RefahError(errors.ERR_FOSTER_OWN, field="child")
    if not locked.active:
        raise ConflictError(errors.ERR_FOSTER_INACTIVE, code="foster_inactive")
    current = locked.placements.filter(ended_on__isnull=True).count()
    if current >= locked.capacity:
        words = {"current": current, "capacity": locked.capacity}
        raise ConflictError(errors.ERR_FOSTER_FULL % words, code="foster_full")
    placement = FosterPlacement.objects.create(
        child=child, household=household, family=locked, started_on=started_on, placed_by=actor
    )
    FosterFamily.objects.filter(pk=locked.pk).update(current=F("current") + 1)
    audit_record(
        actor=actor,
        action=AuditAction.FOSTER_PLACEMENT_CREATE,
        obj=placement,
        after=snapshot(placement),
        household_id=household.pk,
    )
    return placement


@transaction.atomic
def foster_end(*, actor, placement: FosterPlacement, ended_on: dt.date, note: str) -> FosterPlacement:
    require(actor, CHILDREN)
    household_in_reach(actor, placement.household_id)
    FosterFamily.objects.select_for_update().get(pk=placement.family_id)
    locked = FosterPlacement.objects.select_for_update().get(pk=placement.pk)
    if locked.ended_on is not None:
        raise ConflictError(errors.ERR_DISCHARGED, code="ended")
    not_future(ended_on, "ended_on")
    if ended_on < locked.started_on:
        raise RefahError(errors.ERR_DATE_ORDER, field="ended_on")
    if not (note or "").strip():
        raise RefahError(errors.ERR_REASON, field="note")
    before = snapshot(locked)
    locked.ended_on, locked.end_note = ended_on, note.strip()[:300]
    locked.save(update_fields=["ended_on", "end_note", "updated_at"])
    FosterFamily.objects.filter(pk=locked.family_id, current__gt=0).update(current=F("current") - 1)
    audit_record(
        actor=actor,
        action=AuditAction.FOSTER_PLACEMENT_END,
        obj=locked,
        before=before,
        after=snapshot(locked),
        household_id=locked.household_id,
    )
    return locked


# --- adoption ------------------------------------------------------------------------------------------------


def adoption_create(*, actor, child, household, adoptive_household, applied_on: dt.date, note: str = ""):
    """Record an adoption application for a child (the adoption permission only)."""
    require(actor, ADOPTION)
    household = household_in_reach(actor, household)
    adoptive = household_in_reach(actor, adoptive_household)
    _child(child, household, applied_on)
    if adoptive.pk == household.pk:
        raise RefahError(errors.ERR_FOSTER_OWN, field="adoptive_household")
    not_future(applied_on, "applied_on")
    with transaction.atomic():
        record = AdoptionRecord.objects.create(
            child=child,
            household=household,
            adoptive_household=adoptive,
            applied_on=applied_on,
            note=(note or "").strip()[:300],
            recorded_by=actor,
        )
        audit_record(
            actor=actor,
            action=AuditAction.ADOPTION_RECORD_CREATE,
            obj=record,
            after=snapshot(record),
            household_id=household.pk,
        )
    return record


NEXT_STAGE = {AdoptionStage.APPLICATION: AdoptionStage.TRIAL, AdoptionStage.TRIAL: AdoptionStage.DECIDED}


@transaction.atomic
def adoption_advance(*, actor, record: AdoptionRecord, day: dt.date, court: str = "") -> AdoptionRecord:
    """Move an adoption to its next stage: the trial period from `day`, then the court's decision on `day`."""
    require(actor, ADOPTION)
    household_in_reach(actor, record.household_id)
    locked = AdoptionRecord.objects.select_for_update().get(pk=record.pk)
    stage = NEXT_STAGE.get(locked.stage)
    if stage is None:
        raise ConflictError(errors.ERR_ADOPTION_STAGE, code="adoption_stage")
    not_future(day, "day")
    if day < (locked.trial_from or locked.applied_on):
        raise RefahError(errors.ERR_DATE_ORDER, field="day")
    if stage == AdoptionStage.DECIDED and not (court or "").strip():
        raise RefahError(errors.ERR_COURT, field="court")
    before = snapshot(locked)
    locked.stage = stage
    if stage == AdoptionStage.TRIAL:
        locked.trial_from = day
    else:
        locked.decided_on, locked.court = day, court.strip()[:200]
    locked.save(update_fields=["stage", "trial_from", "decided_on", "court", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.ADOPTION_RECORD_ADVANCE,
        obj=locked,
        before=before,
        after=snapshot(locked),
        household_id=locked.household_id,
    )
    return locked


# --- free crèche places --------------------------------------------------------------------------------------


def creche_allocate(*, actor, creche, child, household, started_on: dt.date | None = None) -> CrecheAllocation:
    """Give one of a private crèche's free places to a child the free crèche rule finds eligible this month; never
    above the crèche's quota (its row locked while the places are counted)."""
    require(actor, CHILDREN)
    household = household_in_reach(actor, household)
    member_of(child, household)
    day = started_on or today()
    not_future(day, "started_on")
    if not child_eligible(child=child, household=household, day=day):
        raise RefahError(errors.ERR_CRECHE_NOT_ELIGIBLE % {"name": child.full_name}, field="child")
    try:
        with transaction.atomic():
            return _creche_allocate(actor, creche, child, household, day)
    except IntegrityError:
        raise ConflictError(errors.ERR_CRECHE_TAKEN % {"name": child.full_name}, code="creche_taken") from None


def _creche_allocate(actor, creche, child, household, day) -> CrecheAllocation:
    locked = institution_in_reach(actor, creche, lock=True)
    if locked.kind != InstitutionKind.PRIVATE_CRECHE or not locked.active:
        raise RefahError(errors.ERR_NOT_CRECHE, field="creche")
    places = quota(locked, day)
    used = locked.free_places.filter(ended_on__isnull=True).count()
    if used >= places:
        raise ConflictError(
            errors.ERR_CRECHE_QUOTA % {"name": locked.name, "used": used, "quota": places}, code="quota"
        )
    allocation = CrecheAllocation.objects.create(
        creche=locked, child=child, household=household, started_on=day, allocated_by=actor
    )
    audit_record(
        actor=actor,
        action=AuditAction.CRECHE_PLACE_ALLOCATE,
        obj=allocation,
        after=snapshot(allocation),
        household_id=household.pk,
    )
    return allocation


@transaction.atomic
def creche_end(*, actor, allocation: CrecheAllocation, ended_on: dt.date) -> CrecheAllocation:
    require(actor, CHILDREN)
    institution_in_reach(actor, allocation.creche_id, lock=True)
    locked = CrecheAllocation.objects.select_for_update().get(pk=allocation.pk)
    if locked.ended_on is not None:
        raise ConflictError(errors.ERR_DISCHARGED, code="ended")
    not_future(ended_on, "ended_on")
    if ended_on < locked.started_on:
        raise RefahError(errors.ERR_DATE_ORDER, field="ended_on")
    before = snapshot(locked)
    locked.ended_on = ended_on
    locked.save(update_fields=["ended_on", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.CRECHE_PLACE_END,
        obj=locked,
        before=before,
        after=snapshot(locked),
        household_id=locked.household_id,
    )
    return locked
