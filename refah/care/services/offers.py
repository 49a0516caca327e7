"""Offering a freed place to the top of the waiting list: the entries waiting for the institution itself, or for
its kind in its province, by the published priority (priority.py). The entry is marked offered with an expiry,
the place is held for it, and its owner is told (an e-mail when they have one; the care screen lists it)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q

from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.care.enums import WaitingStatus
from refah.care.kinds import KINDS
from refah.care.models import Institution, Placement, WaitingEntry
from refah.care.priority import score_entries
from refah.care.services._common import today
from refah.notifications.catalog import TEMPLATES
from refah.notifications.services import notify

OFFER_DAYS = 7  # the family has a week to answer; the place is held meanwhile
NOTICE = "care_place_offered"
NOTICE_TEXTS = {
    "tr": "{institution} kurumunda bir yer açıldı ve bekleme listesindeki {entry} numaralı kayda {until} tarihine "
    "kadar önerildi. Refah'ta yanıtlayınız.",
    "en": "A place at {institution} is free and is offered to waiting list entry {entry} until {until}. "
    "Answer it in Refah.",
}


def notice_register() -> None:
    """Add the offer's message to the notifications' catalogue (called from CareConfig.ready())."""
    TEMPLATES.setdefault(NOTICE, NOTICE_TEXTS)


def candidates(institution: Institution, exclude=()):
    """Entries still waiting that a place at `institution` may go to (but those in `exclude`)."""
    return (
        WaitingEntry.objects.filter(status=WaitingStatus.WAITING)
        .exclude(pk__in=exclude)
        .filter(
            Q(institution=institution)
            | Q(institution__isnull=True, kind=institution.kind, household__province_id=institution.province_id)
        )
        .select_related("person", "household", "owner")
    )


def offer_next(*, actor, institution: Institution, exclude=()) -> list[WaitingEntry]:
    """Offer each free, unheld place of the (locked) institution to the next entry by priority (never to an
    entry in `exclude`: one whose offer has just lapsed)."""
    inst = Institution.objects.get(pk=institution.pk)
    if KINDS[inst.kind].places_by_quota or not inst.active:
        return []
    taken = Placement.objects.filter(institution=inst, ended_on__isnull=True).count()
    held = WaitingEntry.objects.filter(offered_institution=inst, status=WaitingStatus.OFFERED).count()
    free = inst.capacity - taken - held
    if free <= 0:
        return []
    day = today()
    offered = []
    for scored in score_entries(candidates(inst, exclude), day)[:free]:
        offered.append(_offer(actor, scored.entry, inst, day))
    return offered


def _offer(actor, entry: WaitingEntry, inst: Institution, day: dt.date) -> WaitingEntry:
    before = snapshot(entry, ["status", "offered_institution", "offer_expires_on"])
    entry.status, entry.offered_institution, entry.offered_on = WaitingStatus.OFFERED, inst, day
    entry.offer_expires_on = day + dt.timedelta(days=OFFER_DAYS)
    entry.save(update_fields=["status", "offered_institution", "offered_on", "offer_expires_on", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.CARE_PLACE_OFFER,
        obj=entry,
        before=before,
        after=snapshot(entry, ["status", "offered_institution", "offer_expires_on"]),
        household_id=entry.household_id,
    )
    owner = entry.owner or entry.added_by
    if owner is not None and owner.email:
        context = {"institution": inst.name, "entry": str(entry.pk)[:8], "until": f"{entry.offer_expires_on:%d.%m.%Y}"}
        notify(email=owner.email, template=NOTICE, context=context)
    return entry


@transaction.atomic
def offer_expire(*, entry: WaitingEntry) -> WaitingEntry:
    """An offer not answered by its date (the timer, no actor): the entry goes back to the list with its date kept,
    and the place is offered to the next entry — not to this one again."""
    locked = WaitingEntry.objects.select_for_update().get(pk=entry.pk)
    if locked.status != WaitingStatus.OFFERED or locked.offer_expires_on >= today():
        return locked
    inst = Institution.objects.select_for_update().get(pk=locked.offered_institution_id)
    before = snapshot(locked, ["status", "offered_institution", "offer_expires_on"])
    locked.status, locked.offered_institution, locked.offered_on, locked.offer_expires_on = (
        WaitingStatus.WAITING,
        None,
        None,
        None,
    )
    locked.save(update_fields=["status", "offered_institution", "offered_on", "offer_expires_on", "updated_at"])
    audit_record(
        actor=None,
        action=AuditAction.CARE_OFFER_EXPIRE,
        obj=locked,
        before=before,
        after=snapshot(locked, ["status", "offered_institution", "offer_expires_on"]),
        household_id=locked.household_id,
    )
    offer_next(actor=None, institution=inst, exclude=[locked.pk])
    return locked
