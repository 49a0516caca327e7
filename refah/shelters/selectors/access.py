"""The protected reads of one sealed record: `access_<thing>_by_id(*, user, <thing>_id)`.

Someone not named in the record's unit gets NotFoundError — the same answer as for a wrong id — and the attempt
is written to the sealed audit (refah.audit's `sealed` rows), never to the ordinary trail. A read that is shown
is written to the access log as a sealed read (no household, person or district on the row)."""

from __future__ import annotations

import uuid

from django.db import transaction

from refah.audit.actions import AuditAction
from refah.audit.enums import AccessChannel, AccessKind, AccessPurpose
from refah.audit.services import audit_record
from refah.audit.services_access import access_record
from refah.common.errors import NotFoundError
from refah.shelters import errors
from refah.shelters.enums import AlertKind, UnitRole
from refah.shelters.models import ProtectionCase, SealedAlert, SealedUnit, ShelterStay
from refah.shelters.selectors.naming import glass_broken, is_named, unit_role


def _find(model, pk, *related):
    try:
        key = uuid.UUID(str(pk))
    except (ValueError, TypeError, AttributeError):
        return None
    return model.objects.select_related(*related).filter(pk=key).first()


def refused(user, obj) -> NotFoundError:
    """Write the refused attempt to the sealed audit (in a transaction of its own) and return the "not found"."""
    with transaction.atomic():
        actor = user if getattr(user, "is_authenticated", False) else None
        audit_record(actor=actor, action=AuditAction.SEALED_ACCESS_REFUSED, obj=obj, sealed=True)
    return NotFoundError(errors.ERR_NOT_FOUND)


def sealed_read(*, user, obj, channel: str = AccessChannel.SCREEN, kind: str = AccessKind.PERSON, count: int = 1):
    """Log a read of a sealed record: a sealed row of the access log."""
    access_record(
        actor=user,
        purpose=AccessPurpose.CASE_WORK,
        channel=channel,
        kind=kind,
        obj=obj,
        count=count,
        sealed=True,
    )


def access_unit_by_id(*, user, unit_id) -> SealedUnit:
    """A unit its named staff may open."""
    unit = _find(SealedUnit, unit_id, "province")
    if unit is None:
        raise NotFoundError(errors.ERR_NOT_FOUND)
    if not is_named(user, unit):
        raise refused(user, unit)
    return unit


def may_read_case(user, case) -> bool:
    """Named in the case's unit, or holding a break-glass grant on it still in force."""
    return is_named(user, case.unit_id) or glass_broken(user, case) is not None


def access_case_by_id(*, user, case_id, channel: str = AccessChannel.SCREEN) -> ProtectionCase:
    """A protection case, for its unit's named staff or a break-glass reader; the read is logged (sealed)."""
    case = _find(ProtectionCase, case_id, "unit", "person", "household")
    if case is None:
        raise NotFoundError(errors.ERR_NOT_FOUND)
    if not may_read_case(user, case):
        raise refused(user, case)
    sealed_read(user=user, obj=case, channel=channel)
    return case


def access_stay_by_id(*, user, stay_id) -> ShelterStay:
    """A shelter stay, for the named staff of the case's unit or of the shelter."""
    stay = _find(ShelterStay, stay_id, "case", "case__person", "shelter")
    if stay is None:
        raise NotFoundError(errors.ERR_NOT_FOUND)
    if not (is_named(user, stay.case.unit_id) or is_named(user, stay.shelter_id)):
        raise refused(user, stay)
    return stay


def access_alert_by_id(*, user, alert_id) -> SealedAlert:
    """An alert of a unit: intakes for its named staff, break-glass alerts for its supervisors."""
    alert = _find(SealedAlert, alert_id, "unit")
    if alert is None:
        raise NotFoundError(errors.ERR_NOT_FOUND)
    role = unit_role(user, alert.unit_id)
    if role is None or (alert.kind == AlertKind.BREAK_GLASS and role != UnitRole.SUPERVISOR):
        raise refused(user, alert)
    return alert
