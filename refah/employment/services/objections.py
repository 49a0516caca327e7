"""An objection against a sanction goes through the existing objection path (refah.cases): filed on the
household's case within the objection period counted from the sanction's decision, decided by a colleague with the
objection permission who did not judge the refusals; upheld, it cancels the sanction and the household's rules are
evaluated again (the months it reduced but not yet paid are paid in full)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.cases.models import Objection
from refah.cases.objection_subjects import objection_subject_register as _register
from refah.cases.services import subject_objection_file
from refah.common.errors import ConflictError, PermissionDeniedError, RefahError
from refah.employment import errors
from refah.employment.enums import SanctionStatus
from refah.employment.models import Sanction
from refah.employment.services._common import first_of_month, refresh_after_commit, today
from refah.registry.models import Person

SUBJECT = "work_sanction"


def objection_subject_register() -> None:
    """Make sanctions something an objection may be filed against (called from the app's ready())."""
    _register(SUBJECT, label=_("Sanction for refusing work"), on_decide=_decided)


def sanction_object(*, actor, sanction: Sanction, reason: str, person: Person | None = None) -> Objection:
    """File the household's objection against the sanction (by staff at the counter, or by the citizen)."""
    if sanction.status != SanctionStatus.ACTIVE:
        raise ConflictError(errors.ERR_SANCTION_CANCELLED, code="sanction_cancelled")
    if sanction.application is None:
        raise RefahError(errors.ERR_OBJECTION_NO_CASE, field="reason")
    return subject_objection_file(
        actor=actor,
        application=sanction.application,
        subject_kind=SUBJECT,
        subject_id=sanction.pk,
        decided_on=sanction.decided_on,
        reason=reason,
        person=person,
    )


def _decided(subject_id, upheld: bool, actor) -> None:
    """The objection is decided (inside cases' transaction): a colleague who judged none of the refusals decides;
    upheld, the sanction is cancelled."""
    sanction = Sanction.objects.select_for_update().get(pk=subject_id)
    if sanction.refusals.filter(validity_decided_by=actor).exists() or sanction.decided_by_id == actor.pk:
        raise PermissionDeniedError(errors.ERR_OBJECTION_SAME_PERSON)
    if not upheld:
        return
    if sanction.status != SanctionStatus.ACTIVE:
        raise ConflictError(errors.ERR_SANCTION_CANCELLED, code="sanction_cancelled")
    before = snapshot(sanction)
    sanction.status, sanction.cancelled_on = SanctionStatus.CANCELLED, today()
    sanction.cancel_note = str(_("Objection upheld."))
    sanction.save(update_fields=["status", "cancelled_on", "cancel_note", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.SANCTION_CANCEL,
        obj=sanction,
        before=before,
        after=snapshot(sanction),
        household_id=sanction.household_id,
    )
    refresh_after_commit(sanction.household_id, today(), first_of_month(today(), 1), sanction.starts_on)
