"""ASDEP's screens, phone first: the team's visits today, the visit form (the checklist, one area a section),
the visit page, rounds (list, plan, one round), the households proposed, a household's risk profile (a page,
and the household page's panel through htmx).

Thin: parse a form, call one service or selector, render; `screen` turns "not found" and "not allowed" into
their pages.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from refah.accounts.selectors import office_for_user
from refah.asdep import forms, selectors, services
from refah.asdep.enums import RoundStatus
from refah.asdep.roles import PLAN_ROUND, RECORD_VISIT, VIEW_PROFILE, VIEW_PROPOSAL, VIEW_ROUND, VIEW_VISIT
from refah.common.errors import ConflictError, NotFoundError, PermissionDeniedError, RefahError
from refah.common.views import error_text, form_errors, screen
from refah.geo.models import Neighbourhood

_REFUSED = (ValidationError, RefahError)


@screen(permission=VIEW_ROUND, methods=("GET",))
def home(request):
    """The team's visits due today (and overdue), then the rounds of the office."""
    today = timezone.localdate()
    visits = list(selectors.my_visits(user=request.user, day=today)[:100])
    selectors.visits_logged(user=request.user, visits=visits, channel="screen")
    rounds = list(selectors.round_list(user=request.user)[:50])
    context = {"visits": visits, "rounds": rounds, "today": today, "can_plan": request.user.has_perm(PLAN_ROUND)}
    return render(request, "asdep/home.html", context)


@screen(permission=RECORD_VISIT, methods=("GET", "POST"))
def visit_form(request, visit_id):
    """The checklist of one visit, filled at the door; a refusal keeps every answer given."""
    visit = selectors.access_visit_by_id(user=request.user, visit_id=visit_id)
    if visit.recorded:
        return redirect("asdep:visit_detail", visit_id=visit.pk)
    members = [m.person for m in visit.household.memberships.current().select_related("person")]
    form = forms.VisitForm(request.POST or None, members=members)
    if request.method == "POST" and form.is_valid():
        try:
            services.visit_record(actor=request.user, visit=visit, **form.service_arguments())
        except ConflictError as exc:
            messages.error(request, error_text(exc))
            return redirect("asdep:visit_detail", visit_id=visit.pk)
        except (PermissionDeniedError, NotFoundError):
            raise
        except _REFUSED as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("The visit is recorded; each risk found is referred."))
            return redirect("asdep:visit_detail", visit_id=visit.pk)
    context = {"visit": visit, "form": form, "members": members}
    return render(request, "asdep/visit_form.html", context, status=400 if form.errors else 200)


@screen(permission=VIEW_VISIT, methods=("GET",))
def visit_detail(request, visit_id):
    """A visit: the outcome, the risks found with their referrals, the answers."""
    view = selectors.visit_read(user=request.user, visit_id=visit_id)
    can_record = (
        request.user.has_perm(RECORD_VISIT)
        and not view.visit.recorded
        and view.visit.team.members.filter(pk=request.user.pk).exists()
    )
    return render(request, "asdep/visit_detail.html", {"v": view, "can_record": can_record})


@screen(permission=VIEW_ROUND, methods=("GET", "POST"))
def round_detail(request, round_id):
    """A round: its teams and their visits; the planner closes it."""
    found = selectors.access_round_by_id(user=request.user, round_id=round_id)
    if request.method == "POST":
        if not request.user.has_perm(PLAN_ROUND):
            raise PermissionDeniedError(_("You do not have permission to do this."))
        try:
            services.round_close(actor=request.user, round_=found)
        except ConflictError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("The round is closed."))
        return redirect("asdep:round_detail", round_id=found.pk)
    visits = list(selectors.round_visits(round_=found))
    selectors.visits_logged(user=request.user, visits=visits, channel="screen")
    teams = [
        {"team": t, "members": list(t.members.all()), "visits": [v for v in visits if v.team_id == t.pk]}
        for t in found.teams.all()
    ]
    context = {
        "round": found,
        "teams": teams,
        "can_close": request.user.has_perm(PLAN_ROUND) and found.status != RoundStatus.DONE,
    }
    return render(request, "asdep/round_detail.html", context)


def _chosen_office(request):
    """The SYDV the round is for: the one asked for (among those the user may plan for), else the user's own, else
    the one of the latest round, else the first (a provincial supervisor plans for the district SYDVs)."""
    offices = list(selectors.plannable_offices(user=request.user))
    asked = request.POST.get("office") or request.GET.get("office")
    own = office_for_user(request.user)
    chosen = next((o for o in offices if str(o.pk) == asked), None)
    latest = selectors.round_list(user=request.user).values_list("office_id", flat=True).first()
    for pk in (own.pk if own else None, latest):
        chosen = chosen or next((o for o in offices if o.pk == pk), None)
    return offices, chosen or (offices[0] if offices else None)


@screen(permission=PLAN_ROUND, methods=("GET", "POST"))
def round_plan(request):
    """Plan a round of an SYDV: neighbourhoods, period, teams; the households proposed in its district are shown and
    are visited first."""
    offices, office = _chosen_office(request)
    neighbourhoods = (
        Neighbourhood.objects.filter(district_id=office.district_id).order_by("name_folded")
        if office
        else Neighbourhood.objects.none()
    )
    form = forms.RoundPlanForm(request.POST or None, office=office, neighbourhoods=neighbourhoods)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            planned = services.round_plan(
                actor=request.user,
                office=office,
                neighbourhoods=[int(pk) for pk in data["neighbourhoods"]],
                teams=form.teams(),
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                name=data["name"],
            )
        except _REFUSED as exc:
            form_errors(form, exc, field_map={"teams": "team1_1"})
        else:
            messages.success(request, _("The round is planned: %(n)s visits.") % {"n": planned.visits.count()})
            return redirect("asdep:round_detail", round_id=planned.pk)
    count, proposed = (0, [])
    if office is not None:
        count, proposed = selectors.proposal_list(
            user=request.user, day=timezone.localdate(), district_id=office.district_id, limit=20
        )
    selectors.proposals_logged(user=request.user, rows=proposed, channel="screen")
    context = {"form": form, "office": office, "offices": offices, "proposed": proposed, "proposed_count": count}
    return render(request, "asdep/round_plan.html", context, status=400 if form.errors else 200)


@screen(permission=VIEW_PROPOSAL, methods=("GET",))
def proposals(request):
    """Households the registry's data marks as likely at risk, heaviest first, with their reasons."""
    count, rows = selectors.proposal_list(user=request.user, day=timezone.localdate())
    selectors.proposals_logged(user=request.user, rows=rows, channel="screen")
    return render(request, "asdep/proposals.html", {"rows": rows, "count": count})


@screen(permission=VIEW_PROFILE, methods=("GET",))
def household_profile(request, household_id):
    """A household's risk profile over time (the household page asks for its panel alone through htmx)."""
    profile = selectors.household_risk_profile(user=request.user, household_id=household_id)
    template = "asdep/_profile.html" if request.headers.get("HX-Request") else "asdep/household_profile.html"
    return render(request, template, {"p": profile})
