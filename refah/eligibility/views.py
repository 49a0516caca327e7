"""Eligibility screens: the public screener, programs and parameters (maker–checker), custom programs,
a household's determinations and the what-if simulation. Thin: forms in, one service or selector call.
"""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from refah.accounts.selectors import office_for_user
from refah.common.errors import NotFoundError, PermissionDeniedError, RefahError, validation_error_items
from refah.common.i18n import active_language
from refah.common.money import format_tl
from refah.eligibility import catalogue, forms, services, services_parameters
from refah.eligibility.models import ApprovalStatus, CustomProgram, CustomProgramStatus, ParameterValue, Rulebook
from refah.eligibility.overlay import parameter_history
from refah.eligibility.params import load_parameters
from refah.eligibility.rules import PROGRAMS
from refah.eligibility.screener import ScreenerInputError, screen
from refah.eligibility.selectors import custom_program_list, determination_list, reasons_render
from refah.eligibility.simulation import parse_changes, simulate
from refah.geo.models import District


def _lang() -> str:
    return active_language()


def _staff_view(view):
    """Login required; domain NotFound/PermissionDenied become the 404/403 pages."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotFoundError as exc:
            return render(request, "404.html", {"reason": exc.message}, status=404)
        except PermissionDeniedError as exc:
            return render(request, "403.html", {"reason": exc.message}, status=403)

    return login_required(wrapper)


def _require_perm(request, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDeniedError(_("You do not have permission to do this."))


def _apply_errors(form, exc: Exception) -> None:
    items = (
        validation_error_items(exc)
        if isinstance(exc, ValidationError)
        else [{"field": exc.field, "reason": str(exc.message)}]
    )
    for item in items:
        form.add_error(item["field"] if item["field"] in form.fields else None, item["reason"])


def _this_month() -> str:
    return f"{timezone.localdate():%Y-%m}"


# --- public screener ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def screener_page(request):
    """What could a household receive? No login; nothing is stored."""
    data = request.POST if request.method == "POST" else None
    household_form = forms.ScreenerHouseholdForm(data, initial={"period": _this_month(), "il": 76}, prefix="h")
    members = forms.MemberFormSet(data, prefix="m")
    outcome = None
    if data is not None and household_form.is_valid() and members.is_valid():
        household = household_form.household()
        period = household.pop("period")
        household["members"] = [form.member() for form in members]
        try:
            outcome = screen(household=household, period=period, lang=_lang())
        except ScreenerInputError as exc:
            household_form.add_error(None, f"{exc.field}: {exc.message}")
    context = {"household_form": household_form, "members": members, "outcome": outcome}
    return render(request, "eligibility/screener.html", context, status=422 if household_form.errors else 200)


@require_GET
def screener_member_row(request):
    """One more member row (htmx), and the formset's new total."""
    raw = request.GET.get("index", "1")
    index = max(0, min(int(raw) if raw.isascii() and raw.isdigit() else 1, 29))
    form = forms.MemberFormSet(prefix="m").empty_form
    form.prefix = f"m-{index}"
    return render(request, "eligibility/_member_row.html", {"form": form, "index": index, "total": index + 1})


@require_GET
def screener_districts(request):
    """The district options of a province (htmx)."""
    plate = request.GET.get("h-il", "")
    districts = District.objects.filter(province__plate=int(plate) if plate.isascii() and plate.isdigit() else 0)
    districts = districts.order_by("name")
    return render(request, "eligibility/_district_options.html", {"districts": districts})


# --- programs and parameters ----------------------------------------------------------------------


@_staff_view
@require_GET
def program_list(request):
    _require_perm(request, "eligibility.view_parametervalue")
    programs = [
        {
            "code": code,
            "label": catalogue.program_label(code),
            "reference": catalogue.program_source(code),
            "unit": catalogue.unit_label(catalogue.program_unit(code)),
        }
        for code in PROGRAMS
    ]
    pending = ParameterValue.objects.filter(status=ApprovalStatus.PROPOSED).count()
    return render(request, "eligibility/program_list.html", {"programs": programs, "pending": pending})


@_staff_view
@require_GET
def program_detail(request, code: str):
    _require_perm(request, "eligibility.view_parametervalue")
    module = PROGRAMS.get(code)
    if module is None:
        raise NotFoundError(_("Program not found."))
    parameters = [
        {"name": name, "text": _parameter_text(definition), "history": parameter_history(name)}
        for name, definition in load_parameters().items()
        if name.startswith(f"{code}.")
    ]
    label, reference = catalogue.program_label(code), catalogue.program_source(code)
    context = {"code": code, "label": label, "reference": reference, "parameters": parameters}
    return render(request, "eligibility/program_detail.html", context)


def _parameter_text(definition) -> dict[str, str]:
    """A parameter's description, unit and public source in the UI language (internal notes left out)."""
    lang = _lang()
    return {
        "description": definition.description[lang],
        "unit": catalogue.unit_label(definition.unit, lang),
        "reference": definition.reference[lang],
    }


@_staff_view
@require_http_methods(["GET", "POST"])
def parameter_propose(request, name: str):
    _require_perm(request, "eligibility.propose_parameter")
    definition = load_parameters().get(name)
    if definition is None:
        raise NotFoundError(_("Parameter not found."))
    form = forms.ParameterProposeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services_parameters.parameter_value_propose(
                actor=request.user,
                parameter=name,
                value_text=form.cleaned_data["value"],
                **{k: form.cleaned_data[k] for k in ("start", "reference", "note")},
            )
        except (ValidationError, RefahError) as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Proposal saved. A second program manager must approve it."))
            return redirect("eligibility:program_detail", code=name.split(".")[0])
    text = _parameter_text(definition)
    context = {"name": name, "text": text, "form": form, "history": parameter_history(name)}
    return render(request, "eligibility/parameter_propose.html", context)


