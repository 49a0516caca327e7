"""A household's page, and registering and editing a household."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from refah.common.money import format_tl
from refah.common.views import require_perm, screen
from refah.registry import forms, selectors, services
from refah.registry.models import registered_first
from refah.registry.views.audit_trail import audit_rows
from refah.registry.views.helpers import household_for, lang, submit

ROLE_ORDER = {"reference": 0, "spouse": 1, "parent": 2, "child": 3, "other": 4}
AUDIT_SHOWN = 8


def _member_row(membership, today, sensitive: bool) -> dict:
    person = membership.person
    return {
        "membership": membership,
        "person": person,
        "age": person.age_on(today),
        "sensitive": sensitive,
    }


def _income_rows(household, members) -> tuple[list[dict], int]:
    language = lang()
    incomes = list(selectors.household_incomes(household=household, members=members))
    counted = {i.pk for i in registered_first(incomes, "person_id")}
    rows = [
        {
            "income": i,
            "amount": format_tl(i.amount_kurus, language),
            "monthly": format_tl(i.monthly_kurus(), language),
            "counted": i.pk in counted,
        }
        for i in incomes
    ]
    return rows, sum(i.monthly_kurus() for i in incomes if i.pk in counted)


@require_GET
@screen
def household_detail(request, household_id):
    user = request.user
    household = selectors.household_read(user=user, household_id=household_id)
    today = timezone.localdate()
    sensitive = selectors.can_view_sensitive(user)
    current = sorted(
        selectors.members_on(household=household),
        key=lambda m: (ROLE_ORDER.get(m.role, 9), m.person.birth_date),
    )
    members = [_member_row(m, today, sensitive) for m in current]
    incomes, income_total = _income_rows(household, current)
    held = list(selectors.household_assets(household=household))
    counted_assets = {a.pk for a in registered_first(held, "household_id")}
    assets = [{"asset": a, "value": format_tl(a.value_kurus, lang()), "counted": a.pk in counted_assets} for a in held]
    audit = audit_rows(user=user, household=household, sensitive=sensitive)
    context = {
        "household": household,
        "members": members,
        "reference": next((m for m in members if m["membership"].role == "reference"), None),
        "history": selectors.membership_history(household=household),
        "incomes": incomes,
        "income_total": format_tl(income_total, lang()),
        "per_capita": format_tl(income_total // max(1, len(members)), lang()),
        "rent": format_tl(household.monthly_rent_kurus, lang()),
        "assets": assets,
        "attendance": selectors.household_attendance(members=current),
        "audit": audit[:AUDIT_SHOWN],
        "audit_more": audit[AUDIT_SHOWN:],
        "show_sensitive": sensitive,
        "today": today,
    }
    return render(request, "registry/household_detail.html", context)


def _household_initial(household) -> dict:
    initial = {
        "district": str(household.district_id),
        "neighbourhood": household.neighbourhood.name,
        "is_rural": household.neighbourhood.is_rural,
    }
    initial.update({k: getattr(household, k) for k in services.HOUSEHOLD_FIELDS if k != "monthly_rent_kurus"})
    if household.monthly_rent_kurus:
        initial["monthly_rent"] = format_tl(household.monthly_rent_kurus, lang()).removesuffix(" TL")
    return initial


def _as_initial(form) -> dict:
    return {name: form[name].value() for name in form.fields}


def _register_forms(request, sensitive: bool, districts):
    """Bound forms on POST; on "add a member" without JavaScript, unbound copies with one more row."""
    if request.method != "POST":
        return (
            forms.HouseholdForm(districts=districts),
            forms.MemberFormSet(
                prefix="members", initial=[{"role": "reference"}], form_kwargs={"show_sensitive": sensitive}
            ),
        )
    form = forms.HouseholdForm(request.POST, districts=districts)
    formset = forms.MemberFormSet(request.POST, prefix="members", form_kwargs={"show_sensitive": sensitive})
    if "add_member" in request.POST:
        form = forms.HouseholdForm(initial=_as_initial(form), districts=districts)
        initial = [_as_initial(f) for f in formset.forms] + [{"role": "child"}]
        formset = forms.MemberFormSet(prefix="members", initial=initial, form_kwargs={"show_sensitive": sensitive})
    return form, formset


@require_http_methods(["GET", "POST"])
@screen
def household_register(request):
    user = request.user
    require_perm(request, "registry.add_household")
    sensitive = selectors.can_view_sensitive(user)
    form, formset = _register_forms(request, sensitive, selectors.districts_for_user(user=user))
    if form.is_bound and form.is_valid() and formset.is_valid():
        members = [
            services.MemberInput(role=f.cleaned_data["role"], person_data=f.person_data())
            for f in formset.filled_forms()
        ]
        data = form.service_data()
        household = submit(form, services.household_register, actor=user, members=members, **data)
        if household is not None:
            messages.success(request, _("Household %(code)s registered.") % {"code": household.reference_code})
            return redirect("registry:household_detail", household.pk)
    status = 400 if form.is_bound and form.errors or formset.is_bound and formset.total_error_count() else 200
    context = {"form": form, "formset": formset, "show_sensitive": sensitive}
    return render(request, "registry/household_register.html", context, status=status)


@require_GET
@screen
def member_row(request):
    """One more member card for the register form (htmx), plus the updated form count."""
    require_perm(request, "registry.add_household")
    try:
        index = int(request.GET.get("members-TOTAL_FORMS", "1"))
    except ValueError:
        index = 1
    index = max(1, min(index, 29))
    member = forms.MemberForm(prefix=f"members-{index}", show_sensitive=selectors.can_view_sensitive(request.user))
    context = {"member": member, "index": index, "number": index + 1, "total": index + 1}
    return render(request, "registry/_member_row.html", context)


@require_http_methods(["GET", "POST"])
@screen
def household_edit(request, household_id):
    user = request.user
    household = household_for(request, household_id, "registry.change_household")
    districts = selectors.districts_for_user(user=user)
    if request.method == "POST":
        form = forms.HouseholdForm(request.POST, districts=districts)
        if form.is_valid():
            data = form.service_data()
            data.pop("is_rural")
            if submit(form, services.household_update, actor=user, household=household, data=data):
                messages.success(request, _("Household details saved."))
                return redirect("registry:household_detail", household.pk)
    else:
        form = forms.HouseholdForm(initial=_household_initial(household), districts=districts)
    status = 400 if form.errors else 200
    return render(request, "registry/household_edit.html", {"form": form, "household": household}, status=status)
