"""A household's money: recording a member's income and a household asset."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from refah.common.views import screen
from refah.registry import forms, selectors, services
from refah.registry.views.helpers import household_for, household_form_page, submit


def _back_to(household, anchor: str):
    return redirect(reverse("registry:household_detail", args=[household.pk]) + anchor)


@require_http_methods(["GET", "POST"])
@screen
def income_record(request, household_id):
    household = household_for(request, household_id, "registry.add_incomesource")
    members = selectors.members_on(household=household)
    initial = {"start_date": timezone.localdate().replace(day=1), "person": request.GET.get("person")}
    form = forms.IncomeForm(request.POST or None, members=members, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["amount_kurus"] = data.pop("amount")
        if submit(form, services.income_record, actor=request.user, **data):
            messages.success(request, _("Income recorded."))
            return _back_to(household, "#incomes")
    return household_form_page(request, household, form, "registry/income_form.html")


@require_http_methods(["GET", "POST"])
@screen
def asset_record(request, household_id):
    household = household_for(request, household_id, "registry.add_asset")
    members = selectors.members_on(household=household)
    form = forms.AssetForm(request.POST or None, members=members)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["value_kurus"] = data.pop("value")
        if submit(form, services.asset_record, actor=request.user, household=household, **data):
            messages.success(request, _("Asset recorded."))
            return _back_to(household, "#assets")
    return household_form_page(request, household, form, "registry/asset_form.html")
