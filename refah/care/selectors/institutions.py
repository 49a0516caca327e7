"""Institutions (in the user's jurisdiction by their district), their residents, and placements."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, QuerySet

from refah.accounts.selectors import jurisdiction_q
from refah.care import errors
from refah.care.creche import quota
from refah.care.enums import WaitingStatus
from refah.care.kinds import KINDS
from refah.care.models import Institution, Placement, WaitingEntry
from refah.care.roles import VIEW
from refah.care.selectors._common import key, require
from refah.common.errors import NotFoundError


def institution_list(*, user, kind: str | None = None, population: str | None = None) -> QuerySet[Institution]:
    """Institutions of the user's jurisdiction, by kind and name (the kind's population when given)."""
    require(user, VIEW)
    rows = Institution.objects.filter(jurisdiction_q(user)).select_related("district", "office")
    if kind:
        rows = rows.filter(kind=kind)
    if population:
        rows = rows.filter(kind__in=[k for k, rule in KINDS.items() if rule.population == population])
    return rows


def access_institution_by_id(*, user, institution_id) -> Institution:
    require(user, VIEW)
    found = institution_list(user=user).filter(pk=key(institution_id)).first() if key(institution_id) else None
    if found is None:
        raise NotFoundError(errors.ERR_INSTITUTION_NOT_FOUND)
    return found


def residents(*, institution: Institution) -> QuerySet[Placement]:
    """The institution's current placements (the caller has read the institution through its access function)."""
    return institution.placements.filter(ended_on__isnull=True).select_related("person", "household")


def placement_list(*, user) -> QuerySet[Placement]:
    """Placements of persons whose household (when placed) is in the user's jurisdiction."""
    require(user, VIEW)
    return Placement.objects.filter(jurisdiction_q(user, prefix="household__")).select_related(
        "person", "household", "institution"
    )


def access_placement_by_id(*, user, placement_id) -> Placement:
    found = placement_list(user=user).filter(pk=key(placement_id)).first() if key(placement_id) else None
    if found is None:
        raise NotFoundError(errors.ERR_PLACEMENT_NOT_FOUND)
    return found


def with_room(institutions: list[Institution], day: dt.date) -> list[Institution]:
    """Each institution with `held` (places offered to the waiting list, not yet answered), `room` (places free
    and not held) and, for a private crèche, `quota` and `quota_used` (its free places and those given)."""
    held = dict(
        WaitingEntry.objects.filter(status=WaitingStatus.OFFERED, offered_institution__in=institutions)
        .values_list("offered_institution")
        .annotate(n=Count("pk"))
    )
    for i in institutions:
        i.quota = None
        i.held = held.get(i.pk, 0)
        i.room = max(i.free - i.held, 0)
        if KINDS[i.kind].places_by_quota:
            i.quota, i.quota_used = quota(i, day), i.free_places.filter(ended_on__isnull=True).count()
            i.quota_free = max(i.quota - i.quota_used, 0)
    return institutions
