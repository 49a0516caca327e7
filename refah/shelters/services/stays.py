"""Shelter stays: a protection case's person (with her children) placed in a shelter of the province, never above
its capacity — the shelter's row is locked while the places are counted, so concurrent placements wait their
turn (SELECT … FOR UPDATE on PostgreSQL; SQLite writes one at a time)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Count, Sum

from refah.audit.actions import AuditAction
from refah.audit.services import snapshot
from refah.common.errors import ConflictError, PermissionDeniedError, RefahError
from refah.shelters import errors
from refah.shelters.enums import UnitKind
from refah.shelters.models import ProtectionCase, SealedUnit, ShelterStay
from refah.shelters.selectors.naming import is_named
from refah.shelters.services.common import _audit, not_future, require_named, require_open

STAY_FIELDS = ["id", "case", "shelter", "children", "started_on", "ended_on"]


def places_taken(shelter_id) -> int:
    """Places taken now: each open stay is the woman and her children."""
    open_stays = ShelterStay.objects.filter(shelter_id=shelter_id, ended_on__isnull=True)
    totals = open_stays.aggregate(stays=Count("id"), children=Sum("children"))
    return (totals["stays"] or 0) + (totals["children"] or 0)


def stay_start(
    *, actor, case: ProtectionCase, shelter: SealedUnit, children: int = 0, started_on: dt.date | None = None
) -> ShelterStay:
    """Place the case's person in a shelter of the unit's province, by the case's named staff."""
    require_named(actor, case.unit_id)
    require_open(case)
    if children is None or children < 0:
        raise RefahError(errors.ERR_CHILDREN, field="children")
    started_on = not_future(started_on, field="started_on")
    if shelter is None or shelter.kind != UnitKind.SHELTER or shelter.province_id != case.unit.province_id:
        raise RefahError(errors.ERR_SHELTER, field="shelter")
    asked = 1 + children
    with transaction.atomic():
        locked = SealedUnit.objects.select_for_update().get(pk=shelter.pk)
        if not locked.active:
            raise RefahError(errors.ERR_SHELTER, field="shelter")
        if case.stays.filter(ended_on__isnull=True).exists():
            raise RefahError(errors.ERR_STAY_OPEN, field="case")
        free = (locked.capacity or 0) - places_taken(locked.pk)
        if asked <= free:
            stay = ShelterStay.objects.create(
                case=case, shelter=locked, children=children, started_on=started_on, placed_by=actor
            )
            _audit(actor=actor, action=AuditAction.SHELTER_STAY_START, obj=stay, after=snapshot(stay, STAY_FIELDS))
            return stay
    with transaction.atomic():  # the refusal is audited (sealed), nothing else is kept
        _audit(
            actor=actor,
            action=AuditAction.SHELTER_STAY_REFUSED,
            obj=case,
            after={"shelter_id": str(shelter.pk), "asked": asked, "free": max(free, 0)},
        )
    raise ConflictError(errors.ERR_SHELTER_FULL % {"free": max(free, 0), "asked": asked}, field="shelter")


def stay_end(*, actor, stay: ShelterStay, ended_on: dt.date | None = None, note: str = "") -> ShelterStay:
    """End a stay (the case's staff or the shelter's); the places are free again."""
    if not (is_named(actor, stay.case.unit_id) or is_named(actor, stay.shelter_id)):
        raise PermissionDeniedError(errors.ERR_NOT_NAMED)
    if stay.ended_on is not None:
        raise RefahError(errors.ERR_STAY_ENDED, field="ended_on")
    ended_on = not_future(ended_on, field="ended_on")
    if ended_on < stay.started_on:
        raise RefahError(errors.ERR_STAY_DATES, field="ended_on")
    before = snapshot(stay, STAY_FIELDS)
    stay.ended_on, stay.end_note = ended_on, (note or "").strip()
    with transaction.atomic():
        stay.save(update_fields=["ended_on", "end_note", "updated_at"])
        _audit(
            actor=actor,
            action=AuditAction.SHELTER_STAY_END,
            obj=stay,
            before=before,
            after=snapshot(stay, STAY_FIELDS),
        )
    return stay


def shelters_for(case: ProtectionCase):
    """The shelters a case may place into: the active shelters of its unit's province."""
    return SealedUnit.objects.filter(kind=UnitKind.SHELTER, province_id=case.unit.province_id, active=True).defer(
        "address"
    )
