"""Custom programs of municipalities and NGOs: the office's programs, a new draft and its approval."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from refah.accounts.selectors import office_for_user
from refah.common.errors import PermissionDeniedError, RefahError
from refah.common.views import form_errors, screen
from refah.eligibility import forms, services_parameters
from refah.eligibility.models import CustomProgramStatus
from refah.eligibility.selectors import (
    access_custom_program_by_id,
    custom_program_list,
    custom_program_payment_text,
)


@screen(permission="eligibility.view_customprogram", methods=("GET", "POST"))
def custom_programs(request):
    office = office_for_user(request.user)
    form = forms.CustomProgramForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services_parameters.custom_program_propose(actor=request.user, **form.cleaned_data)
        except (ValidationError, RefahError) as exc:
            if isinstance(exc, PermissionDeniedError):
                raise
            form_errors(form, exc)
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


@screen(methods=("POST",))
def custom_decide(request, program_id):
    program = access_custom_program_by_id(user=request.user, program_id=program_id)
    try:
        services_parameters.custom_program_decide(
            actor=request.user, program=program, approve=request.POST.get("decision") == "approve"
        )
    except RefahError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Decision recorded."))
    return redirect("eligibility:custom_programs")
