"""What the case services share: the permission check, the case locked in the actor's jurisdiction, the checked
transition and the audit record of the case."""

from __future__ import annotations

from refah.accounts.selectors import jurisdiction_q
from refah.audit.services import audit_record, snapshot
from refah.casework import errors
from refah.casework.models import SocialCase
from refah.casework.workflow import case_check
from refah.common.errors import ERR_NO_PERMISSION, NotFoundError, PermissionDeniedError, RefahError


def require(actor, perm: str) -> None:
    if actor is None or not actor.has_perm(perm):
        raise PermissionDeniedError(ERR_NO_PERMISSION)


def filled(value: str, message, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise RefahError(message, field=field)
    return value


def locked(actor, case: SocialCase) -> SocialCase:
    found = (
        SocialCase.objects.select_for_update(of=("self",))
        .filter(jurisdiction_q(actor, prefix="household__"))
        .select_related("household")
        .filter(pk=getattr(case, "pk", case))
        .first()
    )
    if found is None:
        raise NotFoundError(errors.ERR_CASE_NOT_FOUND)
    return found


def move(case: SocialCase, target: str) -> dict:
    """Check and make the transition (saved by the caller); the case's snapshot before it."""
    case_check(case.status, target)
    before = snapshot(case)
    case.status = target
    return before


def _audit(actor, case: SocialCase, before: dict | None, **audit) -> None:
    audit_record(actor=actor, obj=case, before=before, after=snapshot(case), household_id=case.household_id, **audit)
