"""Reads of SHM cases: the one access function, the case page (its reading access-logged: session notes are personal
data), a social worker's caseload and the supervisor's view of the caseloads of their jurisdiction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Count, Min, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from refah.accounts.enums import Role
from refah.accounts.selectors import jurisdiction_q, office_for_user
from refah.audit.enums import AccessChannel, AccessKind, AccessPurpose
from refah.audit.services_access import access_record
from refah.casework import errors
from refah.casework.enums import (
    CASE_OPEN_STATUSES,
    REFERRAL_PENDING_STATUSES,
    CaseStatus,
    GoalStatus,
    ReferralSource,
    ReferralStatus,
    SessionStatus,
)
from refah.casework.models import (
    Enrolment,
    FollowUp,
    Goal,
    GroupProgramme,
    InterventionPlan,
    Referral,
    Session,
    SocialCase,
)
from refah.casework.roles import VIEW_CASE, VIEW_CASELOAD, VIEW_COUNTS, WORK_CASE
from refah.casework.selectors.groups import programme_area_q
from refah.common.errors import ERR_NO_PERMISSION, NotFoundError, PermissionDeniedError


def _require(user, perm: str) -> None:
    if user is None or not user.has_perm(perm):
        raise PermissionDeniedError(ERR_NO_PERMISSION)


def _day_start(on: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(on, dt.time.min))


def case_list(*, user) -> QuerySet[SocialCase]:
    """Cases of households in the user's jurisdiction."""
    _require(user, VIEW_CASE)
    return SocialCase.objects.filter(jurisdiction_q(user, prefix="household__")).select_related(
        "household", "worker", "office", "referral"
    )


def access_case_by_id(*, user, case_id) -> SocialCase:
    try:
        return case_list(user=user).get(pk=case_id)
    except (SocialCase.DoesNotExist, ValueError, TypeError, ValidationError):
        raise NotFoundError(errors.ERR_CASE_NOT_FOUND) from None


def with_overdue(rows: QuerySet[SocialCase], on: dt.date) -> QuerySet[SocialCase]:
    """Each case with its next appointment and counts of overdue sessions (unrecorded past appointments), goals
    (open past their target) and follow-ups (not done by their day)."""
    start = _day_start(on)
    upcoming = Session.objects.filter(case=OuterRef("pk"), status=SessionStatus.SCHEDULED, scheduled_at__gte=start)
    return rows.annotate(
        next_session=Subquery(upcoming.order_by("scheduled_at").values("scheduled_at")[:1]),
        overdue_sessions=Count(
            "sessions",
            filter=Q(sessions__status=SessionStatus.SCHEDULED, sessions__scheduled_at__lt=start),
            distinct=True,
        ),
        overdue_goals=Count(
            "plan__goals", filter=Q(plan__goals__status=GoalStatus.OPEN, plan__goals__target_date__lt=on), distinct=True
        ),
        overdue_follow_ups=Count(
            "follow_ups", filter=Q(follow_ups__done_on__isnull=True, follow_ups__due_on__lt=on), distinct=True
        ),
    )


def my_cases(*, user, on: dt.date | None = None, closed: bool = False) -> QuerySet[SocialCase]:
    """The user's own cases (open ones, or closed ones), most urgent first: overdue items, then the next
    appointment."""
    on = on or timezone.localdate()
    rows = case_list(user=user).filter(worker=user)
    rows = rows.filter(status=CaseStatus.CLOSED) if closed else rows.filter(status__in=CASE_OPEN_STATUSES)
    return with_overdue(rows, on).order_by("-overdue_sessions", "next_session", "-opened_on")


def cases_logged(*, user, cases, channel: str = AccessChannel.SCREEN) -> None:
    """One access-log row for a list of cases shown."""
    if cases:
        access_record(
            actor=user,
            purpose=AccessPurpose.CASE_WORK,
            channel=channel,
            kind=AccessKind.HOUSEHOLD_LIST,
            households=[c.household_id for c in cases],
            count=len(cases),
        )


