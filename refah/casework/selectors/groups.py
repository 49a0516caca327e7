"""Reads of group programmes: the list of the user's area, one programme with its sessions, enrolments (of the
user's jurisdiction) and the attendance grid with each person's completion."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from refah.accounts.selectors import jurisdiction_q, office_for_user
from refah.audit.enums import AccessChannel, AccessKind, AccessPurpose
from refah.audit.services_access import access_record
from refah.casework import errors
from refah.casework.enums import AttendanceStatus
from refah.casework.models import Attendance, Enrolment, GroupProgramme, GroupSession
from refah.casework.roles import VIEW_PROGRAMME
from refah.common.errors import ERR_NO_PERMISSION, NotFoundError, PermissionDeniedError


def _require(user, perm: str) -> None:
    if user is None or not user.has_perm(perm):
        raise PermissionDeniedError(ERR_NO_PERMISSION)


def programme_area_q(user) -> Q:
    """Programmes a user may see: those of an office whose area lies in, or contains, the user's jurisdiction."""
    office = office_for_user(user)
    if office is None or not user.is_active:
        return Q(pk__in=[])
    if office.district_id:
        return Q(district_id=office.district_id) | Q(district__isnull=True, province_id=office.province_id)
    if office.province_id:
        return Q(province_id=office.province_id)
    return Q()


def programme_list(*, user) -> QuerySet[GroupProgramme]:
    """Programmes of the user's area, newest first, with the number enrolled."""
    _require(user, VIEW_PROGRAMME)
    return (
        GroupProgramme.objects.filter(programme_area_q(user))
        .select_related("office", "facilitator")
        .annotate(enrolled=Count("enrolments", distinct=True), session_count=Count("sessions", distinct=True))
    )


def access_programme_by_id(*, user, programme_id) -> GroupProgramme:
    try:
        return programme_list(user=user).get(pk=programme_id)
    except (GroupProgramme.DoesNotExist, ValueError, TypeError, ValidationError):
        raise NotFoundError(errors.ERR_PROGRAMME_NOT_FOUND) from None


def access_group_session_by_id(*, user, session_id) -> GroupSession:
    try:
        return GroupSession.objects.select_related("programme").get(
            programme__in=programme_list(user=user), pk=session_id
        )
    except (GroupSession.DoesNotExist, ValueError, TypeError, ValidationError):
        raise NotFoundError(errors.ERR_SESSION_NOT_FOUND) from None


@dataclass
class Row:
    enrolment: Enrolment
    marks: list  # per session, the status or ""
    present: int
    completed: bool


@dataclass
class ProgrammeView:
    programme: GroupProgramme
    sessions: list
    rows: list
    held: int  # sessions up to today
    places_left: int


def programme_read(*, user, programme_id, channel: str = AccessChannel.SCREEN) -> ProgrammeView:
    """A programme's page: sessions, the enrolments of the user's jurisdiction with the attendance grid and each
    person's completion (present at the programme's share of the sessions held so far); access-logged."""
    programme = access_programme_by_id(user=user, programme_id=programme_id)
    sessions = list(programme.sessions.all())
    enrolments = list(
        programme.enrolments.filter(jurisdiction_q(user, prefix="household__")).select_related("person", "household")
    )
    marks = {
        (a.enrolment_id, a.session_id): a.status
        for a in Attendance.objects.filter(session__programme=programme, enrolment__in=enrolments)
    }
    today = timezone.localdate()
    held = sum(1 for s in sessions if s.date <= today)
    rows = []
    for e in enrolments:
        row_marks = [marks.get((e.pk, s.pk), "") for s in sessions]
        present = sum(1 for m in row_marks if m == AttendanceStatus.PRESENT)
        completed = bool(held) and present * 100 >= programme.completion_percent * held
        rows.append(Row(enrolment=e, marks=row_marks, present=present, completed=completed))
    if enrolments:
        access_record(
            actor=user,
            purpose=AccessPurpose.CASE_WORK,
            channel=channel,
            kind=AccessKind.HOUSEHOLD_LIST,
            households=[e.household_id for e in enrolments],
            persons=[e.person_id for e in enrolments],
            count=len(enrolments),
        )
    return ProgrammeView(
        programme=programme,
        sessions=sessions,
        rows=rows,
        held=held,
        places_left=max(programme.capacity - programme.enrolled, 0),
    )


def person_enrolments(*, user, household) -> QuerySet[Enrolment]:
    """Enrolments of a household's members (the household page), for a user who may see programmes."""
    if not user.has_perm(VIEW_PROGRAMME):
        return Enrolment.objects.none()
    return (
        Enrolment.objects.filter(household=household)
        .filter(Q(programme__in=GroupProgramme.objects.filter(programme_area_q(user))))
        .select_related("programme", "person")
    )
