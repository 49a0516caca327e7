"""Recording veterans and martyrs' relatives, and granting, using, revoking and referring their entitlements.

Who may hold which entitlement is the catalogue's (catalogue.py); the right to public employment is used by one
person per martyr or veteran, held by a partial unique index as well as checked here.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction

from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.casework.enums import REFERRAL_OPEN_STATUSES, ReferralSource, ServiceKind
from refah.casework.services import referral_create
from refah.common.errors import ConflictError, RefahError
from refah.entitlements import errors
from refah.entitlements.catalogue import RULES, source_text
from refah.entitlements.enums import OWN_STATUSES, EntitlementKind, EntitlementStatus, VeteranStatus
from refah.entitlements.models import Entitlement, VeteranRecord
from refah.entitlements.roles import ADD_RECORD, GRANT
from refah.entitlements.services._common import household_of, in_reach, require, tc_checked, text_checked, today
from refah.registry.models import Person


def _not_future(value: dt.date | None, *, field: str) -> None:
    if value is not None and value > today():
        raise RefahError(errors.ERR_EVENT_DATE, field=field)


def veteran_record_create(
    *,
    actor,
    person: Person,
    status: str,
    subject_name: str,
    subject_national_id: str,
    event_date: dt.date,
    decision_ref: str,
    decision_date: dt.date | None = None,
) -> VeteranRecord:
    """Record a veteran (the subject is the person) or a martyr's relative (the subject is the martyr), as the
    ministry's decision says; the record takes the person's current household for its jurisdiction."""
    require(actor, ADD_RECORD)
    household = household_of(actor=actor, person=person)
    if status not in VeteranStatus.values:
        raise RefahError(errors.ERR_STATUS, field="status")
    subject_name = text_checked(subject_name, field="subject_name", missing=errors.ERR_SUBJECT_NAME, limit=200)
    subject = (subject_national_id or "").strip() or (person.national_id if status in OWN_STATUSES else "")
    subject = tc_checked(subject, field="subject_national_id", missing=errors.ERR_SUBJECT_SELF)
    if status in OWN_STATUSES and subject != person.national_id:
        raise RefahError(errors.ERR_SUBJECT_OWN, field="subject_national_id")
    if status not in OWN_STATUSES and subject == person.national_id:
        raise RefahError(errors.ERR_SUBJECT_SELF, field="subject_national_id")
    _not_future(event_date, field="event_date")
    _not_future(decision_date, field="decision_date")
    decision_ref = text_checked(decision_ref, field="decision_ref", missing=errors.ERR_DECISION_REF, limit=100)
    record = VeteranRecord(
        person=person,
        household=household,
        status=status,
        subject_name=subject_name,
        subject_national_id=subject,
        event_date=event_date,
        decision_ref=decision_ref,
        decision_date=decision_date,
        recorded_by=actor,
    )
    try:
        with transaction.atomic():
            record.save()
            audit_record(
                actor=actor,
                action=AuditAction.VETERAN_RECORD_CREATE,
                obj=record,
                after=snapshot(record),
                household_id=household.pk,
            )
    except IntegrityError:
        message = errors.ERR_RECORD_EXISTS % {"name": person.full_name}
        raise ConflictError(message, field="subject_national_id", code="record_exists") from None
    return record


def _grant_checks(record: VeteranRecord, kind: str) -> None:
    if kind not in RULES:
        raise RefahError(errors.ERR_KIND % {"kind": kind}, field="kind")
    if record.status not in RULES[kind].statuses:
        params = {
            "entitlement": EntitlementKind(kind).label,
            "status": record.get_status_display(),
            "source": source_text(kind),
        }
        raise RefahError(errors.ERR_KIND_STATUS % params, field="kind")
    live = Entitlement.objects.exclude(status=EntitlementStatus.REVOKED)
    if live.filter(record=record, kind=kind).exists():
        raise ConflictError(
            errors.ERR_ENTITLEMENT_EXISTS % {"name": record.person.full_name}, field="kind", code="entitlement_exists"
        )
    if RULES[kind].one_per_subject:
        other = live.filter(kind=kind, subject_national_id=record.subject_national_id).first()
        if other is not None:
            message = errors.ERR_ONE_PER_SUBJECT % {"date": other.granted_on.strftime("%d.%m.%Y")}
            raise RefahError(message, field="kind", code="one_per_subject")


def entitlement_grant(*, actor, record: VeteranRecord, kind: str, note: str = "") -> Entitlement:
    """Grant an entitlement the record's status allows (catalogue.py); refused with its reason and field otherwise."""
    require(actor, GRANT)
    household_of(actor=actor, person=record.person)
    _grant_checks(record, kind)
    entitlement = Entitlement(
        record=record,
        person=record.person,
        household=record.household,
        kind=kind,
        subject_national_id=record.subject_national_id,
        granted_on=today(),
        granted_by=actor,
        note=(note or "").strip()[:300],
    )
    try:
        with transaction.atomic():
            entitlement.save()
            audit_record(
                actor=actor,
                action=AuditAction.ENTITLEMENT_GRANT,
                obj=entitlement,
                after=snapshot(entitlement),
                household_id=record.household_id,
            )
    except IntegrityError:  # a concurrent grant won: the same checks now say which
        _grant_checks(record, kind)
        raise
    return entitlement


