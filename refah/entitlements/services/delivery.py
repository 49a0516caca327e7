"""A card's life after printing: delivered to the holder or a named proxy at the SYDV counter or a PTT branch;
replaced when lost, damaged or its details change (the old card ends, a new request takes its place); cancelled."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.common.errors import ConflictError, RefahError
from refah.entitlements import errors
from refah.entitlements.enums import LIVE_CARD_STATUSES, CardStatus, DeliveryPlace, Receiver, ReplaceReason
from refah.entitlements.luhn import card_number_new
from refah.entitlements.models import TravelCard
from refah.entitlements.roles import DELIVER
from refah.entitlements.services._common import household_of, in_reach, require, tc_checked, text_checked, today


def _locked(actor, card: TravelCard, allowed: tuple[str, ...]) -> TravelCard:
    in_reach(actor=actor, household_id=card.household_id, message=errors.ERR_CARD_NOT_FOUND)
    locked = TravelCard.objects.select_for_update().select_related("person").get(pk=card.pk)
    if locked.status not in allowed:
        params = {"status": locked.get_status_display()}
        raise ConflictError(errors.ERR_CARD_STATUS % params, field="card", code="card_status")
    return locked


def _delivery_checks(card: TravelCard, delivered_on: dt.date, place: str, receiver: str) -> None:
    if place not in DeliveryPlace.values:
        raise RefahError(errors.ERR_PLACE, field="place")
    if receiver not in Receiver.values:
        raise RefahError(errors.ERR_RECEIVER, field="receiver")
    if delivered_on > today() or (card.issued_on and delivered_on < card.issued_on):
        raise RefahError(errors.ERR_DELIVERY_DATE, field="delivered_on")


@transaction.atomic
def card_deliver(
    *,
    actor,
    card: TravelCard,
    place: str,
    receiver: str,
    delivered_on: dt.date | None = None,
    proxy_name: str = "",
    proxy_national_id: str = "",
) -> TravelCard:
    """Record a printed card's delivery: where, when and to whom (a proxy by name and TC Kimlik No)."""
    require(actor, DELIVER)
    delivered_on = delivered_on or today()
    locked = _locked(actor, card, (CardStatus.PRINTED,))
    _delivery_checks(locked, delivered_on, place, receiver)
    if receiver == Receiver.PROXY:
        proxy_name = text_checked(proxy_name, field="proxy_name", missing=errors.ERR_PROXY_NAME, limit=200)
        proxy_national_id = tc_checked(proxy_national_id, field="proxy_national_id", missing=errors.ERR_PROXY_TC)
    else:
        proxy_name, proxy_national_id = "", ""
    before = snapshot(locked)
    locked.status, locked.delivered_on, locked.delivered_by = CardStatus.DELIVERED, delivered_on, actor
    locked.delivery_place, locked.receiver = place, receiver
    locked.proxy_name, locked.proxy_national_id = proxy_name, proxy_national_id
    fields = ["status", "delivered_on", "delivered_by", "delivery_place", "receiver", "proxy_name", "proxy_national_id"]
    locked.save(update_fields=[*fields, "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.TRAVEL_CARD_DELIVER,
        obj=locked,
        before=before,
        after=snapshot(locked),
        household_id=locked.household_id,
    )
    return locked


@transaction.atomic
def card_replace(*, actor, card: TravelCard, reason: str, note: str = "") -> TravelCard:
    """End a printed or delivered card (lost: "reported lost"; damaged or changed: "replaced") and request a new one
    with the same basis for the holder's current household; the new card."""
    require(actor, DELIVER)
    if reason not in ReplaceReason.values:
        raise RefahError(errors.ERR_REPLACE_REASON, field="reason")
    locked = _locked(actor, card, (CardStatus.PRINTED, CardStatus.DELIVERED))
    household = household_of(actor=actor, person=locked.person)
    before = snapshot(locked)
    locked.status = CardStatus.LOST if reason == ReplaceReason.LOST else CardStatus.REPLACED
    locked.ended_on = today()
    locked.end_reason = " — ".join(filter(None, [str(ReplaceReason(reason).label), (note or "").strip()]))[:300]
    locked.save(update_fields=["status", "ended_on", "end_reason", "updated_at"])
    new = TravelCard.objects.create(
        person=locked.person,
        household=household,
        basis=locked.basis,
        number=card_number_new(),
        requested_on=today(),
        replaces=locked,
    )
    audit_record(
        actor=actor,
        action=AuditAction.TRAVEL_CARD_REPLACE,
        obj=locked,
        before=before,
        after={**snapshot(locked), "replacement": str(new.pk)},
        household_id=locked.household_id,
    )
    return new


@transaction.atomic
def card_cancel(*, actor, card: TravelCard, reason: str) -> TravelCard:
    """Cancel a live card (the holder died, moved away, is no longer entitled), with the reason."""
    require(actor, DELIVER)
    reason = text_checked(reason, field="reason", missing=errors.ERR_REASON, limit=300)
    locked = _locked(actor, card, LIVE_CARD_STATUSES)
    before = snapshot(locked)
    locked.status, locked.ended_on, locked.end_reason = CardStatus.CANCELLED, today(), reason
    locked.save(update_fields=["status", "ended_on", "end_reason", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.TRAVEL_CARD_CANCEL,
        obj=locked,
        before=before,
        after=snapshot(locked),
        household_id=locked.household_id,
    )
    return locked
