"""Objections: the citizen objects within the period; a different inspector re-examines the household."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.cases import deadlines, errors
from refah.cases.enums import ObjectionStatus, Status, VisitKind
from refah.cases.models import Application, Objection
from refah.cases.objection_subjects import subject_kind as subject_kind_get
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


@transaction.atomic
def subject_objection_file(
    *,
    actor,
    application: Application,
    subject_kind: str,
    subject_id,
    decided_on,
    reason: str,
    person: Person | None = None,
) -> Objection:
    """File the citizen's objection against a subject decided outside the committee (cases.objection_subjects:
    the employment app's sanction) through the household's case, within the objection period counted from the
    subject's decision (`decided_on`). The case's status does not change: the objection is decided on its own
    (`subject_objection_decide`)."""
    if person is None:
        require(actor, "cases.change_application")
    subject_kind_get(subject_kind)
    if not (reason or "").strip():
        raise ValidationError({"reason": errors.ERR_OBJECTION_REASON})
    application = lock(actor=actor, application=application, person=person)
    last_day = deadlines.due("objection", decided_on)
    if today() > last_day:
        raise ValidationError({"reason": ValidationError(errors.ERR_OBJECTION_LATE, params={"date": last_day})})
    if Objection.objects.filter(
        subject_kind=subject_kind, subject_id=subject_id, status=ObjectionStatus.FILED
    ).exists():
        raise ConflictError(errors.ERR_OBJECTION_OPEN, code="objection_open")
    objection = Objection.objects.create(
        application=application,
        reason=reason.strip(),
        filed_at=timezone.now(),
        filed_by=actor if getattr(actor, "is_authenticated", False) else None,
        filed_by_person=person,
        subject_kind=subject_kind,
        subject_id=subject_id,
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
def subject_objection_decide(*, actor, objection: Objection, upheld: bool, outcome: str) -> Objection:
    """Decide an objection against a subject (`subject_kind`): upheld or not, with the outcome the citizen is
    told. The subject's app is called back in this transaction (an upheld objection against a sanction cancels
    it) and may refuse."""
    require(actor, "cases.handle_objection")
    if not (outcome or "").strip():
        raise ValidationError({"outcome": errors.ERR_OBJECTION_OUTCOME})
    lock(actor=actor, application=objection.application)
    locked = Objection.objects.select_for_update().get(pk=objection.pk)
    if not locked.subject_kind:
        raise ConflictError(errors.ERR_OBJECTION_NOT_SUBJECT, code="not_a_subject")
    if locked.status == ObjectionStatus.DECIDED:
        raise ConflictError(errors.ERR_OBJECTION_DECIDED, code="objection_decided")
    before = snapshot(locked)
    subject_kind_get(locked.subject_kind).on_decide(locked.subject_id, bool(upheld), actor)
    locked.status, locked.upheld, locked.outcome = ObjectionStatus.DECIDED, bool(upheld), outcome.strip()
    locked.decided_by, locked.decided_at = actor, timezone.now()
    locked.save(update_fields=["status", "upheld", "outcome", "decided_by", "decided_at", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.OBJECTION_DECIDE,
        obj=locked,
        before=before,
        after=snapshot(locked),
        household_id=locked.application.household_id,
    )
    citizen_notify(
        application=locked.application,
        template="objection_decided",
        context={"outcome": locked.outcome},
    )
    return locked
