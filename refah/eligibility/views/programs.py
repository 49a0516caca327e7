"""Programs and their parameters: the list, one program's parameters with their history, a proposed new
value and its approval by a second program manager (maker–checker)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from refah.common.errors import NotFoundError, PermissionDeniedError, RefahError, validation_error_items
from refah.common.i18n import active_language
from refah.common.views import form_errors, screen
from refah.eligibility import catalogue, forms, services_parameters
from refah.eligibility.models import ApprovalStatus, ParameterValue
from refah.eligibility.overlay import parameter_history
from refah.eligibility.params import load_parameters
from refah.eligibility.rules import PROGRAMS


@screen(permission="eligibility.view_parametervalue", methods=("GET",))
def program_list(request):
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


@screen(permission="eligibility.view_parametervalue", methods=("GET",))
def program_detail(request, code: str):
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
    lang = active_language()
    return {
        "description": definition.description[lang],
        "unit": catalogue.unit_label(definition.unit, lang),
        "reference": definition.reference[lang],
    }


@screen(permission="eligibility.propose_parameter", methods=("GET", "POST"))
def parameter_propose(request, name: str):
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
            form_errors(form, exc)
        else:
            messages.success(request, _("Proposal saved. A second program manager must approve it."))
            return redirect("eligibility:program_detail", code=name.split(".")[0])
    text = _parameter_text(definition)
    context = {"name": name, "text": text, "form": form, "history": parameter_history(name)}
    return render(request, "eligibility/parameter_propose.html", context)


@screen(methods=("POST",))
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