@dataclass
class CaseView:
    case: SocialCase
    persons: list
    assessments: list
    plan: object | None
    goals: list
    sessions: list
    follow_ups: list
    referrals: list
    on: dt.date
    overdue: dict = field(default_factory=dict)

    @property
    def assessment(self):
        return self.assessments[0] if self.assessments else None


def case_read(*, user, case_id, channel: str = AccessChannel.SCREEN, on: dt.date | None = None) -> CaseView:
    """The case page: persons, assessments, plan and goals, sessions with their notes, referrals made from the case,
    follow-ups; the read (session notes included) written to the access log."""
    case = access_case_by_id(user=user, case_id=case_id)
    on = on or timezone.localdate()
    plan = InterventionPlan.objects.filter(case=case).first()
    goals = list(plan.goals.all()) if plan else []
    sessions = list(case.sessions.select_related("recorded_by").order_by("-scheduled_at"))
    start = _day_start(on)
    view = CaseView(
        case=case,
        persons=list(case.persons.all()),
        assessments=list(case.assessments.select_related("assessed_by")),
        plan=plan,
        goals=goals,
        sessions=sessions,
        follow_ups=list(case.follow_ups.all()),
        referrals=list(
            Referral.objects.filter(source=ReferralSource.SHM_CASE, source_ref=str(case.pk)).select_related(
                "service", "person"
            )
        ),
        on=on,
    )
    view.overdue = {
        "sessions": sum(1 for s in sessions if s.status == SessionStatus.SCHEDULED and s.scheduled_at < start),
        "goals": sum(1 for g in goals if g.status == GoalStatus.OPEN and g.target_date < on),
        "follow_ups": sum(1 for f in view.follow_ups if f.done_on is None and f.due_on < on),
    }
    access_record(
        actor=user,
        purpose=AccessPurpose.CASE_WORK,
        channel=channel,
        kind=AccessKind.HOUSEHOLD,
        obj=case,
        household_id=case.household_id,
        district_id=case.household.district_id,
        sensitive=bool(sessions) or bool(view.assessments),
    )
    return view


def access_goal_by_id(*, user, goal_id) -> Goal:
    try:
        return Goal.objects.select_related("plan").get(Q(plan__case__in=case_list(user=user)), pk=goal_id)
    except (Goal.DoesNotExist, ValueError, TypeError, ValidationError):
        raise NotFoundError(errors.ERR_GOAL_NOT_FOUND) from None


def access_session_by_id(*, user, session_id) -> Session:
    try:
        return Session.objects.get(case__in=case_list(user=user), pk=session_id)
    except (Session.DoesNotExist, ValueError, TypeError, ValidationError):
        raise NotFoundError(errors.ERR_SESSION_NOT_FOUND) from None


def access_follow_up_by_id(*, user, follow_up_id) -> FollowUp:
    try:
        return FollowUp.objects.get(case__in=case_list(user=user), pk=follow_up_id)
    except (FollowUp.DoesNotExist, ValueError, TypeError, ValidationError):
        raise NotFoundError(errors.ERR_FOLLOW_UP_NOT_FOUND) from None


@dataclass
class Caseload:
    worker: object
    by_status: dict
    open: int
    overdue_sessions: int
    overdue_goals: int
    overdue_follow_ups: int
    next_session: dt.datetime | None


def workers_for(*, user) -> list:
    """Social workers (the role) a case of the user's jurisdiction may be given to: of an office inside it, or of a
    province-wide office containing it."""
    office = office_for_user(user)
    if office is None or not user.is_active:
        return []
    User = get_user_model()
    rows = User.objects.filter(groups__name=Role.SOCIAL_WORKER, is_active=True, staff__isnull=False)
    rows = rows.select_related("staff__office")
    if office.district_id:
        rows = rows.filter(
            Q(staff__office__district_id=office.district_id)
            | Q(staff__office__district__isnull=True, staff__office__province_id=office.province_id)
        )
    elif office.province_id:
        rows = rows.filter(staff__office__province_id=office.province_id)
    return list(rows.distinct().order_by("first_name", "last_name", "username"))


