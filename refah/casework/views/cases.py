"""Screens of SHM case management: my cases (phone first), opening a case for a household (at intake or from a
referral), the case page with its sections and their forms, the supervisor's caseload page."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from refah.casework import forms, selectors, services
from refah.casework.enums import CaseStatus, SessionStatus
from refah.casework.roles import ADD_CASE, VIEW_CASE, VIEW_CASELOAD
from refah.common.errors import ConflictError, NotFoundError, PermissionDeniedError, RefahError
from refah.common.views import error_text, form_errors, screen
from refah.registry import selectors as registry_selectors
from refah.registry.models import Membership


@screen(permission=VIEW_CASE, methods=("GET",))
def case_list(request):
    """My open cases with the next appointment and overdue items; my closed cases below."""
    rows = list(selectors.my_cases(user=request.user))
    closed = list(selectors.my_cases(user=request.user, closed=True)[:20])
    selectors.cases_logged(user=request.user, cases=rows + closed)
    context = {"rows": rows, "closed": closed, "now": timezone.now()}
    return render(request, "casework/case_list.html", context)


@screen(permission=ADD_CASE, methods=("GET", "POST"))
def case_open(request, household_id):
    """Open an SHM case for the household; `?referral=` opens it from a referral to the SHM."""
    household = registry_selectors.access_household_by_id(user=request.user, household_id=household_id)
    referral_id = request.POST.get("referral") or request.GET.get("referral")
    referral = selectors.access_referral_by_id(user=request.user, referral_id=referral_id) if referral_id else None
    members = list(Membership.objects.current().filter(household=household).select_related("person"))
    workers = selectors.workers_for(user=request.user)
    initial = None
    if referral is not None:
        initial = {"reason": referral.reason, "persons": [str(referral.person_id)] if referral.person_id else []}
    form = forms.CaseOpenForm(request.POST or None, members=members, workers=workers, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.case_open(
                actor=request.user,
                household=household,
                persons=data["persons"],
                reason=data["reason"],
                referral=referral,
                worker=data["worker"] or None,
            )
        except NotFoundError:
            raise
        except RefahError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("The case is opened."))
            return redirect("casework:case_detail", case_id=case.pk)
    context = {"household": household, "referral": referral, "form": form}
    return render(request, "casework/case_open.html", context, status=400 if form.errors else 200)


def _case_forms(request, view, action: str | None) -> dict:
    post = request.POST if request.method == "POST" else None

    def bound(name):
        return post if action == name else None

    today = timezone.localdate()
    plan = view.plan
    return {
        "assess_form": forms.AssessmentForm(bound("assess"), prefix="assess"),
        "plan_form": forms.PlanForm(
            bound("plan"),
            prefix="plan",
            initial={
                "summary": plan.summary if plan else "",
                "agreed_on": plan.agreed_on if plan else today,
                "review_on": plan.review_on if plan else today + dt.timedelta(days=90),
            },
        ),
        "goal_form": forms.GoalForm(
            bound("goal_add"), prefix="goal", initial={"target_date": today + dt.timedelta(days=60)}
        ),
        "goal_update_form": forms.GoalUpdateForm(bound("goal_update"), prefix="goalu"),
        "session_form": forms.SessionForm(
            bound("session_add"),
            prefix="session",
            initial={"date": today, "time": "10:00", "status": SessionStatus.SCHEDULED},
        ),
        "session_record_form": forms.SessionRecordForm(bound("session_record"), prefix="record"),
        "follow_up_form": forms.FollowUpForm(
            bound("follow_up"), prefix="follow", initial={"first": today + dt.timedelta(days=30)}
        ),
        "follow_up_record_form": forms.FollowUpRecordForm(bound("follow_up_record"), prefix="followr"),
        "close_form": forms.CloseForm(bound("close"), prefix="close"),
        "assign_form": forms.AssignForm(
            bound("assign"), prefix="assign", workers=selectors.workers_for(user=request.user)
        )
        if request.user.has_perm("casework.assign_socialcase")
        else None,
    }


@screen(permission=VIEW_CASE, methods=("GET", "POST"))
def case_detail(request, case_id):
    """The case page: persons and worker, assessment, plan and goals, sessions, referrals made from it, follow-ups,
    closure — each section with the form of its next step."""
    view = selectors.case_read(user=request.user, case_id=case_id)
    action = request.POST.get("action") if request.method == "POST" else None
    case_forms = _case_forms(request, view, action)
    if action and _case_post(request, view, action, case_forms):
        return redirect(f"{request.path}#{_anchor(action)}")
    failed = any(f is not None and f.errors for f in case_forms.values())
    context = {
        "v": view,
        "c": view.case,
        "now": timezone.now(),
        "statuses": CaseStatus,
        "can_work": request.user.has_perm("casework.change_socialcase") and view.case.status != CaseStatus.CLOSED,
        **case_forms,
    }
    return render(request, "casework/case_detail.html", context, status=400 if failed else 200)


def _anchor(action: str) -> str:
    return {
        "assess": "assessment",
        "plan": "plan",
        "goal_add": "plan",
        "goal_update": "plan",
        "start": "plan",
        "session_add": "sessions",
        "session_record": "sessions",
        "follow_up": "follow-ups",
        "follow_up_record": "follow-ups",
        "close": "closure",
    }.get(action, "case")


def _aware(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time))


def _case_post(request, view, action: str, f: dict) -> bool:
    """Run the step posted; True when done (redirect), False to show the form's errors."""
    actor, case = request.user, view.case
    form = f.get(
        {
            "assess": "assess_form",
            "plan": "plan_form",
            "goal_add": "goal_form",
            "goal_update": "goal_update_form",
            "session_add": "session_form",
            "session_record": "session_record_form",
            "follow_up": "follow_up_form",
            "follow_up_record": "follow_up_record_form",
            "close": "close_form",
            "assign": "assign_form",
        }.get(action, "")
    )
    try:
        if action == "start":
            services.plan_start(actor=actor, case=case)
            messages.success(request, _("The plan is put to work."))
            return True
        if form is None or not form.is_valid():
            return False
        data = form.cleaned_data
        if action == "assess":
            services.assessment_record(
                actor=actor,
                case=case,
                needs=form.needs(),
                summary=data["summary"],
                strengths=data["strengths"],
                risks=data["risks"],
                risk_level=data["risk_level"],
            )
        elif action == "plan":
            services.plan_record(
                actor=actor,
                case=case,
                summary=data["summary"],
                agreed_on=data["agreed_on"],
                review_on=data["review_on"],
            )
        elif action == "goal_add":
            services.goal_add(actor=actor, case=case, text=data["text"], target_date=data["target_date"])
        elif action == "goal_update":
            goal = selectors.access_goal_by_id(user=actor, goal_id=data["goal"])
            services.goal_update(actor=actor, goal=goal, status=data["status"], achieved_on=data["achieved_on"])
        elif action == "session_add":
            services.session_add(
                actor=actor,
                case=case,
                kind=data["kind"],
                scheduled_at=_aware(data["date"], data["time"]),
                status=data["status"],
                notes=data["notes"],
            )
        elif action == "session_record":
            session = selectors.access_session_by_id(user=actor, session_id=data["session"])
            services.session_record(actor=actor, session=session, status=data["status"], notes=data["notes"])
        elif action == "follow_up":
            dates = [d for d in (data["first"], data["second"]) if d]
            services.case_follow_up(actor=actor, case=case, due_on=dates)
        elif action == "follow_up_record":
            row = selectors.access_follow_up_by_id(user=actor, follow_up_id=data["follow_up"])
            services.follow_up_record(actor=actor, follow_up=row, note=data["note"])
        elif action == "close":
            services.case_close(actor=actor, case=case, outcome=data["outcome"], note=data["note"])
        elif action == "assign":
            services.case_assign(actor=actor, case=case, worker=data["worker"])
        else:
            return False
    except (ConflictError, PermissionDeniedError) as exc:
        messages.error(request, error_text(exc))
        return True
    except NotFoundError:
        raise
    except RefahError as exc:
        form_errors(form, exc, field_map={"scheduled_at": "date", "due_on": "first", "done_on": "note"})
        return False
    messages.success(request, _("Saved."))
    return True


@screen(permission=VIEW_CASELOAD, methods=("GET",))
def caseload(request):
    """The supervisor's view: each social worker's open cases by status with overdue items; unassigned cases."""
    loads, unassigned = selectors.caseloads(user=request.user)
    unassigned = list(unassigned[:100])
    selectors.cases_logged(user=request.user, cases=unassigned)
    statuses = [s for s in CaseStatus if s != CaseStatus.CLOSED]
    context = {"loads": loads, "unassigned": unassigned, "statuses": statuses}
    return render(request, "casework/caseload.html", context)
