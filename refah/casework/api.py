"""Social services under /api/v1/casework/: the catalogue of services, referrals (create with an Idempotency-Key,
list, read, accept, start, done, decline, cancel), SHM cases (open, list, read, sessions, plan, goals, close), group
programmes (list, enrol, attendance) and the counts. One service or selector call per endpoint; an object outside
the caller's jurisdiction is a 404, like a wrong id."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from ninja import Header, Router
from ninja.responses import Status

from refah.audit.enums import AccessChannel
from refah.casework import errors, selectors, services
from refah.casework.models import Enrolment, GroupProgramme, Referral, Service, SocialCase
from refah.casework.schemas import (
    AttendanceIn,
    AttendanceOut,
    CountsOut,
    EnrolIn,
    EnrolmentOut,
    GoalIn,
    GoalOut,
    OutcomeIn,
    PlanIn,
    PlanOut,
    ProgrammePage,
    ReferralAcceptIn,
    ReferralReasonIn,
    SealedOut,
    ServiceOut,
    ServicePage,
    ServiceReferralDetailOut,
    ServiceReferralIn,
    ServiceReferralOut,
    ServiceReferralPage,
    SessionIn,
    SessionOut,
    SocialCaseCloseIn,
    SocialCaseDetailOut,
    SocialCaseIn,
    SocialCaseOut,
    SocialCasePage,
)
from refah.common.errors import RefahError
from refah.common.paging import page_query, page_size_query
from refah.registry import selectors as registry_selectors

router = Router(tags=["casework"])


def _page(rows, page: int, page_size: int) -> tuple[int, list]:
    return rows.count(), list(rows[(page - 1) * page_size : page * page_size])


def service_out(s: Service) -> dict:
    fields = ("id", "kind", "name", "provider_kind", "office_id", "provider_name", "phone", "days_to_answer", "active")
    return {
        **{f: getattr(s, f) for f in fields},
        "province": s.province.name if s.province_id else None,
        "district": s.district.name if s.district_id else None,
    }


def referral_out(r: Referral) -> dict:
    fields = (
        "id",
        "household_id",
        "person_id",
        "service_id",
        "status",
        "source",
        "reason",
        "owner_id",
        "deadline",
        "escalation_level",
        "declined_reason",
        "outcome",
        "closed_on",
        "created_at",
    )
    return {**{f: getattr(r, f) for f in fields}, "service_kind": r.service.kind}


def case_out(c: SocialCase) -> dict:
    fields = (
        "id",
        "household_id",
        "office_id",
        "worker_id",
        "referral_id",
        "status",
        "reason",
        "opened_on",
        "closed_on",
        "outcome",
        "outcome_note",
    )
    return {**{f: getattr(c, f) for f in fields}, "person_ids": [p.pk for p in c.persons.all()]}


def goal_out(g) -> dict:
    return {name: getattr(g, name) for name in GoalOut.model_fields}


def session_out(s) -> dict:
    return {name: getattr(s, name) for name in SessionOut.model_fields}


def programme_out(p: GroupProgramme) -> dict:
    fields = ("id", "kind", "title", "office_id", "starts_on", "ends_on", "capacity", "completion_percent")
    return {**{f: getattr(p, f) for f in fields}, "enrolled": getattr(p, "enrolled", 0)}


def enrolment_out(e: Enrolment) -> dict:
    return {name: getattr(e, name) for name in EnrolmentOut.model_fields}


# --- the catalogue -------------------------------------------------------------------------------------------


@router.get("/services", response=ServicePage)
def casework_service_list(
    request, kind: str | None = None, page: int = page_query(), page_size: int = page_size_query()
):
    """Active services of the catalogue (protection services are never listed: a referral of their kind reaches
    them)."""
    rows = selectors.service_list(user=request.user, kind=kind).order_by("kind", "name")
    count, items = _page(rows, page, page_size)
    return {"count": count, "page": page, "page_size": page_size, "items": [service_out(s) for s in items]}


@router.get("/services/{service_id}", response=ServiceOut)
def casework_service_read(request, service_id: str):
    return service_out(selectors.access_service_by_id(user=request.user, service_id=service_id))


# --- referrals -----------------------------------------------------------------------------------------------


@router.post("/referrals", response={200: ServiceReferralOut, 201: ServiceReferralOut, 202: SealedOut})
def casework_referral_create(
    request, payload: ServiceReferralIn, idempotency_key: str | None = Header(None, alias="Idempotency-Key")
):
    """Refer a household (or a member) to a service of the catalogue or to the nearest service of a kind. The same
    request again with the same Idempotency-Key answers the first referral (200). A referral for protection from
    violence is handed to the protection services: 202, and nothing of it is kept or shown here."""
    household = registry_selectors.access_household_by_id(user=request.user, household_id=payload.household_id)
    person = None
    if payload.person_id is not None:
        person = next((m.person for m in household.memberships.current() if m.person_id == payload.person_id), None)
        if person is None:
            person = registry_selectors.access_person_by_id(user=request.user, person_id=payload.person_id)
    referral = services.referral_create(
        actor=request.user,
        household=household,
        person=person,
        service=payload.service_id,
        kind=payload.kind if payload.service_id is None else None,
        reason=payload.reason,
        source=payload.source,
        deadline=payload.deadline,
        idempotency_key=(idempotency_key or "").strip()[:100] or None,
    )
    if referral is None:
        return Status(202, {"detail": _("Handed to the protection services; they contact the person.")})
    return Status(200 if getattr(referral, "replayed", False) else 201, referral_out(referral))


@router.get("/referrals", response=ServiceReferralPage)
def casework_referral_list(
    request,
    scope: str = "all",
    status: str | None = None,
    kind: str | None = None,
    page: int = page_query(),
    page_size: int = page_size_query(),
):
    """Referrals of the caller's jurisdiction: `scope` all | mine | office | overdue; by status and kind."""
    scope = scope if scope in selectors.SCOPES else "all"
    rows = selectors.referral_filter(user=request.user, scope=scope, status=status, kind=kind)
    count, items = _page(rows, page, page_size)
    selectors.referrals_logged(user=request.user, referrals=items, channel=AccessChannel.API)
    return {"count": count, "page": page, "page_size": page_size, "items": [referral_out(r) for r in items]}


