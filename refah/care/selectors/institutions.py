"""Institutions (in the user's jurisdiction by their district), their residents, and placements."""

from __future__ import annotations

from django.db.models import QuerySet

from refah.accounts.selectors import jurisdiction_q
from refah.care import errors
from refah.care.kinds import KINDS
from refah.care.models import Institution, Placement
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
