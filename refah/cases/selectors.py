"""Reads of cases, scoped by the user's jurisdiction; the one place access to a case is decided."""

import calendar
import datetime as dt
import uuid

from django.db.models import Case, Count, Q, QuerySet, Value, When

from refah.accounts.selectors import jurisdiction_q
from refah.audit.enums import AccessChannel, AccessKind, AccessPurpose
from refah.audit.services_access import access_record
from refah.cases import errors
from refah.cases.enums import DocumentType, Outcome, Status, VisitStatus
from refah.cases.models import Application, Document, ProgramDecision, Visit
from refah.cases.workflow import TIMED_STATUSES
from refah.common.errors import NotFoundError, PermissionDeniedError
from refah.registry import selectors as registry_selectors
from refah.registry.models import Person

CITIZEN = "citizen"  # the access log's reader when the citizen reads their own data on the portal
# Documents about health (KVKK special category): their reads are flagged as sensitive in the access log.
SENSITIVE_DOCUMENTS = frozenset({DocumentType.DISABILITY_REPORT})


def _require(user, perm: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDeniedError(errors.ERR_NO_PERMISSION)


def _key(value, message):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise NotFoundError(message) from None


def application_list(*, user, filters: dict | None = None) -> QuerySet[Application]:
    """Applications of households in the user's jurisdiction, with filters: status, program, channel, overdue, q."""
    _require(user, "cases.view_application")
    f = filters or {}
    qs = Application.objects.filter(jurisdiction_q(user, prefix="household__")).select_related(
        "household__district", "household__neighbourhood", "office"
    )
    if f.get("status"):
        qs = qs.filter(status=f["status"])
    if f.get("program"):
        qs = qs.filter(programs__program=f["program"])
    if f.get("channel"):
        qs = qs.filter(channel=f["channel"])
    if f.get("overdue"):
        qs = qs.filter(status__in=TIMED_STATUSES, due_on__lt=f.get("on") or dt.date.today())
    if f.get("q"):
        text = f["q"].strip()
        qs = qs.filter(Q(reference__icontains=text) | Q(household__reference_code__icontains=text))
    return qs.prefetch_related("programs").order_by("due_on", "created_at").distinct()


def application_queue(*, user, filters: dict | None = None) -> QuerySet[Application]:
    """The office's queue: open cases first, the earliest step deadline first; decided and closed ones after."""
    return (
        application_list(user=user, filters=filters)
        .annotate(settled=Case(When(status__in=TIMED_STATUSES, then=Value(0)), default=Value(1)))
        .order_by("settled", "due_on", "created_at")
    )


def overdue_applications(*, user, on: dt.date) -> QuerySet[Application]:
    """Cases whose step deadline has passed (received, under investigation, awaiting committee, objections)."""
    return application_list(user=user, filters={"overdue": True, "on": on})


def access_application_by_id(*, user, application_id) -> Application:
    """One application in the user's jurisdiction; outside it the same "not found" as a wrong id."""
    _require(user, "cases.view_application")
    key = _key(application_id, errors.ERR_APPLICATION_NOT_FOUND)
    application = (
        Application.objects.filter(jurisdiction_q(user, prefix="household__"), pk=key)
        .select_related("household__district", "household__province", "household__neighbourhood", "office")
        .first()
    )
    if application is None:
        raise NotFoundError(errors.ERR_APPLICATION_NOT_FOUND)
    return application


def application_read(
    *, user, application_id, channel: str = AccessChannel.SCREEN, purpose: str = AccessPurpose.CASE_WORK
) -> Application:
    """access_application_by_id() for showing the case (its page, the API's detail): the read is written to the access
    log, one row for the application's household. Writes and checks that show nothing use access_application_by_id()."""
    application = access_application_by_id(user=user, application_id=application_id)
    household = application.household
    access_record(
        actor=user,
        purpose=purpose,
        channel=channel,
        kind=AccessKind.HOUSEHOLD,
        obj=application,
        household_id=household.pk,
        district_id=household.district_id,
        sensitive=user.has_perm("registry.view_sensitive_person"),
    )
    return application


def applications_logged(*, user, applications, channel: str, purpose: str = AccessPurpose.CASE_WORK) -> None:
    """Log one read of a list of applications (one access row, their households as its subjects); an empty
    list showed nobody and logs nothing."""
    households = [a.household_id for a in applications]
    if not households:
        return
    access_record(
        actor=user,
        purpose=purpose,
        channel=channel,
        kind=AccessKind.HOUSEHOLD_LIST,
        households=households,
    )


def own_data_record(*, person: Person, household_id, obj=None, district_id=None) -> None:
    """Log the citizen's read of their own household's data on the portal (purpose own data)."""
    access_record(
        actor=CITIZEN,
        purpose=AccessPurpose.OWN_DATA,
        channel=AccessChannel.PORTAL,
        kind=AccessKind.HOUSEHOLD,
        obj=obj,
        household_id=household_id,
        person_id=person.pk,
        district_id=district_id,
    )


def applications_for_person(*, person: Person) -> QuerySet[Application]:
    """The applications of the citizen's current household, newest first."""
    households = registry_selectors.current_household_ids(person=person)
    return Application.objects.filter(household_id__in=households).prefetch_related("programs", "decisions")


def access_document_by_id(
    *, user, document_id, person: Person | None = None, purpose: str = AccessPurpose.CASE_WORK
) -> Document:
    """A document the user may download: view permission and the case in jurisdiction (or the citizen's own).
    The read is logged: by staff on the screen channel with `purpose`, by the citizen on the portal's."""
    key = _key(document_id, errors.ERR_DOCUMENT_NOT_FOUND)
    if person is not None:
        households = registry_selectors.current_household_ids(person=person)
        qs = Document.objects.filter(application__household_id__in=households, visit__isnull=True)
    else:
        _require(user, "cases.view_document")
        qs = Document.objects.filter(jurisdiction_q(user, prefix="application__household__"))
    document = qs.select_related("application__household").filter(pk=key).first()
    if document is None:
        raise NotFoundError(errors.ERR_DOCUMENT_NOT_FOUND)
    household = document.application.household
    access_record(
        actor=user if person is None else CITIZEN,
        purpose=purpose if person is None else AccessPurpose.OWN_DATA,
        channel=AccessChannel.SCREEN if person is None else AccessChannel.PORTAL,
        kind=AccessKind.DOCUMENT,
        obj=document,
        household_id=household.pk,
        person_id=person.pk if person is not None else None,
        district_id=household.district_id,
        sensitive=document.doc_type in SENSITIVE_DOCUMENTS,
    )
    return document


def application_report(*, user, application_id, purpose: str = AccessPurpose.CASE_WORK) -> Application:
    """An application whose social investigation report the user may read (visit permission, jurisdiction);
    the read of the report is logged."""
    _require(user, "cases.view_visit")
    application = access_application_by_id(user=user, application_id=application_id)
    household = application.household
    access_record(
        actor=user,
        purpose=purpose,
        channel=AccessChannel.EXPORT,
        kind=AccessKind.REPORT,
        obj=application,
        household_id=household.pk,
        district_id=household.district_id,
        sensitive=True,
    )
    return application


def access_visit_by_id(*, user, visit_id) -> Visit:
    """A visit of a case in the user's jurisdiction."""
    _require(user, "cases.view_visit")
    key = _key(visit_id, errors.ERR_VISIT_NOT_FOUND)
    visit = (
        Visit.objects.filter(jurisdiction_q(user, prefix="application__household__"), pk=key)
        .select_related("application__household", "inspector")
        .first()
    )
    if visit is None:
        raise NotFoundError(errors.ERR_VISIT_NOT_FOUND)
    return visit


def visit_read(*, user, visit_id) -> Visit:
    """access_visit_by_id() for the visit form, which shows the household and its members: the read is logged."""
    visit = access_visit_by_id(user=user, visit_id=visit_id)
    household = visit.application.household
    access_record(
        actor=user,
        purpose=AccessPurpose.CASE_WORK,
        channel=AccessChannel.SCREEN,
        kind=AccessKind.HOUSEHOLD,
        obj=visit,
        household_id=household.pk,
        district_id=household.district_id,
        sensitive=True,
    )
    return visit


def visits_for_inspector(*, user, include_done: bool = False) -> QuerySet[Visit]:
    """The inspector's own visits, the most urgent first."""
    _require(user, "cases.record_visit")
    qs = Visit.objects.filter(inspector=user).select_related(
        "application__household__neighbourhood", "application__household__district"
    )
    if not include_done:
        qs = qs.filter(status=VisitStatus.ASSIGNED)
    return qs.order_by("due_on", "created_at")


def cases_ready_for_committee(*, office) -> QuerySet[Application]:
    """Cases of an office awaiting the committee, oldest deadline first, with the frozen snapshot prefetched."""
    return (
        Application.objects.filter(office=office, status=Status.AWAITING_COMMITTEE)
        .select_related("household")
        .prefetch_related("programs", "snapshots")
        .order_by("due_on", "created_at")
    )


def approved_program_decisions(*, period_start: dt.date) -> QuerySet[ProgramDecision]:
    """Approved decisions in force in the month starting `period_start` (for payments).

    In force: decided on or before the month's last day and not ended (ended_on is exclusive) before it began.
    Each row has household_id, program, amount_kurus, decided_at.
    """
    start = period_start.replace(day=1)
    end = start.replace(day=calendar.monthrange(start.year, start.month)[1])
    return (
        ProgramDecision.objects.filter(outcome=Outcome.APPROVED, decided_at__date__lte=end)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=start))
        .order_by("household_id", "program")
    )


def inspector_open_counts(*, office) -> dict:
    """{username: open visits} for the office's screen."""
    rows = (
        Visit.objects.filter(application__office=office, status=VisitStatus.ASSIGNED)
        .values("inspector__username")
        .annotate(n=Count("id"))
    )
    return {r["inspector__username"]: r["n"] for r in rows}
