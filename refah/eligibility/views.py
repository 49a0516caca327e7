"""Eligibility screens: the public screener, programs and parameters (maker–checker), custom programs,
a household's determinations and the what-if simulation. Thin: forms in, one service or selector call.
"""

import datetime as dt
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
from refah.eligibility.screener import STATUSES, ScreenerInputError, screen
from refah.eligibility.screener_inputs import age_on
from refah.eligibility.selectors import (
    custom_program_list,
    custom_program_payment_text,
    determination_list,
    reasons_render,
)
from refah.eligibility.simulation import parse_changes, simulate
from refah.geo.models import District
from refah.registry import enums


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


_STEP_TEMPLATE = "eligibility/screener.html"


def _screener_forms(data, people_count: int) -> tuple:
    place = forms.ScreenerPlaceForm(data, initial={"period": _this_month(), "il": 76}, prefix="h")
    people = forms.PeopleFormSet(data, prefix="m", initial=[{"role": "reference"}])
    household = forms.ScreenerHouseholdForm(data, prefix="h")
    members = [forms.ScreenerMemberForm(data, prefix=f"m-{i}") for i in range(people_count)]
    return place, people, household, members


def _error_summary(form, members) -> list[dict]:
    """Every field error as a link to its field, a member's named (the screen's error summary)."""
    items = []
    named = [(form, "")] + [(member, _("Member %(n)s") % {"n": i + 1} + " — ") for i, member in enumerate(members)]
    for each, who in named:
        for error in each.non_field_errors():
            items.append({"id": "", "text": f"{who}{error}"})
        for field in each:
            for error in field.errors:
                items.append({"id": field.id_for_label, "text": f"{who}{field.label}: {error}"})
    return items


def _asked(outcome: dict | None, people_count: int) -> tuple[set[str], list[set[str]]]:
    """The questions the outcome still needs: household keys, and per member its keys."""
    household, members = set(), [set() for _ in range(people_count)]
    for field in outcome["missing"] if outcome else []:
        parts = field.split(".")
        if parts[0] == "members":
            members[int(parts[1])].add(parts[2])
        else:
            household.add(field)
    return household, members


def _household_fields(answers, asked: set[str]) -> dict:
    """The household questions to show (the asset values apart, folded), and the answers to carry."""
    visible = answers.visible(asked)
    return {
        "home": [field for field in visible if not field.name.startswith("asset_")],
        "assets": [field for field in visible if field.name.startswith("asset_")],
        "hidden": answers.hidden(asked),
    }


def _member_blocks(persons: list[dict], member_answers: list, asked_members: list[set[str]], period: str) -> list:
    """Per member: who it is (role, age in the month) and its questions to show and answers to carry."""
    day = dt.date.fromisoformat(period + "-01")
    roles = dict(enums.Role.choices)
    return [
        {
            "n": i + 1,
            "role": roles.get(person["role"]),
            "age": max(0, age_on(person["birth_date"], day)),
            "visible": form.visible(asked),
            "hidden": form.hidden(asked),
        }
        for i, (person, form, asked) in enumerate(zip(persons, member_answers, asked_members, strict=True))
    ]


@require_http_methods(["GET", "POST"])
def screener_page(request):
    """The citizen's screener, step by step: who and where (1), only the questions that decide (2), the
    answer (3). No login; nothing is stored. Without JavaScript every step is a plain form post."""
    data = request.POST if request.method == "POST" else None
    people_total = data.get("m-TOTAL_FORMS", "1") if data else "1"
    count = min(int(people_total), 30) if people_total.isascii() and people_total.isdigit() else 1
    place, people, answers, member_answers = _screener_forms(data, count)
    context = {"step": 1, "place": place, "people": people, "answers": answers, "errors": []}
    if data is None:
        return render(request, _STEP_TEMPLATE, context)
    if not (place.is_valid() and people.is_valid()):
        context["errors"] = _error_summary(place, people)
        return render(request, _STEP_TEMPLATE, context, status=422)
    all_valid = all([form.is_valid() for form in (answers, *member_answers)])  # every form validated, for errors
    persons = [form.person() for form in people]
    household = {**place.place(), **(answers.household() if answers.is_valid() else {})}
    household["members"] = [
        {**person, **(form.member() if form.is_valid() else {})}
        for person, form in zip(persons, member_answers, strict=True)
    ]
    try:
        outcome = screen(household=household, period=place.cleaned_data["period"], lang=_lang())
    except ScreenerInputError as exc:
        context["errors"] = [{"id": "", "text": f"{exc.field}: {exc.message}"}]
        return render(request, _STEP_TEMPLATE, context, status=422)
    asked_household, asked_members = _asked(outcome, count)
    wants_questions = data.get("step") == "1" or not all_valid
    context.update(
        step=2 if wants_questions and outcome["missing"] else 3,
        outcome=outcome,
        errors=_error_summary(answers, member_answers),
        household_fields=_household_fields(answers, asked_household),
        member_blocks=_member_blocks(persons, member_answers, asked_members, outcome["period"]),
        **{status: [p for p in outcome["programs"] if p["status"] == status] for status in STATUSES},
    )
    return render(request, _STEP_TEMPLATE, context, status=422 if context["errors"] else 200)


@require_GET
def screener_member_row(request):
    """One more member row (htmx), and the formset's new total."""
    raw = request.GET.get("index", "1")
    index = max(0, min(int(raw) if raw.isascii() and raw.isdigit() else 1, 29))
    form = forms.PeopleFormSet(prefix="m").empty_form
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
    programs = list(custom_program_list(user=request.user))
    for program in programs:
        program.payment_text = custom_program_payment_text(record=program)
    context = {
        "form": form,
        "programs": programs,
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
