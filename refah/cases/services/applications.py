"""Applications: submission through any channel (idempotent), consents, documents, withdrawal."""

import functools
import hashlib
import json
import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from refah.accounts.selectors import district_in_jurisdiction, nearest_office
from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.cases import deadlines, documents, errors, storage
from refah.cases.enums import Channel, DocumentType, Outcome, Status
from refah.cases.models import Application, ApplicationProgram, Consent, Document, ProgramDecision, Visit
from refah.cases.services._common import (
    citizen_notify,
    lock,
    office_for_household,
    require,
    today,
)
from refah.cases.workflow import case_event, case_step, case_transition
from refah.common import sql
from refah.common.errors import ConflictError, NotFoundError
from refah.eligibility.catalogue import program_label, programs_available
from refah.eligibility.rules import PROGRAMS
from refah.registry import selectors as registry_selectors
from refah.registry.models import Household, Membership, Person


def _clean_programs(household: Household, programs: list[str]) -> list[str]:
    codes = sorted({p.strip() for p in programs if p and p.strip()})
    if not codes:
        raise ValidationError({"programs": errors.ERR_NO_PROGRAMS})
    # Approved custom programs are looked up only when a code is not one of the coded programs.
    known = PROGRAMS if all(code in PROGRAMS for code in codes) else programs_available(household=household)
    for code in codes:
        if code not in known:
            raise ValidationError({"programs": ValidationError(errors.ERR_UNKNOWN_PROGRAM, params={"program": code})})
    return codes


def _check_consents(memberships: list[Membership], consents: list) -> list[Person]:
    """The consenting persons (given as persons or their ids): current members, every adult among them."""
    on = today()
    members = [m.person for m in memberships]
    if not members:
        raise ValidationError({"consents": errors.ERR_NO_MEMBERS})
    by_id = {m.pk: m for m in members}
    given = {getattr(p, "pk", p) for p in consents}
    if given - by_id.keys():
        raise ValidationError({"consents": errors.ERR_CONSENT_NOT_MEMBER})
    missing = [m.full_name for m in members if m.age_on(on) >= 18 and m.pk not in given]
    if missing:
        raise ValidationError(
            {"consents": ValidationError(errors.ERR_CONSENT_MISSING, params={"names": ", ".join(missing)})}
        )
    return [m for m in members if m.pk in given]


@functools.cache
def _earlier_sql() -> str:
    """What earlier applications mean for this one, in one statement: the household's open programs (program,
    application number) and, in a row of its own, the application already sent with the key (id, request hash)."""
    application, program = sql.table(Application), sql.table(ApplicationProgram)
    return (
        f"SELECT ap.program, a.reference, NULL, NULL FROM {program} ap "
        f"JOIN {application} a ON a.id = ap.application_id WHERE ap.household_id = %s AND ap.is_open "
        f"UNION ALL SELECT NULL, NULL, a.id, a.request_hash FROM {application} a "
        "WHERE a.channel = %s AND a.idempotency_scope = %s AND a.idempotency_key = %s"
    )


def _refuse_open(rows, codes: list[str]) -> None:
    """Refuse programs the household already has an open application for (`rows`: _earlier_sql()), saying
    why: the program is approved and in force, was decided in a case not yet closed, or awaits a decision."""
    for program, reference, _, _ in sorted(row for row in rows if row[0] is not None):
        if program in codes:
            raise _open_refusal(program, reference)


def _open_refusal(program: str, reference: str) -> ConflictError:
    """The refusal for `program`, open in application `reference`, with the program's label (a rare path: the
    decision in force is read here, not in the submission's one round trip)."""
    label = program_label(program)
    decision = (
        ProgramDecision.objects.filter(application__reference=reference, program=program, ended_on__isnull=True)
        .order_by("-round")
        .first()
    )
    if decision is not None and decision.outcome == Outcome.APPROVED:
        day = date_format(timezone.localtime(decision.decided_at).date(), "SHORT_DATE_FORMAT")
        message = errors.ERR_PROGRAM_IN_FORCE % {"program": label, "reference": reference, "date": day}
        return ConflictError(message, field="programs", code="program_in_force")
    if decision is not None and decision.outcome == Outcome.REJECTED:
        outcome = Outcome(decision.outcome).label
        message = errors.ERR_PROGRAM_DECIDED % {"program": label, "reference": reference, "outcome": outcome}
        return ConflictError(message, field="programs", code="program_decided")
    message = errors.ERR_OPEN_APPLICATION % {"program": label, "reference": reference}
    return ConflictError(message, field="programs", code="open_application")