@_staff_view
@require_POST
def parameter_decide(request, value_id):
    value = ParameterValue.objects.filter(pk=value_id).first()
    if value is None:
        raise NotFoundError(_("Proposal not found."))
    try:
        services_parameters.parameter_value_decide(
            actor=request.user, value=value, approve=request.POST.get("decision") == "approve"
        )
    except (ValidationError, RefahError) as exc:
        if isinstance(exc, PermissionDeniedError) and not request.user.has_perm("eligibility.approve_parameter"):
            raise
        messages.error(
            request,
            "; ".join(i["reason"] for i in validation_error_items(exc))
            if isinstance(exc, ValidationError)
            else str(exc.message),
        )
    else:
        messages.success(request, _("Decision recorded."))
    return redirect("eligibility:program_detail", code=value.parameter.split(".")[0])


# --- custom programs ------------------------------------------------------------------------------


@_staff_view
@require_http_methods(["GET", "POST"])
def custom_programs(request):
    _require_perm(request, "eligibility.view_customprogram")
    office = office_for_user(request.user)
    form = forms.CustomProgramForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services_parameters.custom_program_propose(actor=request.user, **form.cleaned_data)
        except (ValidationError, RefahError) as exc:
            if isinstance(exc, PermissionDeniedError):
                raise
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Custom program saved as a draft. A second manager must approve it."))
            return redirect("eligibility:custom_programs")
    context = {
        "form": form,
        "programs": list(custom_program_list(user=request.user)),
        "office": office,
        "national": bool(office and office.is_national),
        "draft": CustomProgramStatus.DRAFT,
    }
    return render(request, "eligibility/custom_programs.html", context)


@_staff_view
@require_POST
def custom_decide(request, program_id):
    office = office_for_user(request.user)
    program = CustomProgram.objects.filter(pk=program_id, office=office).first() if office else None
    if program is None:
        raise NotFoundError(_("Custom program not found."))
    try:
        services_parameters.custom_program_decide(
            actor=request.user, program=program, approve=request.POST.get("decision") == "approve"
        )
    except RefahError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Decision recorded."))
    return redirect("eligibility:custom_programs")


# --- a household's determinations -----------------------------------------------------------------


@_staff_view
@require_http_methods(["GET", "POST"])
def household_determinations(request, household_id: str):
    """Stored determinations of a household in the user's jurisdiction, with reasons; POST re-evaluates."""
    _require_perm(request, "eligibility.view_determination")
    period = request.GET.get("period") or _this_month()
    household, _unused = determination_list(user=request.user, household_id=household_id)
    if request.method == "POST":
        services.determinations_for_household(household=household, period=period)
        messages.success(request, _("Determinations re-evaluated."))
        return redirect(f"{request.path}?period={period}")
    day = f"{period}-01"
    _household, determinations = determination_list(user=request.user, household_id=household_id, period=day)
    lang = _lang()
    rulebooks = {(r.version, r.period): r for r in Rulebook.objects.filter(period=day)}
    rows = []
    for d in determinations:
        rulebook = rulebooks.get((d.rulebook_version, d.period))
        label = (rulebook.programs.get(d.program, {}).get("label", {}) if rulebook else {}).get(lang)
        label = label or catalogue.program_label(d.program, lang)
        amount = catalogue.format_amount(d.amount_kurus, d.unit, lang)
        rows.append(
            {
                "d": d,
                "label": label,
                "amount": amount,
                "reasons": reasons_render(determination=d, lang=lang, rulebook=rulebook),
            }
        )
    context = {"household": household, "period": period, "rows": rows}
    return render(request, "eligibility/household_determinations.html", context)


# --- what-if simulation ---------------------------------------------------------------------------


def _district_scope(user) -> list[int] | None:
    office = office_for_user(user)
    if office is None:
        return []
    if office.district_id:
        return [office.district_id]
    if office.province_id:
        return list(District.objects.filter(province_id=office.province_id).values_list("pk", flat=True))
    return None


@_staff_view
@require_GET
def simulate_page(request):
    """Coverage and monthly cost per district in the user's jurisdiction, today versus changed; CSV on request."""
    _require_perm(request, "eligibility.run_simulation")
    form = forms.SimulateForm(request.GET or None, initial={"period": _this_month()})
    table = None
    if request.GET and form.is_valid():
        try:
            changes = parse_changes(form.cleaned_data["changes"].splitlines())
            table = simulate(
                period=form.cleaned_data["period"], changes=changes, district_ids=_district_scope(request.user)
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
    if table is not None and request.GET.get("format") == "csv":
        response = HttpResponse(table.write_csv(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="simulation-{form.cleaned_data["period"]}.csv"'
        return response
    lang = _lang()
    rows = [
        {
            **row,
            "cost_today": format_tl(row["monthly_cost_today_kurus"], lang),
            "cost_changed": format_tl(row["monthly_cost_changed_kurus"], lang),
        }
        for row in (table.iter_rows(named=True) if table is not None else [])
    ]
    return render(
        request,
        "eligibility/simulate.html",
        {"form": form, "rows": rows, "ran": table is not None, "query": request.GET.urlencode()},
    )
