"""SHM case management: a case from a referral through assessment, plan and goals, sessions, follow-up and closure;
wrong steps refused; bad input with its field and nothing stored; the caseload and the supervisor's view;
jurisdiction (a Tuzluca worker gets "not found"); the case page's read access-logged."""

import datetime as dt

import pytest
from django.utils import timezone

from refah.audit.models import AuditEvent
from refah.audit.models_access import AccessEvent
from refah.casework import errors
from refah.casework.enums import CaseOutcome, CaseStatus, GoalStatus, ReferralStatus, SessionKind, SessionStatus
from refah.casework.models import Assessment, Session, SocialCase
from refah.casework.selectors import case_read, caseloads, my_cases
from refah.casework.services import (
    assessment_record,
    case_assign,
    case_close,
    case_follow_up,
    case_open,
    follow_up_record,
    goal_add,
    goal_update,
    plan_record,
    plan_start,
    session_add,
    session_record,
)
from refah.common.errors import ConflictError, NotFoundError, PermissionDeniedError, RefahError

pytestmark = pytest.mark.django_db
C = CaseStatus
TODAY = dt.date.today


def _members(household):
    return [m.person for m in household.memberships.current()]


def _at(days: int, hour: int = 10):
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture
def case(worker, household, referral):
    return case_open(
        actor=worker,
        household=household,
        persons=_members(household)[:2],
        reason="Aile içi iletişim",
        referral=referral,
    )


def test_the_whole_path_of_a_case(case, worker, referral):
    assert (case.status, case.worker) == (C.INTAKE, worker)
    assert referral.__class__.objects.get(pk=referral.pk).status == ReferralStatus.IN_PROGRESS
    assessment_record(
        actor=worker,
        case=case,
        needs={"family_relations": "serious", "income": "some"},
        summary="Eşler arası iletişim sorunu; gelir düşük.",
        strengths="Geniş aile desteği var.",
        risk_level="medium",
    )
    plan_record(actor=worker, case=case, summary="Altı oturum aile danışmanlığı.", review_on=timezone.localdate())
    with pytest.raises(RefahError) as caught:
        plan_start(actor=worker, case=case)
    assert caught.value.field == "goals"
    goal = goal_add(actor=worker, case=case, text="Haftalık aile toplantısı", target_date=timezone.localdate())
    assert plan_start(actor=worker, case=case).status == C.IN_PROGRESS
    session = session_add(actor=worker, case=case, kind=SessionKind.FAMILY_COUNSELLING, scheduled_at=_at(1))
    session_record(actor=worker, session=session, status=SessionStatus.HELD, notes="Eşler birlikte katıldı.")
    goal_update(actor=worker, goal=goal, status=GoalStatus.ACHIEVED)
    case_follow_up(actor=worker, case=case, due_on=[timezone.localdate() + dt.timedelta(days=30)])
    follow_up = SocialCase.objects.get(pk=case.pk).follow_ups.get()
    follow_up_record(actor=worker, follow_up=follow_up, note="Aile toplantıları sürüyor.")
    closed = case_close(actor=worker, case=case, outcome=CaseOutcome.GOALS_ACHIEVED, note="Hedefler gerçekleşti.")
    assert (closed.status, closed.outcome) == (C.CLOSED, CaseOutcome.GOALS_ACHIEVED)
    fresh_referral = referral.__class__.objects.get(pk=referral.pk)
    assert (fresh_referral.status, fresh_referral.outcome) == (ReferralStatus.DONE, "Hedefler gerçekleşti.")
    actions = set(AuditEvent.objects.filter(household_id=case.household_id).values_list("action", flat=True))
    assert {"social_case_open", "social_case_assess", "social_case_plan", "social_case_start"} <= actions
    assert {"case_session_record", "social_case_follow_up", "social_case_close", "case_follow_up_record"} <= actions


def test_wrong_steps_are_refused(case, worker):
    with pytest.raises(ConflictError):
        plan_record(actor=worker, case=case, summary="Plan", review_on=timezone.localdate())  # not assessed
    with pytest.raises(ConflictError):
        case_follow_up(actor=worker, case=case, due_on=[timezone.localdate()])
    case_close(actor=worker, case=case, outcome=CaseOutcome.NO_NEED, note="İhtiyaç yok.")
    with pytest.raises(ConflictError):
        session_add(actor=worker, case=case, kind=SessionKind.HOME_VISIT, scheduled_at=_at(1))
    with pytest.raises(ConflictError):
        case_close(actor=worker, case=case, outcome=CaseOutcome.NO_NEED, note="Yine.")