def caseloads(*, user, on: dt.date | None = None) -> tuple[list[Caseload], QuerySet[SocialCase]]:
    """The supervisor's view: each social worker's open cases by status with overdue items, and the unassigned open
    cases of the jurisdiction. Counts only: one grouped query for the cases, one for the overdue items."""
    _require(user, VIEW_CASELOAD)
    on = on or timezone.localdate()
    open_cases = case_list(user=user).filter(status__in=CASE_OPEN_STATUSES)
    by_status: dict = {}
    for row in open_cases.filter(worker__isnull=False).values("worker_id", "status").annotate(n=Count("id")):
        by_status.setdefault(row["worker_id"], {})[row["status"]] = row["n"]
    overdue = _overdue_by_worker(open_cases, on)
    loads = []
    for worker in workers_for(user=user):
        counts = by_status.get(worker.pk, {})
        extra = overdue.get(worker.pk, {})
        loads.append(
            Caseload(
                worker=worker,
                by_status={s: counts.get(s, 0) for s in CASE_OPEN_STATUSES},
                open=sum(counts.values()),
                overdue_sessions=extra.get("sessions", 0),
                overdue_goals=extra.get("goals", 0),
                overdue_follow_ups=extra.get("follow_ups", 0),
                next_session=extra.get("next"),
            )
        )
    return loads, open_cases.filter(worker__isnull=True).order_by("opened_on")


def _overdue_by_worker(open_cases: QuerySet[SocialCase], on: dt.date) -> dict:
    """{worker id: {sessions, goals, follow_ups, next}} over the open cases, one query each."""
    start = _day_start(on)
    assigned = open_cases.filter(worker__isnull=False)
    out: dict = {}
    sessions = (
        Session.objects.filter(case__in=assigned, status=SessionStatus.SCHEDULED)
        .values("case__worker_id")
        .annotate(
            late=Count("id", filter=Q(scheduled_at__lt=start)),
            next=Min("scheduled_at", filter=Q(scheduled_at__gte=start)),
        )
    )
    for row in sessions:
        out.setdefault(row["case__worker_id"], {}).update(sessions=row["late"], next=row["next"])
    goals = (
        Goal.objects.filter(plan__case__in=assigned, status=GoalStatus.OPEN, target_date__lt=on)
        .values("plan__case__worker_id")
        .annotate(n=Count("id"))
    )
    for row in goals:
        out.setdefault(row["plan__case__worker_id"], {})["goals"] = row["n"]
    follow_ups = (
        FollowUp.objects.filter(case__in=assigned, done_on__isnull=True, due_on__lt=on)
        .values("case__worker_id")
        .annotate(n=Count("id"))
    )
    for row in follow_ups:
        out.setdefault(row["case__worker_id"], {})["follow_ups"] = row["n"]
    return out


def may_work(user) -> bool:
    return user.has_perm(WORK_CASE)


def casework_counts(*, user, on: dt.date | None = None) -> dict:
    """Counts only (the analysts' view): referrals by status and overdue, cases by status, programmes and
    enrolments of the user's jurisdiction. No person is read."""
    _require(user, VIEW_COUNTS)
    on = on or timezone.localdate()
    area = jurisdiction_q(user, prefix="household__")
    referrals = Referral.objects.filter(area)
    by_status = dict(referrals.values_list("status").annotate(n=Count("id")).order_by())
    overdue = referrals.filter(status__in=REFERRAL_PENDING_STATUSES, deadline__lt=on).count()
    cases = dict(SocialCase.objects.filter(area).values_list("status").annotate(n=Count("id")).order_by())
    return {
        "referrals_by_status": {s: by_status.get(s, 0) for s in ReferralStatus.values},
        "referrals_overdue": overdue,
        "cases_by_status": {s: cases.get(s, 0) for s in CaseStatus.values},
        "programmes": GroupProgramme.objects.filter(programme_area_q(user)).count(),
        "enrolments": Enrolment.objects.filter(area).count(),
    }
