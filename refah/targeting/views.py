"""Screens of the targeting app: the models with their cards (approve, retire), the scoring runs with progress,
and a household's proposal with its reasons (jurisdiction, access-logged)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from refah.accounts.selectors import office_for_user
from refah.common.errors import RefahError
from refah.common.views import screen
from refah.eligibility.proposals import legal_basis
from refah.geo.models import District
from refah.targeting import selectors, services
from refah.targeting.enums import RunStatus
from refah.targeting.presentation import card_view
from refah.targeting.roles import MANAGE_MODEL, RUN_SCORING, VIEW_MODEL, VIEW_PROPOSAL


def _districts(user):
    office = office_for_user(user)
    if office is None:
        return []
    districts = District.objects.select_related("province").order_by("province__name", "name")
    if office.district_id:
        return list(districts.filter(pk=office.district_id))
    if office.province_id:
        return list(districts.filter(province_id=office.province_id))
    return list(districts)


@screen(permission=VIEW_MODEL, methods=("GET",))
def home(request):
    models = selectors.models_list(user=request.user)
    runs = selectors.runs_list(user=request.user)
    busy = any(run.status in (RunStatus.QUEUED, RunStatus.RUNNING) for run in runs)
    if request.headers.get("HX-Request"):
        return render(request, "targeting/_runs.html", {"runs": runs, "busy": busy})
    from django.utils import timezone

    context = {
        "models": models,
        "runs": runs,
        "busy": busy,
        "districts": _districts(request.user) if request.user.has_perm(RUN_SCORING) else [],
        "can_run": request.user.has_perm(RUN_SCORING),
        "can_view_proposal": request.user.has_perm(VIEW_PROPOSAL),
        "basis": legal_basis(timezone.localdate()),
    }
    return render(request, "targeting/home.html", context)


@screen(permission=VIEW_MODEL, methods=("GET",))
def model_detail(request, model_id):
    model = selectors.access_model(user=request.user, model_id=model_id)
    context = {
        "model": model,
        "card": card_view(model),
        "can_manage": request.user.has_perm(MANAGE_MODEL),
        "is_maker": model.registered_by_id == request.user.pk,
    }
    return render(request, "targeting/model.html", context)


def _act(request, model_id, action, done: str):
    model = selectors.access_model(user=request.user, model_id=model_id)
    try:
        action(actor=request.user, model=model)
    except RefahError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("targeting:model_detail", model_id=model.pk)


@require_POST
@screen(permission=MANAGE_MODEL)
def model_approve(request, model_id):
    return _act(request, model_id, services.targeting_model_approve, _("The model was approved."))


@require_POST
@screen(permission=MANAGE_MODEL)
def model_retire(request, model_id):
    return _act(request, model_id, services.targeting_model_retire, _("The model was retired."))


@require_POST
@screen(permission=RUN_SCORING)
def run_start(request):
    district = request.POST.get("district") or None
    coverage = request.POST.get("coverage") or None
    try:
        try:
            coverage = int(coverage) if coverage is not None else None
        except ValueError:
            raise RefahError(services.errors.ERR_COVERAGE, field="coverage") from None
        services.scoring_run_request(actor=request.user, district_id=district, coverage_percent=coverage)
    except RefahError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The scoring run was started; this page follows its progress."))
    return redirect(reverse("targeting:home") + "#runs")


@screen(permission=VIEW_PROPOSAL, methods=("GET",))
def household_proposal(request, household_id):
    household, score = selectors.household_proposal(user=request.user, household_id=household_id)
    from refah.targeting.explain import proposal_reasons

    reasons = proposal_reasons(score.reasons)
    context = {
        "household": household,
        "score": score,
        "run": score.run,
        "model": score.run.model,
        "reasons": reasons,
        "basis": legal_basis(score.run.day),
    }
    return render(request, "targeting/household.html", context)


@screen(permission=VIEW_PROPOSAL, methods=("GET",))
def household_lookup(request):
    """A household's proposal by its household number (in the user's jurisdiction)."""
    from refah.accounts.selectors import jurisdiction_q
    from refah.registry.models import Household

    code = (request.GET.get("code") or "").strip()
    found = Household.objects.filter(jurisdiction_q(request.user), reference_code=code).first() if code else None
    if found is None:
        messages.error(request, _("No household with this number in your jurisdiction."))
        return redirect("targeting:home")
    return redirect("targeting:household", household_id=found.pk)