def _replay(rows, request_hash: str) -> Application | None:
    """The application first sent with this key (`rows`: _earlier_sql()); a different request is a conflict."""
    sent = next((row for row in rows if row[0] is None), None)
    if sent is None:
        return None
    if sent[3] != request_hash:
        raise ConflictError(errors.ERR_IDEMPOTENCY_MISMATCH, field="idempotency_key", code="idempotency_mismatch")
    existing = Application.objects.select_related("office").get(pk=Application._meta.pk.to_python(sent[2]))
    existing.replayed = True
    return existing


def _request_hash(household: Household, codes: list[str], consents: list[Person]) -> str:
    body = {"household": str(household.pk), "programs": codes, "consents": sorted(str(p.pk) for p in consents)}
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def _check_submitter(actor, person: Person | None, household: Household) -> str:
    if person is not None:
        if not registry_selectors.is_current_member(person=person, household_id=household.pk):
            raise NotFoundError(errors.ERR_APPLICATION_NOT_FOUND)
        return f"person:{person.pk}"
    require(actor, "cases.add_application")
    if not district_in_jurisdiction(actor, household.district):
        raise NotFoundError(errors.ERR_APPLICATION_NOT_FOUND)
    return f"user:{actor.pk}"


def application_submit(
    *,
    actor,
    household: Household,
    programs: list[str],
    consents: list,
    channel: str = Channel.COUNTER,
    documents: list[tuple[str, object]] = (),
    idempotency_key: str | None = None,
    person: Person | None = None,
    note: str = "",
) -> Application:
    """Receive an application (staff `actor`, or a citizen `person` through the portal).

    Every adult member must consent (`consents`: persons or person ids, all current members). The same
    idempotency key from the same submitter and channel returns the first application (a different request
    with that key is a conflict). A program with an open application of the household is refused.

    What the checks need is read in one round trip (members, nearest office, the household's open programs,
    the key's application); the application, its programs, the consents, the case event, the audit row and
    the message are written in one statement, atomic by itself (on PostgreSQL; elsewhere, or with documents to
    store, reads and writes share a transaction). A concurrent request that got there first (same key, same
    program) or a taken application number makes that write fail on a unique index: nothing is written, and
    the reads run again, seeing the other request's rows (a replay or a refusal), or a new number is drawn.
    """
    scope = _check_submitter(actor, person, household)
    codes = _clean_programs(household, programs)
    key = idempotency_key or None
    args = (actor, person, household, codes, consents, channel, documents, key, scope, note)
    for attempt in range(SUBMIT_ATTEMPTS):
        try:
            # The writes are one statement, atomic without a transaction; inside the caller's transaction a
            # savepoint lets a failed write be run again.
            if sql.batches() and not documents and not transaction.get_connection().in_atomic_block:
                return _submit(*args)
            with transaction.atomic():
                return _submit(*args)
        except IntegrityError as exc:
            if attempt == SUBMIT_ATTEMPTS - 1 or not sql.unique_violation(exc):
                raise
    raise AssertionError("unreachable")


SUBMIT_ATTEMPTS = 8


