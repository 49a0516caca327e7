"""The household page's "Social services" lines of the specialised services (casework's hook): care placements,
waiting list entries, protection decisions and foster placements of the household's members."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from refah.care.enums import WaitingStatus
from refah.care.models import FosterPlacement, Placement, ProtectionDecision, WaitingEntry
from refah.care.roles import CHILDREN_VIEW, VIEW
from refah.casework.household_services import ServiceLine


def household_lines(*, user, household) -> list[ServiceLine]:
    """The lines the user may see (the household was read through the registry's access function)."""
    lines: list[ServiceLine] = []
    if user.has_perm(VIEW):
        lines += _placements(household) + _waiting(household)
    if user.has_perm(CHILDREN_VIEW):
        lines += _decisions(user, household) + _fostering(household)
    return lines


def _placements(household) -> list[ServiceLine]:
    rows = Placement.objects.filter(household=household).select_related("person", "institution")[:20]
    return [
        ServiceLine(
            family=_("Care placement"),
            title=p.institution.name,
            status=p.get_discharge_reason_display() if p.ended_on else _("Living there"),
            since=p.started_on,
            until=p.ended_on,
            person=p.person.full_name,
            url=reverse("care:institution", args=[p.institution_id]),
        )
        for p in rows
    ]


def _waiting(household) -> list[ServiceLine]:
    rows = WaitingEntry.objects.filter(household=household).select_related("person", "offered_institution")[:20]
    return [
        ServiceLine(
            family=_("Care waiting list"),
            title=e.get_kind_display(),
            status=e.get_status_display(),
            since=e.listed_on,
            until=e.closed_on or e.offer_expires_on,
            person=e.person.full_name,
            url=reverse("care:entry", args=[e.pk]),
            attention=e.status in (WaitingStatus.WAITING, WaitingStatus.OFFERED),
        )
        for e in rows
    ]


def _decisions(user, household) -> list[ServiceLine]:
    rows = ProtectionDecision.objects.filter(household=household).select_related("child")[:20]
    return [
        ServiceLine(
            family=_("Protection decision"),
            title=d.get_kind_display(),
            status=d.get_close_reason_display() if d.closed_on else d.get_status_display(),
            since=d.decided_on,
            until=d.closed_on or d.review_on,
            person=d.child.full_name,
            url=reverse("care:child", args=[d.child_id]),
        )
        for d in rows
    ]


def _fostering(household) -> list[ServiceLine]:
    rows = FosterPlacement.objects.filter(household=household).select_related("child", "family__household")[:20]
    return [
        ServiceLine(
            family=_("Foster family"),
            title=f.family.household.reference_code,
            status=_("Ended") if f.ended_on else _("With the foster family"),
            since=f.started_on,
            until=f.ended_on,
            person=f.child.full_name,
            url=reverse("care:child", args=[f.child_id]),
        )
        for f in rows
    ]
