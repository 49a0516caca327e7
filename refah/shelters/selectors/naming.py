"""Who is named where: the one place a sealed record's visibility is decided."""

from __future__ import annotations

from django.utils import timezone

from refah.shelters.enums import UnitRole
from refah.shelters.models import BreakGlass, SealedMember


def _active(user):
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return SealedMember.objects.none()
    return SealedMember.objects.filter(user=user, ended_at__isnull=True)


def named_unit_ids(user) -> set:
    """The units the user is named in (staff or supervisor)."""
    return set(_active(user).values_list("unit_id", flat=True))


def supervised_unit_ids(user) -> set:
    return set(_active(user).filter(role=UnitRole.SUPERVISOR).values_list("unit_id", flat=True))


def unit_role(user, unit) -> str | None:
    """The user's role in the unit, or None when not named there."""
    return _active(user).filter(unit_id=getattr(unit, "pk", unit)).values_list("role", flat=True).first()


def is_named(user, unit) -> bool:
    return unit_role(user, unit) is not None


def glass_broken(user, case) -> BreakGlass | None:
    """The user's break-glass grant on the case still in force, if any."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return (
        BreakGlass.objects.filter(user=user, case_id=getattr(case, "pk", case), expires_at__gt=timezone.now())
        .order_by("-expires_at")
        .first()
    )