def _submit(actor, person, household, codes, consents, channel, documents, key, scope, note) -> Application:
    household_id = Household._meta.pk.get_db_prep_value(household.pk, sql.db())
    members, nearest, earlier_rows = sql.fetch_together(
        registry_selectors.current_members(household.pk),
        nearest_office(district_id=household.district_id, province_id=household.province_id),
        sql.Statement(_earlier_sql(), (household_id, channel, scope, key)),
    )
    consents = _check_consents(members, consents)
    digest = _request_hash(household, codes, consents)
    existing = _replay(earlier_rows, digest)
    if existing is not None:
        return existing
    _refuse_open(earlier_rows, codes)
    staff = actor if getattr(actor, "is_authenticated", False) else None
    office = office_for_household(actor=staff, household=household, nearest=nearest)
    if office is None:
        raise ValidationError({"household": errors.ERR_NO_OFFICE})
    application = sql.new(
        Application,
        reference=_new_reference(),
        household=household,
        office=office,
        channel=channel,
        due_on=deadlines.due("first_application", today()),
        submitted_by=staff,
        submitted_by_person=person,
        idempotency_scope=scope if key else "",
        idempotency_key=key,
        request_hash=digest,
        note=note,
    )
    now = timezone.now()
    with sql.batch():  # one statement: nothing here reads what the block wrote
        sql.insert([application])
        sql.insert(
            [sql.new(ApplicationProgram, application=application, household=household, program=c) for c in codes]
        )
        sql.insert(
            [sql.new(Consent, application=application, person=p, given_at=now, channel=channel) for p in consents]
        )
        case_event(
            actor=actor or person, application=application, action="submit", to_status=Status.RECEIVED, reason=note
        )
        audit_record(
            actor=actor or person,
            action=AuditAction.CASE_SUBMIT,
            obj=application,
            after=snapshot(application),
            household_id=household.pk,
        )
        citizen_notify(
            application=application,
            template="application_received",
            context={"due_on": application.due_on},
            members=members,
        )
    for doc_type, upload in documents:
        _document_store(actor=actor, application=application, doc_type=doc_type, upload=upload)
    application.program_codes = codes
    return application


def _new_reference() -> str:
    """An application number: the year's two digits and 8 random ones (unique; a taken one is drawn again)."""
    return f"{today():%y}{secrets.randbelow(10**8):08d}"


def _document_store(*, actor, application: Application, doc_type: str, upload, visit: Visit | None = None) -> Document:
    if doc_type not in DocumentType.values:
        raise ValidationError({"doc_type": errors.ERR_FILE_TYPE})
    content_type, ext = storage.check(upload)
    if doc_type == DocumentType.VISIT_PHOTO and content_type not in storage.IMAGE_TYPES:
        raise ValidationError({"file": errors.ERR_PHOTO_TYPE})
    name, digest = storage.save(upload, ext)
    document = Document.objects.create(
        application=application,
        visit=visit,
        doc_type=doc_type,
        original_name=(getattr(upload, "name", "") or "file")[-200:],
        content_type=content_type,
        size=upload.size,
        sha256=digest,
        storage_name=name,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    case_step(
        actor=actor, application=application, action=AuditAction.DOCUMENT_UPLOAD, obj=document, reason=str(document)
    )
    return document


@transaction.atomic
def document_upload(*, actor, application: Application, doc_type: str, file, person: Person | None = None) -> Document:
    """Attach a PDF/JPEG/PNG (≤ 10 MB, type sniffed from the content) to an application, stored privately."""
    if person is None:
        require(actor, "cases.add_document")
    application = lock(actor=actor, application=application, person=person)
    return _document_store(actor=actor or person, application=application, doc_type=doc_type, upload=file)


@transaction.atomic
def documents_request(*, actor, application: Application) -> list[str]:
    """Tell the citizen which required documents are missing; returns the missing types (none: no message)."""
    require(actor, "cases.change_application")
    application = lock(actor=actor, application=application)
    missing = documents.missing_for(application)
    if missing:
        text = documents.labels(missing)
        case_event(actor=actor, application=application, action="documents_request", reason=text)
        citizen_notify(application=application, template="documents_missing", context={"documents": text})
    return missing


@transaction.atomic
def application_withdraw(*, actor, application: Application, reason: str, person: Person | None = None) -> Application:
    """Withdraw an application at the citizen's request; open visits are cancelled."""
    if person is None:
        require(actor, "cases.change_application")
    if not reason.strip():
        raise ValidationError({"reason": errors.ERR_REASON_REQUIRED})
    application = lock(actor=actor, application=application, person=person)
    case_transition(
        actor=actor or person,
        application=application,
        target=Status.WITHDRAWN,
        action=AuditAction.CASE_WITHDRAW,
        reason=reason,
    )
    application.visits.filter(status="assigned").update(status="cancelled")
    return application