@router.get("/referrals/{referral_id}", response=ServiceReferralDetailOut)
def casework_referral_read(request, referral_id: str):
    """A referral with its history."""
    referral = selectors.referral_read(user=request.user, referral_id=referral_id, channel=AccessChannel.API)
    steps = [
        {
            "at": s.created_at,
            "action": s.action,
            "actor": s.actor.get_username() if s.actor else "system",
            "from_status": s.from_status,
            "to_status": s.to_status,
            "note": s.note,
        }
        for s in selectors.referral_steps(referral=referral)
    ]
    return {**referral_out(referral), "steps": steps}


def _referral(request, referral_id: str) -> Referral:
    return selectors.access_referral_by_id(user=request.user, referral_id=referral_id)


@router.post("/referrals/{referral_id}/accept", response=ServiceReferralOut)
def casework_referral_accept(request, referral_id: str, payload: ReferralAcceptIn):
    """The providing office takes the referral; its owner is `owner_id` (a worker there) or the caller."""
    referral = _referral(request, referral_id)
    owner = get_user_model().objects.filter(pk=payload.owner_id).first() if payload.owner_id else None
    if payload.owner_id and owner is None:
        raise RefahError(errors.ERR_OWNER_NOT_STAFF, field="owner_id")
    return referral_out(services.referral_accept(actor=request.user, referral=referral, owner=owner))


@router.post("/referrals/{referral_id}/start", response=ServiceReferralOut)
def casework_referral_start(request, referral_id: str):
    return referral_out(services.referral_start(actor=request.user, referral=_referral(request, referral_id)))


@router.post("/referrals/{referral_id}/done", response=ServiceReferralOut)
def casework_referral_done(request, referral_id: str, payload: OutcomeIn):
    """Done, with the outcome."""
    referral = _referral(request, referral_id)
    return referral_out(services.referral_done(actor=request.user, referral=referral, outcome=payload.outcome))


@router.post("/referrals/{referral_id}/decline", response=ServiceReferralOut)
def casework_referral_decline(request, referral_id: str, payload: ReferralReasonIn):
    """Declined, with the reason: back with the referrer."""
    referral = _referral(request, referral_id)
    return referral_out(services.referral_decline(actor=request.user, referral=referral, reason=payload.reason))


@router.post("/referrals/{referral_id}/cancel", response=ServiceReferralOut)
def casework_referral_cancel(request, referral_id: str, payload: ReferralReasonIn):
    """Cancelled by the referrer, with the reason."""
    referral = _referral(request, referral_id)
    return referral_out(services.referral_cancel(actor=request.user, referral=referral, reason=payload.reason))


# --- SHM cases -----------------------------------------------------------------------------------------------


@router.post("/cases", response={201: SocialCaseOut})
def casework_case_create(request, payload: SocialCaseIn):
    """Open an SHM case for a household's members, at intake or from a referral (put in progress)."""
    household = registry_selectors.access_household_by_id(user=request.user, household_id=payload.household_id)
    referral = _referral(request, payload.referral_id) if payload.referral_id else None
    case = services.case_open(
        actor=request.user,
        household=household,
        persons=payload.person_ids,
        reason=payload.reason,
        referral=referral,
        worker=payload.worker_id,
    )
    return Status(201, case_out(case))


