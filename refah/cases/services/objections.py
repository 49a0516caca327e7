"""Objections: the citizen objects within the period; a different inspector re-examines the household."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.cases import deadlines, errors
from refah.cases.enums import ObjectionStatus, Status, VisitKind
from refah.cases.models import Application, Objection
from refah.cases.services._common import citizen_notify, lock, require, today
from refah.cases.services.visits import _assign
from refah.cases.workflow import case_transition
from refah.common.errors import ConflictError
from refah.registry.models import Person

DECIDED = (Status.APPROVED, Status.REJECTED, Status.DEFERRED)


@transaction.atomic
def objection_file(*, actor, application: Application, reason: str, person: Person | None = None) -> Objection:
    """File the citizen's objection (by staff at the counter, or by the citizen) within the objection period."""
    if person is None:
        require(actor, "cases.change_application")
    if not (reason or "").strip():
        raise ValidationError({"reason": errors.ERR_OBJECTION_REASON})
    application = lock(actor=actor, application=application, person=person)
    if application.status in DECIDED and application.decided_at:
        last_day = deadlines.due("objection", timezone.localtime(application.decided_at).date())
        if today() > last_day:
            raise ValidationError({"reason": ValidationError(errors.ERR_OBJECTION_LATE, params={"date": last_day})})
    application.due_on = deadlines.due("re_investigation", today())
    case_transition(
        actor=actor or person,
        application=application,
        target=Status.OBJECTED,
        action=AuditAction.CASE_OBJECT,
        reason=reason,
        fields=["due_on"],
    )
    objection = Objection.objects.create(
        application=application,
        reason=reason.strip(),
        filed_at=timezone.now(),
        filed_by=actor if getattr(actor, "is_authenticated", False) else None,
        filed_by_person=person,
    )
    audit_record(
        actor=actor or person,
        action=AuditAction.OBJECTION_FILE,
        obj=objection,
        after=snapshot(objection),
        household_id=application.household_id,
    )
    citizen_notify(application=application, template="objection_received", context={})
    return objection


@transaction.atomic
def objection_assign(*, actor, application: Application, reason: str = "") -> Objection:
    """Start the re-examination: a visit by an inspector who did not visit this case before."""
    require(actor, "cases.handle_objection")
    application = lock(actor=actor, application=application)
    objection = application.objections.filter(status=ObjectionStatus.FILED).order_by("-filed_at").first()
    if objection is None:
        raise ConflictError(errors.ERR_OBJECTION_NOT_OPEN, code="no_objection")
    case_transition(
        actor=actor,
        application=application,
        target=Status.RE_EXAMINATION,
        action=AuditAction.CASE_RE_EXAMINE,
        reason=reason,
    )
    earlier = [v.inspector for v in application.visits.select_related("inspector")]
    visit = _assign(actor=actor, application=application, kind=VisitKind.RE_EXAMINATION, exclude=earlier)
    objection.status, objection.visit = ObjectionStatus.IN_REVIEW, visit
    objection.save(update_fields=["status", "visit", "updated_at"])
    return objection
