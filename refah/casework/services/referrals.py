"""Referring a household (or one member) to a service: to a service of the catalogue by id, or to the most local
service of a kind. A referral of a sealed kind (protection from violence) is handed to the sealed services and
leaves no ordinary record (refah/casework/sealing.py)."""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone

from refah.accounts.selectors import office_for_user
from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.casework import errors
from refah.casework.enums import SEALED_KINDS, ReferralSource, ServiceKind
from refah.casework.models import Referral, ReferralStep, Service
from refah.casework.roles import ADD_REFERRAL
from refah.casework.sealing import sealed_intake
from refah.casework.selectors.referrals import service_for_household, services_covering
from refah.common.errors import ERR_NO_PERMISSION, ConflictError, NotFoundError, PermissionDeniedError, RefahError
from refah.registry import selectors as registry_selectors
from refah.registry.models import Household, Person


def _require(actor, perm: str) -> None:
    if actor is None or not actor.has_perm(perm):
        raise PermissionDeniedError(ERR_NO_PERMISSION)


def _uuid_like(value) -> bool:
    try:
        uuid.UUID(str(value))
    except (ValueError, TypeError, AttributeError):
        return False
    return True


def _service(*, household: Household, service, kind) -> Service:
    """The service asked for, by id (active, and taking referrals for the household's district) or by kind."""
    if service is not None:
        service_id = getattr(service, "pk", service)
        found = Service.objects.filter(pk=service_id).first() if _uuid_like(service_id) else None
        if found is None or found.kind in SEALED_KINDS:
            raise RefahError(errors.ERR_SERVICE_UNKNOWN % {"service": service_id}, field="service")
        if not found.active:
            raise RefahError(errors.ERR_SERVICE_INACTIVE, field="service")
        if not services_covering(household.district).filter(pk=found.pk).exists():
            raise RefahError(errors.ERR_SERVICE_NONE_HERE % {"kind": found.get_kind_display()}, field="service")
        return found
    if kind not in ServiceKind.values:
        raise RefahError(errors.ERR_SERVICE_UNKNOWN % {"service": kind}, field="service")
    found = service_for_household(household=household, kind=kind)
    if found is None:
        raise RefahError(errors.ERR_SERVICE_NONE_HERE % {"kind": ServiceKind(kind).label}, field="service")
    return found


def _refusal_audited(*, actor, household: Household, service, kind, exc: RefahError) -> None:
    """A referral to a service that is unknown, inactive or not offered in the household's district is refused and
    the attempt audited, in a transaction of its own (nothing else is written)."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.SERVICE_REFERRAL_REFUSE,
            obj=household,
            after={
                "service": str(getattr(service, "pk", service) or ""),
                "kind": str(kind or ""),
                "reason": str(exc.message),
            },
            household_id=household.pk,
        )


def referral_create(
    *,
    actor,
    household: Household,
    reason: str,
    source: str,
    person: Person | None = None,
    service: Service | str | None = None,
    kind: str | None = None,
    source_ref: str = "",
    deadline: dt.date | None = None,
    idempotency_key: str | None = None,
) -> Referral | None:
    """Refer the household (or `person`, a current member) to `service` or to the most local service of `kind`.

    The deadline defaults to the service's days to answer. A referral of a sealed kind is handed to the sealed
    services and returns None: nothing of it is kept here, so nothing can show it to someone not named there.
    With an `idempotency_key` (the API's header) the same request twice returns the first referral, marked
    `replayed`; the key used for a different referral is a conflict."""
    _require(actor, ADD_REFERRAL)
    if idempotency_key:
        earlier = Referral.objects.filter(referred_by=actor, idempotency_key=idempotency_key).first()
        if earlier is not None:
            return _replayed(earlier, household=household, person=person, service=service, kind=kind, reason=reason)
    try:
        household = registry_selectors.access_household_by_id(user=actor, household_id=household.pk)
    except NotFoundError:
        raise NotFoundError(errors.ERR_REFERRAL_NOT_FOUND) from None
    reason = (reason or "").strip()
    if not reason:
        raise RefahError(errors.ERR_REFERRAL_REASON, field="reason")
    if source not in ReferralSource.values:
        raise RefahError(errors.ERR_SERVICE_UNKNOWN % {"service": source}, field="source")
    if person is not None and not person.memberships.current().filter(household=household).exists():
        raise RefahError(errors.ERR_PERSON_NOT_MEMBER, field="person")
    sealed_kind = kind if service is None and kind in SEALED_KINDS else None
    if service is not None:
        service_id = getattr(service, "pk", service)
        asked = Service.objects.filter(pk=service_id).only("kind").first() if _uuid_like(service_id) else None
        sealed_kind = asked.kind if asked is not None and asked.kind in SEALED_KINDS else None
    if sealed_kind is not None:
        handler = sealed_intake()
        if handler is None:
            raise RefahError(errors.ERR_SEALED_UNAVAILABLE, field="service")
        with transaction.atomic():
            handler(
                actor=actor,
                household=household,
                person=person,
                service_kind=sealed_kind,
                reason=reason,
                source=source,
                source_ref=source_ref,
            )
        return None
    try:
        chosen = _service(household=household, service=service, kind=kind)
    except RefahError as exc:
        _refusal_audited(actor=actor, household=household, service=service, kind=kind, exc=exc)
        raise
    today = timezone.localdate()
    if deadline is None:
        deadline = today + dt.timedelta(days=chosen.days_to_answer)
    elif deadline < today:
        raise RefahError(errors.ERR_REFERRAL_DEADLINE, field="deadline")
    referral = Referral(
        household=household,
        person=person,
        service=chosen,
        source=source,
        source_ref=source_ref[:64],
        reason=reason,
        from_office=office_for_user(actor),
        referred_by=actor,
        deadline=deadline,
        idempotency_key=idempotency_key or None,
    )
    try:
        with transaction.atomic():
            _save(actor, referral, reason, household)
    except IntegrityError:
        if not idempotency_key:
            raise
        earlier = Referral.objects.get(referred_by=actor, idempotency_key=idempotency_key)  # a concurrent twin won
        return _replayed(earlier, household=household, person=person, service=service, kind=kind, reason=reason)
    return referral


def _save(actor, referral: Referral, reason: str, household) -> None:
    """The referral, its first history step and its audit record (inside the caller's transaction)."""
    referral.save()
    ReferralStep.objects.create(
        referral=referral,
        actor=actor,
        action=AuditAction.SERVICE_REFERRAL_CREATE,
        to_status=referral.status,
        note=reason,
    )
    audit_record(
        actor=actor,
        action=AuditAction.SERVICE_REFERRAL_CREATE,
        obj=referral,
        after=snapshot(referral),
        household_id=household.pk,
    )


def _replayed(earlier: Referral, *, household, person, service, kind, reason) -> Referral:
    """The referral an Idempotency-Key made before, if this request asks for the same; a conflict otherwise."""
    service_id = getattr(service, "pk", service)
    same = (
        earlier.household_id == household.pk
        and earlier.person_id == getattr(person, "pk", None)
        and (str(earlier.service_id) == str(service_id) if service is not None else earlier.service.kind == kind)
        and earlier.reason == (reason or "").strip()
    )
    if not same:
        raise ConflictError(errors.ERR_IDEMPOTENCY_MISMATCH, field="idempotency_key", code="idempotency_mismatch")
    earlier.replayed = True
    return earlier
