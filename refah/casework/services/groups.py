"""Group programmes: created by an office with their sessions; persons enrolled up to the capacity — the programme's
row is locked while its places are counted, so concurrent enrolments never exceed it (PostgreSQL); attendance per
session. A refused enrolment (the programme full) changes nothing and is audited."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from refah.accounts.selectors import office_for_user
from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.casework import errors
from refah.casework.enums import AttendanceStatus, ProgrammeKind
from refah.casework.models import Attendance, Enrolment, GroupProgramme, GroupSession
from refah.casework.roles import ADD_PROGRAMME, VIEW_PROGRAMME, WORK_PROGRAMME
from refah.casework.selectors.groups import programme_area_q
from refah.common.errors import ERR_NO_PERMISSION, ConflictError, NotFoundError, PermissionDeniedError, RefahError
from refah.registry import selectors as registry_selectors

MAX_CAPACITY = 500


def _require(actor, perm: str) -> None:
    if actor is None or not actor.has_perm(perm):
        raise PermissionDeniedError(ERR_NO_PERMISSION)


def _programme(actor, programme, *, lock: bool = False) -> GroupProgramme:
    rows = GroupProgramme.objects.filter(programme_area_q(actor))
    if lock:
        rows = rows.select_for_update()
    found = rows.filter(pk=getattr(programme, "pk", programme)).first()
    if found is None:
        raise NotFoundError(errors.ERR_PROGRAMME_NOT_FOUND)
    return found


def programme_create(
    *,
    actor,
    kind: str,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date,
    capacity: int,
    place: str = "",
    completion_percent: int = 75,
    facilitator=None,
    sessions: list[tuple[dt.date, str]] = (),
) -> GroupProgramme:
    """A group programme of the actor's office (its area is the office's), with its sessions if given."""
    _require(actor, ADD_PROGRAMME)
    office = office_for_user(actor)
    if office is None or office.province_id is None:
        raise RefahError(errors.ERR_CASE_OFFICE, field="office")
    if kind not in ProgrammeKind.values:
        raise RefahError(errors.ERR_SERVICE_KIND, field="kind")
    title = (title or "").strip()
    if not title:
        raise RefahError(errors.ERR_PROGRAMME_TITLE, field="title")
    if starts_on is None or ends_on is None or ends_on < starts_on:
        raise RefahError(errors.ERR_PROGRAMME_DATES, field="ends_on")
    if not isinstance(capacity, int) or not 1 <= capacity <= MAX_CAPACITY:
        raise RefahError(errors.ERR_PROGRAMME_CAPACITY, field="capacity")
    if not 1 <= int(completion_percent) <= 100:
        raise RefahError(errors.ERR_PROGRAMME_CAPACITY, field="completion_percent")
    programme = GroupProgramme(
        kind=kind,
        office=office,
        province_id=office.province_id,
        district_id=office.district_id,
        title=title[:200],
        place=(place or "").strip()[:200],
        starts_on=starts_on,
        ends_on=ends_on,
        capacity=capacity,
        completion_percent=completion_percent,
        facilitator=facilitator,
    )
    for day, topic in sessions:
        _session_check(programme, day, topic)
    with transaction.atomic():
        programme.save()
        GroupSession.objects.bulk_create(
            [GroupSession(programme=programme, date=day, topic=topic.strip()) for day, topic in sessions]
        )
        audit_record(actor=actor, action=AuditAction.GROUP_PROGRAMME_CREATE, obj=programme, after=snapshot(programme))
    return programme


def _session_check(programme: GroupProgramme, day: dt.date, topic: str) -> None:
    if day is None or not programme.starts_on <= day <= programme.ends_on:
        raise RefahError(errors.ERR_SESSION_DATE, field="date")
    if not (topic or "").strip():
        raise RefahError(errors.ERR_TOPIC, field="topic")


def group_session_add(*, actor, programme: GroupProgramme, date: dt.date, topic: str) -> GroupSession:
    """One more session of the programme, within its dates."""
    _require(actor, WORK_PROGRAMME)
    with transaction.atomic():
        found = _programme(actor, programme, lock=True)
        _session_check(found, date, topic)
        session = GroupSession.objects.create(programme=found, date=date, topic=topic.strip()[:200])
        audit_record(actor=actor, action=AuditAction.GROUP_SESSION_ADD, obj=session, after=snapshot(session))
    return session


def enrol(*, actor, programme: GroupProgramme, person) -> Enrolment:
    """Enrol a person (of a household in the actor's jurisdiction) while places remain; a full programme is refused
    with nothing stored, and the refusal audited."""
    _require(actor, WORK_PROGRAMME)
    _require(actor, VIEW_PROGRAMME)
    found_person = registry_selectors.access_person_by_id(user=actor, person_id=getattr(person, "pk", person))
    membership = found_person.memberships.current().select_related("household").first()
    if membership is None:
        raise RefahError(errors.ERR_PERSON_NOT_MEMBER, field="person")
    full = None
    with transaction.atomic():
        found = _programme(actor, programme, lock=True)
        if found.ends_on < timezone.localdate():
            raise RefahError(errors.ERR_PROGRAMME_ENDED, field="programme")
        if Enrolment.objects.filter(programme=found, person=found_person).exists():
            raise ConflictError(errors.ERR_ENROLLED_ALREADY, field="person")
        if Enrolment.objects.filter(programme=found).count() >= found.capacity:
            full = found
        else:
            enrolment = Enrolment.objects.create(
                programme=found,
                person=found_person,
                household=membership.household,
                enrolled_on=timezone.localdate(),
            )
            audit_record(
                actor=actor,
                action=AuditAction.GROUP_ENROLMENT_CREATE,
                obj=enrolment,
                after=snapshot(enrolment),
                household_id=membership.household_id,
            )
            return enrolment
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.GROUP_ENROLMENT_REFUSE,
            obj=full,
            after={"person": str(found_person.pk), "capacity": full.capacity},
            household_id=membership.household_id,
        )
    raise ConflictError(errors.ERR_PROGRAMME_FULL % {"capacity": full.capacity}, field="programme", code="full")


def attendance_record(*, actor, session: GroupSession, marks: dict) -> int:
    """Attendance of a session: {enrolment id: present | absent | excused}; the number of marks stored."""
    _require(actor, WORK_PROGRAMME)
    if any(status not in AttendanceStatus.values for status in marks.values()):
        raise RefahError(errors.ERR_ATTENDANCE_STATUS, field="marks")
    with transaction.atomic():
        found = _programme(actor, session.programme_id, lock=True)
        enrolments = {str(e.pk): e for e in Enrolment.objects.filter(programme=found)}
        if any(str(key) not in enrolments for key in marks):
            raise RefahError(errors.ERR_ENROLMENT_NOT_FOUND, field="marks")
        existing = {str(a.enrolment_id): a for a in Attendance.objects.filter(session=session)}
        new, changed = [], []
        for key, status in marks.items():
            row = existing.get(str(key))
            if row is None:
                new.append(Attendance(session=session, enrolment=enrolments[str(key)], status=status))
            elif row.status != status:
                row.status = status
                changed.append(row)
        Attendance.objects.bulk_create(new)
        if changed:
            Attendance.objects.bulk_update(changed, ["status", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.GROUP_ATTENDANCE_RECORD,
            obj=session,
            after={str(k): v for k, v in marks.items()},
        )
    return len(marks)
