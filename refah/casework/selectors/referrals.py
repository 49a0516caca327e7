"""Services of the catalogue and referrals: the one access function per object, lists by jurisdiction."""

from __future__ import annotations

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from refah.accounts.selectors import jurisdiction_q
from refah.casework import errors
from refah.casework.enums import SEALED_KINDS
from refah.casework.models import Referral, Service
from refah.casework.roles import VIEW_REFERRAL, VIEW_SERVICE
from refah.common.errors import ERR_NO_PERMISSION, NotFoundError, PermissionDeniedError


def _require(user, perm: str) -> None:
    if user is None or not user.has_perm(perm):
        raise PermissionDeniedError(ERR_NO_PERMISSION)


def services_covering(district) -> QuerySet[Service]:
    """Active, unsealed services whose area covers the district: the district's own, the province's, national."""
    return Service.objects.filter(active=True).filter(
        Q(district=district)
        | Q(district__isnull=True, province_id=district.province_id)
        | Q(district__isnull=True, province__isnull=True)
    )


def service_for_household(*, household, kind: str) -> Service | None:
    """The most local active service of a kind for the household's district (district, then province, then
    national; by name within one level), or None."""
    local = Case(
        When(district__isnull=False, then=Value(0)),
        When(province__isnull=False, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        services_covering(household.district).filter(kind=kind).annotate(local=local).order_by("local", "name").first()
    )


def service_list(*, user, kind: str | None = None, include_inactive: bool = False) -> QuerySet[Service]:
    """The catalogue the user may refer to: every service of its area (unsealed kinds only; the sealed services
    are reached through a referral of their kind, never listed)."""
    _require(user, VIEW_SERVICE)
    qs = Service.objects.exclude(kind__in=SEALED_KINDS).select_related("office", "province", "district")
    if not include_inactive:
        qs = qs.filter(active=True)
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def access_service_by_id(*, user, service_id) -> Service:
    _require(user, VIEW_SERVICE)
    try:
        return service_list(user=user, include_inactive=True).get(pk=service_id)
    except (Service.DoesNotExist, ValueError, TypeError):
        raise NotFoundError(errors.ERR_SERVICE_NOT_FOUND) from None


def referral_list(*, user) -> QuerySet[Referral]:
    """Referrals of households in the user's jurisdiction."""
    _require(user, VIEW_REFERRAL)
    return Referral.objects.filter(jurisdiction_q(user, prefix="household__")).select_related(
        "household", "person", "service", "owner"
    )


def access_referral_by_id(*, user, referral_id) -> Referral:
    try:
        return referral_list(user=user).get(pk=referral_id)
    except (Referral.DoesNotExist, ValueError, TypeError):
        raise NotFoundError(errors.ERR_REFERRAL_NOT_FOUND) from None


def household_referrals(*, user, household) -> QuerySet[Referral]:
    return referral_list(user=user).filter(household=household).order_by("-created_at")