def test_bad_input_names_its_field_and_stores_nothing(worker, household, case):
    before = (AuditEvent.objects.count(), SocialCase.objects.count(), Assessment.objects.count())
    attempts = [
        (lambda: case_open(actor=worker, household=household, persons=[], reason="x"), "persons"),
        (lambda: case_open(actor=worker, household=household, persons=_members(household), reason=" "), "reason"),
        (lambda: assessment_record(actor=worker, case=case, needs={"astrology": "some"}, summary="x"), "needs"),
        (lambda: assessment_record(actor=worker, case=case, needs={}, summary=""), "summary"),
        (lambda: session_add(actor=worker, case=case, kind="yoga", scheduled_at=_at(1)), "kind"),
        (
            lambda: session_add(
                actor=worker, case=case, kind=SessionKind.HOME_VISIT, scheduled_at=_at(-1), status="held"
            ),
            "notes",
        ),
        (lambda: case_close(actor=worker, case=case, outcome="", note="x"), "outcome"),
        (lambda: case_close(actor=worker, case=case, outcome=CaseOutcome.NO_NEED, note=""), "note"),
    ]
    for attempt, field in attempts:
        with pytest.raises(RefahError) as caught:
            attempt()
        assert caught.value.field == field
    assert (AuditEvent.objects.count(), SocialCase.objects.count(), Assessment.objects.count()) == before
    assert SocialCase.objects.get(pk=case.pk).status == C.INTAKE


def test_only_case_offices_open_cases_and_a_referral_has_one_case(
    make_staff, office_merkez, household, referral, case, worker
):
    from refah.accounts.enums import Role

    sydv_worker = make_staff(office_merkez, Role.SOCIAL_WORKER)
    with pytest.raises(RefahError) as caught:
        case_open(actor=sydv_worker, household=household, persons=_members(household), reason="x")
    assert caught.value.message == errors.ERR_CASE_OFFICE
    with pytest.raises(ConflictError):
        case_open(actor=worker, household=household, persons=_members(household), reason="x", referral=referral)


def test_jurisdiction_and_permission(case, tuzluca_worker, referrer, household):
    with pytest.raises(NotFoundError):
        case_read(user=tuzluca_worker, case_id=case.pk)
    with pytest.raises(NotFoundError):
        session_add(actor=tuzluca_worker, case=case, kind=SessionKind.HOME_VISIT, scheduled_at=_at(1))
    with pytest.raises(PermissionDeniedError):
        case_read(user=referrer, case_id=case.pk)  # a caseworker refers; case notes are the SHM's
    with pytest.raises(NotFoundError):
        case_read(user=referrer.__class__.objects.get(pk=tuzluca_worker.pk), case_id="not-an-id")


def test_reading_a_case_is_access_logged_as_sensitive_once_it_has_notes(case, worker):
    session_add(actor=worker, case=case, kind=SessionKind.HOME_VISIT, scheduled_at=_at(-1), status="held", notes="Ev.")
    view = case_read(user=worker, case_id=case.pk)
    assert view.sessions[0].notes == "Ev."
    event = AccessEvent.objects.filter(object_id=str(case.pk)).get()
    assert (event.sensitive, event.household_id) == (True, case.household_id)


def test_caseload_and_supervisor_view(case, worker, worker2, supervisor, household):
    session_add(actor=worker, case=case, kind=SessionKind.HOME_VISIT, scheduled_at=_at(-2))  # not recorded
    session_add(actor=worker, case=case, kind=SessionKind.PHONE_FOLLOW_UP, scheduled_at=_at(3))
    (mine,) = my_cases(user=worker)
    assert (mine.overdue_sessions, mine.next_session) == (1, _at(3))
    loose = case_open(
        actor=supervisor, household=household, persons=_members(household)[:1], reason="x", worker=worker2
    )
    SocialCase.objects.filter(pk=loose.pk).update(worker=None)
    with pytest.raises(PermissionDeniedError):
        caseloads(user=worker)
    loads, unassigned = caseloads(user=supervisor)
    by_worker = {load.worker: load for load in loads}
    assert by_worker[worker].open == 1 and by_worker[worker].overdue_sessions == 1
    assert by_worker[worker].by_status[C.INTAKE] == 1
    assert by_worker[worker2].open == 0
    assert list(unassigned) == [loose]
    with pytest.raises(PermissionDeniedError):
        case_assign(actor=worker, case=loose, worker=worker)
    assert case_assign(actor=supervisor, case=loose, worker=worker2).worker == worker2
    with pytest.raises(RefahError):
        case_assign(actor=supervisor, case=loose, worker=supervisor.pk + 999)


def test_scheduled_sessions_are_cancelled_at_closure(case, worker):
    session = session_add(actor=worker, case=case, kind=SessionKind.HOME_VISIT, scheduled_at=_at(5))
    case_close(actor=worker, case=case, outcome=CaseOutcome.MOVED_AWAY, note="Başka ile taşındı.")
    assert Session.objects.get(pk=session.pk).status == SessionStatus.CANCELLED