def _locked_open(actor, entitlement: Entitlement) -> Entitlement:
    in_reach(actor=actor, household_id=entitlement.household_id, message=errors.ERR_ENTITLEMENT_NOT_FOUND)
    locked = Entitlement.objects.select_for_update().select_related("person").get(pk=entitlement.pk)
    if locked.status != EntitlementStatus.GRANTED:
        params = {"status": locked.get_status_display().lower()}
        raise ConflictError(errors.ERR_ENTITLEMENT_CLOSED % params, code="entitlement_closed")
    return locked


@transaction.atomic
def entitlement_use(*, actor, entitlement: Entitlement, used_on: dt.date | None = None) -> Entitlement:
    """Record that the entitlement was used (the public job started, the credit drawn…)."""
    require(actor, GRANT)
    used_on = used_on or today()
    if used_on > today():
        raise RefahError(errors.ERR_DATE_FUTURE, field="used_on")
    locked = _locked_open(actor, entitlement)
    before = snapshot(locked)
    locked.status, locked.used_on = EntitlementStatus.USED, used_on
    locked.save(update_fields=["status", "used_on", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.ENTITLEMENT_USE,
        obj=locked,
        before=before,
        after=snapshot(locked),
        household_id=locked.household_id,
    )
    return locked


@transaction.atomic
def entitlement_revoke(*, actor, entitlement: Entitlement, reason: str) -> Entitlement:
    """Revoke a granted entitlement (granted in error, the decision withdrawn), with the reason."""
    require(actor, GRANT)
    reason = text_checked(reason, field="reason", missing=errors.ERR_REASON, limit=300)
    locked = _locked_open(actor, entitlement)
    before = snapshot(locked)
    locked.status, locked.revoked_on, locked.note = EntitlementStatus.REVOKED, today(), reason
    locked.save(update_fields=["status", "revoked_on", "note", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.ENTITLEMENT_REVOKE,
        obj=locked,
        before=before,
        after=snapshot(locked),
        household_id=locked.household_id,
    )
    return locked


def entitlement_refer(*, actor, entitlement: Entitlement, reason: str = "") -> Entitlement:
    """Refer a granted right to public employment to the martyrs' relatives and veterans service of the area
    (casework's referral, kind VETERANS: the directorate's unit that places the person in a public job)."""
    require(actor, GRANT)
    if entitlement.kind != EntitlementKind.PUBLIC_EMPLOYMENT or entitlement.status != EntitlementStatus.GRANTED:
        raise RefahError(errors.ERR_NOT_REFERABLE, field="entitlement")
    previous = entitlement.referral
    if previous is not None and previous.status in REFERRAL_OPEN_STATUSES:
        params = {"date": previous.created_at.strftime("%d.%m.%Y")}
        raise ConflictError(errors.ERR_ALREADY_REFERRED % params, code="already_referred")
    household = household_of(actor=actor, person=entitlement.person)
    text = (reason or "").strip() or str(EntitlementKind.PUBLIC_EMPLOYMENT.label)
    with transaction.atomic():
        referral = referral_create(
            actor=actor,
            household=household,
            person=entitlement.person,
            kind=ServiceKind.VETERANS,
            reason=f"{text} ({source_text(entitlement.kind)})",
            source=ReferralSource.COUNTER,
            source_ref=f"entitlement:{entitlement.pk}",
        )
        locked = Entitlement.objects.select_for_update().get(pk=entitlement.pk)
        before = snapshot(locked)
        locked.referral = referral
        locked.save(update_fields=["referral", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.ENTITLEMENT_REFER,
            obj=locked,
            before=before,
            after=snapshot(locked),
            household_id=household.pk,
        )
    return locked
