"""The household page's lines of this app (casework's hook, registered in apps.py): each member's veteran or
martyr's relative status with its entitlements, and their travel cards, for a user who may read them."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from refah.casework.household_services import ServiceLine
from refah.entitlements.enums import CardStatus, EntitlementStatus
from refah.entitlements.models import Entitlement, TravelCard, VeteranRecord
from refah.entitlements.roles import VIEW_CARD, VIEW_RECORD

_SHOWN_CARDS = (CardStatus.REQUESTED, CardStatus.PRINTED, CardStatus.DELIVERED, CardStatus.LOST)


def household_lines(*, user, household) -> list[ServiceLine]:
    """The lines of the household's current members (the household is already read through the registry's
    permission-checked selector)."""
    person_ids = list(household.memberships.current().values_list("person_id", flat=True))
    lines: list[ServiceLine] = []
    if user.has_perm(VIEW_RECORD):
        lines += _record_lines(person_ids)
    if user.has_perm(VIEW_CARD):
        lines += _card_lines(person_ids)
    return lines


def _record_lines(person_ids: list) -> list[ServiceLine]:
    lines = []
    records = VeteranRecord.objects.filter(person_id__in=person_ids).select_related("person")
    entitlements = Entitlement.objects.filter(person_id__in=person_ids).exclude(status=EntitlementStatus.REVOKED)
    held: dict = {}
    for entitlement in entitlements:
        held.setdefault(entitlement.record_id, []).append(entitlement.get_kind_display())
    for record in records:
        lines.append(
            ServiceLine(
                family=_("Martyrs' relatives and veterans"),
                title=f"{record.get_status_display()} — {record.subject_name}",
                status=", ".join(held.get(record.pk, [])) or _("No entitlement granted yet"),
                since=record.event_date,
                person=record.person.full_name,
                url=reverse("entitlements:record", args=[record.pk]),
            )
        )
    return lines


def _card_lines(person_ids: list) -> list[ServiceLine]:
    cards = TravelCard.objects.filter(person_id__in=person_ids, status__in=_SHOWN_CARDS).select_related("person")
    return [
        ServiceLine(
            family=_("Free travel card"),
            title=card.get_basis_display(),
            status=card.get_status_display(),
            since=card.issued_on or card.requested_on,
            until=card.valid_until,
            person=card.person.full_name,
            url=reverse("entitlements:card", args=[card.pk]),
            attention=card.status == CardStatus.LOST,
        )
        for card in cards
    ]
