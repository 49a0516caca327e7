"""Services of the catalogue and referrals: the one access function per object, lists by jurisdiction."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from refah.accounts.selectors import jurisdiction_q, office_for_user
from refah.audit.enums import AccessChannel, AccessKind, AccessPurpose
from refah.audit.services_access import access_record
from refah.casework import errors
from refah.casework.enums import REFERRAL_PENDING_STATUSES, SEALED_KINDS
from refah.casework.models import Referral, ReferralStep, Service
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
    except (Service.DoesNotExist, ValueError, TypeError, ValidationError):
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
    except (Referral.DoesNotExist, ValueError, TypeError, ValidationError):
        raise NotFoundError(errors.ERR_REFERRAL_NOT_FOUND) from None


def household_referrals(*, user, household) -> QuerySet[Referral]:
    return referral_list(user=user).filter(household=household).order_by("-created_at")


SCOPES = ("all", "mine", "office", "overdue")


def referral_filter(
    *, user, scope: str = "all", status: str | None = None, kind: str | None = None, on: dt.date | None = None
) -> QuerySet[Referral]:
    """The referrals screen's and the API's list: `mine` (owned by the user, or referred by them), `office`
    (to or from the user's office), `overdue` (pending past the deadline); by status and kind of service."""
    rows = referral_list(user=user)
    on = on or timezone.localdate()
    if scope == "mine":
        rows = rows.filter(Q(owner=user) | Q(referred_by=user))
    elif scope == "office":
        office = office_for_user(user)
        rows = rows.filter(Q(service__office=office) | Q(from_office=office)) if office else rows.none()
    elif scope == "overdue":
        rows = rows.filter(status__in=REFERRAL_PENDING_STATUSES, deadline__lt=on)
    if status:
        rows = rows.filter(status=status)
    if kind:
        rows = rows.filter(service__kind=kind)
    return rows.order_by("deadline", "created_at")


def referrals_logged(*, user, referrals, channel: str = AccessChannel.SCREEN) -> None:
    """One access-log row for a list of referrals shown (its households and persons)."""
    if referrals:
        access_record(
            actor=user,
            purpose=AccessPurpose.CASE_WORK,
            channel=channel,
            kind=AccessKind.HOUSEHOLD_LIST,
            households=[r.household_id for r in referrals],
            persons=[r.person_id for r in referrals],
            count=len(referrals),
        )


def referral_read(*, user, referral_id, channel: str = AccessChannel.SCREEN) -> Referral:
    """One referral with its history, the read written to the access log."""
    referral = access_referral_by_id(user=user, referral_id=referral_id)
    access_record(
        actor=user,
        purpose=AccessPurpose.CASE_WORK,
        channel=channel,
        kind=AccessKind.HOUSEHOLD,
        obj=referral,
        household_id=referral.household_id,
        person_id=referral.person_id,
        district_id=referral.household.district_id,
    )
    return referral


def referral_steps(*, referral: Referral) -> QuerySet[ReferralStep]:
    """The history of a referral already read through access_referral_by_id."""
    return referral.steps.select_related("actor").order_by("created_at")
