"""Break-glass: someone not named, with a role that may (supervisors, social workers), opens one protection case
after writing a reason. The grant lasts REFAH_SEALED_BREAK_GLASS_MINUTES (30), is written to the sealed audit with
its reason, and alerts at once the unit's supervisors (in Refah and by message) and the province's supervisors
(by message: no address, no name, no case details)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone

from refah.accounts.enums import Role
from refah.accounts.selectors import jurisdiction_q
from refah.audit.actions import AuditAction
from refah.common.errors import NotFoundError, PermissionDeniedError, RefahError
from refah.notifications.services import notify
from refah.shelters import errors
from refah.shelters.enums import AlertKind, UnitRole
from refah.shelters.models import BreakGlass, ProtectionCase, SealedAlert
from refah.shelters.roles import BREAK_GLASS
from refah.shelters.selectors.naming import is_named, named_unit_ids
from refah.shelters.services.common import _audit

REASON_MIN = 20


def grant_minutes() -> int:
    return int(getattr(settings, "REFAH_SEALED_BREAK_GLASS_MINUTES", 30))


def _case_for(actor, who: str) -> ProtectionCase | None:
    """The case named by its number, or the person's latest case (open first) by TC Kimlik No, among the units of
    the actor's jurisdiction (a district office's units of its district, a provincial office's all the province's)
    and those the actor is named in."""
    reach = jurisdiction_q(actor, prefix="unit__") | Q(unit_id__in=named_unit_ids(actor))
    cases = ProtectionCase.objects.filter(reach).select_related("unit", "unit__province")
    found = cases.filter(reference=who.upper()).first()
    if found is None and who.isdigit():
        found = cases.filter(person__national_id=who).order_by("status", "-opened_on").first()
    return found


def break_glass_open(*, actor, who: str, reason: str) -> ProtectionCase:
    """Open one case by break-glass (see the module). For a user named in the case's unit it simply returns the
    case: nothing to break. A case that cannot be found is "not found", and the attempt is audited (sealed)."""
    if actor is None or not actor.has_perm(BREAK_GLASS):
        raise PermissionDeniedError(errors.ERR_NOT_NAMED)
    reason, who = (reason or "").strip(), (who or "").strip()
    if len(reason) < REASON_MIN:
        raise RefahError(errors.ERR_BREAK_GLASS_REASON % {"min": REASON_MIN}, field="reason")
    if not who:
        raise RefahError(errors.ERR_BREAK_GLASS_WHO, field="who")
    case = _case_for(actor, who)
    if case is None:
        with transaction.atomic():
            _audit(actor=actor, action=AuditAction.SEALED_ACCESS_REFUSED, obj=actor, note=reason)
        raise NotFoundError(errors.ERR_NOT_FOUND)
    if is_named(actor, case.unit_id):
        return case
    grant = BreakGlass(
        case=case, user=actor, reason=reason, expires_at=timezone.now() + dt.timedelta(minutes=grant_minutes())
    )
    with transaction.atomic():
        grant.save()
        _audit(
            actor=actor,
            action=AuditAction.SEALED_BREAK_GLASS,
            obj=grant,
            after={"case_id": str(case.pk), "expires_at": grant.expires_at.isoformat()},
            note=reason,
        )
        SealedAlert.objects.create(unit=case.unit, kind=AlertKind.BREAK_GLASS, case=case, break_glass=grant)
        _tell(actor, case, grant)
    return case


def _tell(actor, case: ProtectionCase, grant: BreakGlass) -> None:
    """The unit's supervisors and the province's supervisors, by message (sent when the transaction commits)."""
    User = get_user_model()
    unit = case.unit
    supervisors = User.objects.filter(
        sealed_memberships__unit=unit, sealed_memberships__role=UnitRole.SUPERVISOR, sealed_memberships__ended_at=None
    )
    provincial = User.objects.filter(
        Q(staff__office__province_id=unit.province_id, staff__office__district__isnull=True),
        groups__name=Role.SUPERVISOR,
        is_active=True,
    )
    at = formats.time_format(timezone.localtime(grant.created_at), "H:i")
    context = {"province": unit.province.name, "user": actor.get_username(), "at": at}
    for user in {u.pk: u for u in (*supervisors, *provincial)}.values():
        if user.email and user.pk != actor.pk:
            notify(email=user.email, template="sealed_break_glass", context=context)
