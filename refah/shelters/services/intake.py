"""Opening a protection case: the sealed hand-over of a referral (refah.casework.sealing) or an intake at the
unit (walk-in, ALO 183, the police). Either way the unit's staff are alerted at once."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from refah.audit.actions import AuditAction
from refah.audit.services import snapshot
from refah.common.errors import RefahError
from refah.notifications.services import notify
from refah.registry.models import Person
from refah.shelters import errors
from refah.shelters.enums import AlertKind, CaseSource, RiskLevel, UnitKind
from refah.shelters.models import ProtectionCase, SealedAlert, SealedMember, SealedUnit
from refah.shelters.services.common import _audit, case_reference, choice, require_named, required

CASE_FIELDS = ["id", "unit", "reference", "person", "household", "opened_on", "source", "risk_level", "status"]


def sonim_for(province_id) -> SealedUnit | None:
    """The ŞÖNİM that takes the province's intakes (the first created, when a province has more than one)."""
    return (
        SealedUnit.objects.filter(kind=UnitKind.SONIM, province_id=province_id, active=True)
        .order_by("created_at")
        .first()
    )


def _open(*, actor, unit, person, household, person_label, source, source_ref, reason, risk_level) -> ProtectionCase:
    case = ProtectionCase(
        unit=unit,
        reference=case_reference(),
        person=person,
        household=household,
        person_label=(person_label or "")[:200],
        opened_on=timezone.localdate(),
        opened_by=actor if getattr(actor, "is_authenticated", False) else None,
        source=source,
        source_ref=(source_ref or "")[:64],
        intake_reason=reason,
        risk_level=risk_level,
    )
    case.save()
    _audit(actor=actor, action=AuditAction.PROTECTION_CASE_OPEN, obj=case, after=snapshot(case, CASE_FIELDS))
    SealedAlert.objects.create(unit=unit, kind=AlertKind.INTAKE, case=case)
    staff = SealedMember.objects.filter(unit=unit, ended_at__isnull=True).select_related("user")
    for member in staff:
        if member.user.email:
            notify(email=member.user.email, template="sealed_intake", context={"unit": unit.name})
    return case


def sealed_intake_handover(*, actor, household, person, service_kind: str, reason: str, source: str, source_ref: str):
    """casework's sealed hand-over: a referral of a sealed kind becomes an intake at the ŞÖNİM of the household's
    province, in the caller's transaction; nothing is returned, so the referring screen can show nothing of it."""
    unit = sonim_for(household.district.province_id)
    if unit is None:
        raise RefahError(errors.ERR_NO_SONIM, field="service")
    _open(
        actor=actor,
        unit=unit,
        person=person,
        household=household,
        person_label="",
        source=CaseSource.REFERRAL,
        source_ref=f"{source}:{source_ref}" if source_ref else source,
        reason=required(reason, field="reason", message=errors.ERR_REASON),
        risk_level=RiskLevel.MEDIUM,
    )


def case_open(
    *,
    actor,
    unit: SealedUnit,
    source: str,
    reason: str,
    risk_level: str = RiskLevel.MEDIUM,
    national_id: str = "",
    person_label: str = "",
) -> ProtectionCase:
    """An intake at the unit by its named staff: the person found in the registry by TC Kimlik No, or the name
    she gave (a person at risk may not give her number)."""
    require_named(actor, unit)
    if unit.kind != UnitKind.SONIM:
        raise RefahError(errors.ERR_UNIT_KIND, field="unit")
    choice(source, CaseSource, field="source", message=errors.ERR_SOURCE)
    choice(risk_level, RiskLevel, field="risk_level", message=errors.ERR_RISK)
    reason = required(reason, field="reason", message=errors.ERR_REASON)
    national_id, person_label = (national_id or "").strip(), (person_label or "").strip()
    person = Person.objects.filter(national_id=national_id).first() if national_id else None
    if person is None and not person_label:
        raise RefahError(errors.ERR_PERSON, field="national_id" if national_id else "person_label")
    household = None
    if person is not None:
        membership = person.memberships.current().select_related("household").first()
        household = membership.household if membership else None
    with transaction.atomic():
        return _open(
            actor=actor,
            unit=unit,
            person=person,
            household=household,
            person_label=person_label,
            source=source,
            source_ref="",
            reason=reason,
            risk_level=risk_level,
        )