@router.get("/cases", response=SocialCasePage)
def casework_case_list(
    request, mine: bool = False, status: str | None = None, page: int = page_query(), page_size: int = page_size_query()
):
    """Cases of the caller's jurisdiction (`mine`: the caller's own), newest first."""
    rows = selectors.case_list(user=request.user).prefetch_related("persons").order_by("-opened_on", "-created_at")
    if mine:
        rows = rows.filter(worker=request.user)
    if status:
        rows = rows.filter(status=status)
    count, items = _page(rows, page, page_size)
    selectors.cases_logged(user=request.user, cases=items, channel=AccessChannel.API)
    return {"count": count, "page": page, "page_size": page_size, "items": [case_out(c) for c in items]}


def _plan_out(view) -> dict | None:
    if view.plan is None:
        return None
    plan = view.plan
    return {
        "summary": plan.summary,
        "agreed_on": plan.agreed_on,
        "review_on": plan.review_on,
        "goals": [goal_out(g) for g in view.goals],
    }


@router.get("/cases/{case_id}", response=SocialCaseDetailOut)
def casework_case_read(request, case_id: str):
    """A case with its plan, goals and sessions (their notes: the read is access-logged)."""
    view = selectors.case_read(user=request.user, case_id=case_id, channel=AccessChannel.API)
    return {**case_out(view.case), "plan": _plan_out(view), "sessions": [session_out(s) for s in view.sessions]}


def _case(request, case_id: str) -> SocialCase:
    return selectors.access_case_by_id(user=request.user, case_id=case_id)


@router.post("/cases/{case_id}/sessions", response={201: SessionOut})
def casework_session_add(request, case_id: str, payload: SessionIn):
    """A session or appointment: scheduled, or recorded at once (held — with notes —, missed, cancelled)."""
    session = services.session_add(actor=request.user, case=_case(request, case_id), **payload.dict())
    return Status(201, session_out(session))


@router.put("/cases/{case_id}/plan", response=PlanOut)
def casework_plan_record(request, case_id: str, payload: PlanIn):
    """The intervention plan agreed with the family (the case moves to the plan step)."""
    case = _case(request, case_id)
    plan = services.plan_record(actor=request.user, case=case, **payload.dict())
    return {
        "summary": plan.summary,
        "agreed_on": plan.agreed_on,
        "review_on": plan.review_on,
        "goals": [goal_out(g) for g in plan.goals.all()],
    }


@router.post("/cases/{case_id}/goals", response={201: GoalOut})
def casework_goal_add(request, case_id: str, payload: GoalIn):
    goal = services.goal_add(actor=request.user, case=_case(request, case_id), **payload.dict())
    return Status(201, goal_out(goal))


@router.post("/cases/{case_id}/close", response=SocialCaseOut)
def casework_case_close(request, case_id: str, payload: SocialCaseCloseIn):
    """Close the case with its outcome."""
    case = services.case_close(actor=request.user, case=_case(request, case_id), **payload.dict())
    return case_out(case)


# --- group programmes ----------------------------------------------------------------------------------------


@router.get("/programmes", response=ProgrammePage)
def casework_programme_list(request, page: int = page_query(), page_size: int = page_size_query()):
    rows = selectors.programme_list(user=request.user).order_by("-starts_on", "title")
    count, items = _page(rows, page, page_size)
    return {"count": count, "page": page, "page_size": page_size, "items": [programme_out(p) for p in items]}


@router.post("/programmes/{programme_id}/enrolments", response={201: EnrolmentOut})
def casework_enrol(request, programme_id: str, payload: EnrolIn):
    """Enrol a person while places remain (409 when the programme is full)."""
    programme = selectors.access_programme_by_id(user=request.user, programme_id=programme_id)
    person = registry_selectors.access_person_by_id(user=request.user, person_id=payload.person_id)
    return Status(201, enrolment_out(services.enrol(actor=request.user, programme=programme, person=person)))


@router.post("/programmes/sessions/{session_id}/attendance", response=AttendanceOut)
def casework_attendance_record(request, session_id: str, payload: AttendanceIn):
    """Attendance of a session: enrolment id → present | absent | excused."""
    session = selectors.access_group_session_by_id(user=request.user, session_id=session_id)
    marks = {str(k): v for k, v in payload.marks.items()}
    return {"recorded": services.attendance_record(actor=request.user, session=session, marks=marks)}


@router.get("/counts", response=CountsOut)
def casework_counts(request):
    """Counts of the caller's jurisdiction (referrals, cases, programmes): the analysts' view, no person named."""
    return selectors.casework_counts(user=request.user)
