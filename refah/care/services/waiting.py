"""The waiting lists: adding a person (from a casework referral where there is one), withdrawing, and answering a
place offered when one freed up (accepting places the person; declining withdraws the entry and offers the place
to the next)."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.care import errors
from refah.care.enums import WAITING_OPEN, InstitutionKind, WaitingStatus
from refah.care.kinds import KINDS, POPULATION_TEXT, in_population
from refah.care.models import Placement, WaitingEntry
from refah.care.roles import PLACE, WAIT
from refah.care.services._common import household_in_reach, institution_in_reach, member_of, require, today
from refah.care.services.offers import offer_next
from refah.care.services.placements import placement_create
from refah.care.services.referrals import referral_move
from refah.casework.enums import CARE_KINDS, REFERRAL_OPEN_STATUSES, ReferralStatus
from refah.common.errors import ConflictError, RefahError

# The casework services whose referrals lead to a care waiting list.
CARE_SERVICE_KINDS = CARE_KINDS


def _check_referral(referral, household) -> None:
    if referral.household_id != household.pk:
        raise RefahError(errors.ERR_REFERRAL_PERSON, field="referral")
    if referral.service.kind not in CARE_SERVICE_KINDS:
        raise RefahError(errors.ERR_REFERRAL_KIND % {"service": referral.service.name}, field="referral")
    if referral.status not in REFERRAL_OPEN_STATUSES:
        raise RefahError(errors.ERR_REFERRAL_CLOSED, field="referral")


def waiting_add(
    *, actor, person, household, kind: str, institution=None, referral=None, note: str = ""
) -> WaitingEntry:
    """Put a current member on the waiting list of a kind of institution (or of one institution). From a referral,
    the referral's owner owns the entry and the referral moves to "in progress"."""
    require(actor, WAIT)
    household = household_in_reach(actor, household)
    member_of(person, household)
    if institution is not None:
        institution = institution_in_reach(actor, institution)
        kind = institution.kind
    if kind not in KINDS or KINDS[kind].places_by_quota:
        raise RefahError(errors.ERR_KIND_UNKNOWN % {"kind": kind}, field="kind")
    day = today()
    population = KINDS[kind].population
    if not in_population(population, person, day):
        words = {"name": person.full_name, "kind": InstitutionKind(kind).label, "who": POPULATION_TEXT[population]}
        raise RefahError(errors.ERR_NOT_POPULATION % words, field="person")
    if referral is not None:
        _check_referral(referral, household)
    placed = Placement.objects.filter(person=person, ended_on__isnull=True, institution__kind=kind).first()
    if placed is not None:
        words = {"name": person.full_name, "institution": placed.institution.name, "date": placed.started_on}
        raise ConflictError(errors.ERR_ALREADY_PLACED % words, code="already_placed")
    entry = WaitingEntry(
        person=person,
        household=household,
        kind=kind,
        institution=institution,
        referral=referral,
        listed_on=day,
        note=(note or "").strip()[:2000],
        added_by=actor,
        owner=(referral.owner if referral is not None and referral.owner_id else actor),
    )
    try:
        with transaction.atomic():
            entry.save()
            if referral is not None:
                referral_move(actor=actor, referral=referral, status=ReferralStatus.IN_PROGRESS)
            audit_record(
                actor=actor,
                action=AuditAction.WAITING_ENTRY_ADD,
                obj=entry,
                after=snapshot(entry),
                household_id=household.pk,
            )
    except IntegrityError:
        raise ConflictError(errors.ERR_ALREADY_WAITING % {"name": person.full_name}, code="already_waiting") from None
    return entry


def _locked_open(entry: WaitingEntry) -> WaitingEntry:
    locked = WaitingEntry.objects.select_for_update().get(pk=entry.pk)
    if locked.status not in WAITING_OPEN:
        raise ConflictError(errors.ERR_ENTRY_CLOSED, code="entry_closed")
    return locked


def _close(actor, entry: WaitingEntry, note: str, *, declined: bool) -> WaitingEntry:
    before = snapshot(entry, ["status", "closed_on", "close_note"])
    held = entry.offered_institution if entry.status == WaitingStatus.OFFERED else None
    action = AuditAction.CARE_OFFER_DECLINE if declined else AuditAction.WAITING_ENTRY_WITHDRAW
    entry.status, entry.closed_on, entry.close_note = WaitingStatus.WITHDRAWN, today(), (note or "").strip()[:300]
    entry.save(update_fields=["status", "closed_on", "close_note", "updated_at"])
    audit_record(
        actor=actor,
        action=action,
        obj=entry,
        before=before,
        after=snapshot(entry, ["status", "closed_on", "close_note"]),
        household_id=entry.household_id,
    )
    if held is not None:
        offer_next(actor=actor, institution=institution_in_reach(actor, held, lock=True))
    return entry


@transaction.atomic
def waiting_withdraw(*, actor, entry: WaitingEntry, reason: str) -> WaitingEntry:
    """Take an entry off the list, with the reason; a place it was offered goes to the next."""
    require(actor, WAIT)
    if not (reason or "").strip():
        raise RefahError(errors.ERR_REASON, field="reason")
    return _close(actor, _locked_open(entry), reason, declined=False)


@transaction.atomic
def offer_decline(*, actor, entry: WaitingEntry, reason: str) -> WaitingEntry:
    """The family declines the place offered: the entry is withdrawn and the place offered to the next."""
    require(actor, PLACE)
    locked = _locked_open(entry)
    if locked.status != WaitingStatus.OFFERED:
        raise ConflictError(errors.ERR_NO_OFFER, code="no_offer")
    return _close(actor, locked, reason, declined=True)


def offer_accept(*, actor, entry: WaitingEntry) -> Placement:
    """The family accepts the place offered (before it expires): the person is placed, the referral done."""
    require(actor, PLACE)
    if entry.status != WaitingStatus.OFFERED or entry.offered_institution_id is None:
        raise ConflictError(errors.ERR_NO_OFFER, code="no_offer")
    if entry.offer_expires_on < today():
        raise ConflictError(errors.ERR_OFFER_EXPIRED % {"date": entry.offer_expires_on}, code="offer_expired")
    return placement_create(
        actor=actor,
        institution=entry.offered_institution,
        person=entry.person,
        household=entry.household,
        entry=entry,
    )
