"""Registry screens. Thin: parse a form, call one service (writes) or selectors (reads), render.

Domain errors become responses in one place (`_domain_errors`): NotFoundError is the 404 page,
PermissionDeniedError the 403 page; ValidationError and other RefahErrors become form errors.
"""

import functools

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from refah.audit.services import changed_fields
from refah.common.errors import NotFoundError, PermissionDeniedError, RefahError, validation_error_items
from refah.common.money import format_tl
from refah.registry import forms, selectors, selectors_ui, services

FIELD_MAP = {"monthly_rent_kurus": "monthly_rent", "amount_kurus": "amount", "value_kurus": "value"}
ACTION_LABELS = {
    "household_register": gettext_lazy("Household registered"),
    "household_update": gettext_lazy("Household details changed"),
    "person_create": gettext_lazy("Person recorded"),
    "person_update": gettext_lazy("Person's details changed"),
    "member_add": gettext_lazy("Member joined"),
    "member_remove": gettext_lazy("Member left"),
    "income_record": gettext_lazy("Income recorded"),
    "income_end": gettext_lazy("Income ended"),
    "asset_record": gettext_lazy("Asset recorded"),
    "attendance_record": gettext_lazy("School attendance recorded"),
}
ROLE_ORDER = {"reference": 0, "spouse": 1, "parent": 2, "child": 3, "other": 4}
AUDIT_SHOWN = 8
AUDIT_HIDDEN = {"id", "created_at", "updated_at", "name_folded", "household_id", "person_id", "province_id"}


def _domain_errors(view):
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
    """Put a service's ValidationError or RefahError on the form field it names (or the whole form)."""
    if isinstance(exc, ValidationError):
        items = validation_error_items(exc)
    else:
        items = [{"field": exc.field, "reason": str(exc.message)}]
    for item in items:
        name = FIELD_MAP.get(item["field"], item["field"])
        form.add_error(name if name in form.fields else None, item["reason"])


def _submit(form, service, **kwargs):
    """Call a write service; on a domain error, show it on the form and return None."""
    try:
        return service(**kwargs)
    except (PermissionDeniedError, NotFoundError):
        raise
    except (ValidationError, RefahError) as exc:
        _apply_errors(form, exc)
        return None


def _lang() -> str:
    return translation.get_language() or "tr"


def mask_id(number: str | None) -> str:
    """TC Kimlik No shown as 123******45 in lists; internal ids are not personal data."""
    if not number or len(number) != 11:
        return number or ""
    return f"{number[:3]}******{number[-2:]}"


# Search


def _search_row(person) -> dict:
    membership = person.current_memberships[0] if person.current_memberships else None
    household = membership.household if membership else None
    return {
        "person": person,
        "masked_id": mask_id(person.national_id) or person.internal_id,
        "household": household,
        "url": reverse("registry:household_detail", args=[household.pk]) if household else "",
    }


@require_GET
@_domain_errors
def household_search(request):
    form = forms.SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    context = {"form": form, "query": query}
    if query:
        context["rows"] = [_search_row(p) for p in selectors.person_search(user=request.user, query=query)]
    else:
        context["recent"] = selectors.household_list(user=request.user)[:12]
    partial = request.headers.get("HX-Request") and not request.headers.get("HX-History-Restore-Request")
    template = "registry/_search_results.html" if partial else "registry/household_search.html"
    response = render(request, template, {**context, "partial": bool(partial)})
    patch_vary_headers(response, ["HX-Request"])
    return response


# Household detail


def _member_row(membership, today, sensitive: bool) -> dict:
    person = membership.person
    return {
        "membership": membership,
        "person": person,
        "age": person.age_on(today),
        "sensitive": sensitive,
    }


def _income_rows(household) -> tuple[list[dict], int]:
    lang = _lang()
    incomes = list(selectors.household_incomes(household=household))
    rows = [
        {"income": i, "amount": format_tl(i.amount_kurus, lang), "monthly": format_tl(i.monthly_kurus(), lang)}
        for i in incomes
    ]
    return rows, sum(i.monthly_kurus() for i in incomes)


def _audit_value(field, value) -> str:
    if value is None or value == "":
        return "—"
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field is not None and field.name.endswith("_kurus"):
        return format_tl(int(value), _lang())
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return str(value)


def _audit_model(label: str):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _audit_row(event, sensitive: bool) -> dict:
    model = _audit_model(event.object_type)
    fields = {f.attname: f for f in model._meta.concrete_fields} if model else {}
    hidden = AUDIT_HIDDEN | (set() if sensitive else set(forms.SENSITIVE_FIELD_NAMES))
    changes = []
    if event.before is not None:
        for key, (old, new) in changed_fields(event.before, event.after).items():
            if key in hidden:
                continue
            field = fields.get(key)
            label = str(field.verbose_name) if field is not None else key
            changes.append({"field": label, "old": _audit_value(field, old), "new": _audit_value(field, new)})
    return {
        "event": event,
        "action": ACTION_LABELS.get(event.action, event.action),
        "object": str(model._meta.verbose_name) if model else event.object_type,
        "summary": _audit_summary(event.after or {}, fields),
        "changes": changes,
    }


def _audit_summary(after: dict, fields: dict) -> str:
    if "first_name" in after:
        return f"{after['first_name']} {after['last_name']}"
    for amount in ("amount_kurus", "value_kurus"):
        if amount in after:
            return f"{_audit_value(fields.get('kind'), after.get('kind'))} · {format_tl(int(after[amount]), _lang())}"
    if "role" in after:
        return _audit_value(fields.get("role"), after["role"])
    return after.get("reference_code", "")


@require_GET
@_domain_errors
def household_detail(request, household_id):
    user = request.user
    household = selectors.household_get(user=user, household_id=household_id)
    today = timezone.localdate()
    sensitive = selectors.can_view_sensitive(user)
    current = sorted(
        selectors.members_on(household=household),
        key=lambda m: (ROLE_ORDER.get(m.role, 9), m.person.birth_date),
    )
    members = [_member_row(m, today, sensitive) for m in current]
    incomes, income_total = _income_rows(household)
    assets = [
        {"asset": a, "value": format_tl(a.value_kurus, _lang())}
        for a in selectors_ui.household_assets(household=household)
    ]
    audit = [_audit_row(e, sensitive) for e in selectors.household_audit_trail(user=user, household=household)]
    context = {
        "household": household,
        "members": members,
        "reference": next((m for m in members if m["membership"].role == "reference"), None),
        "history": selectors.membership_history(household=household),
        "incomes": incomes,
        "income_total": format_tl(income_total, _lang()),
        "per_capita": format_tl(income_total // max(1, len(members)), _lang()),
        "rent": format_tl(household.monthly_rent_kurus, _lang()),
        "assets": assets,
        "attendance": selectors_ui.household_attendance(household=household),
        "audit": audit[:AUDIT_SHOWN],
        "audit_more": audit[AUDIT_SHOWN:],
        "show_sensitive": sensitive,
        "today": today,
    }
    return render(request, "registry/household_detail.html", context)


# Register and edit


def _household_initial(household) -> dict:
    initial = {
        "district": str(household.district_id),
        "neighbourhood": household.neighbourhood.name,
        "is_rural": household.neighbourhood.is_rural,
    }
    initial.update({k: getattr(household, k) for k in services.HOUSEHOLD_FIELDS if k != "monthly_rent_kurus"})
    if household.monthly_rent_kurus:
        initial["monthly_rent"] = format_tl(household.monthly_rent_kurus, _lang()).removesuffix(" TL")
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
@_domain_errors
def household_register(request):
    user = request.user
    _require_perm(request, "registry.add_household")
    sensitive = selectors.can_view_sensitive(user)
    form, formset = _register_forms(request, sensitive, selectors_ui.districts_for_user(user=user))
    if form.is_bound and form.is_valid() and formset.is_valid():
        members = [
            services.MemberInput(role=f.cleaned_data["role"], person_data=f.person_data())
            for f in formset.filled_forms()
        ]
        data = form.service_data()
        household = _submit(form, services.household_register, actor=user, members=members, **data)
        if household is not None:
            messages.success(request, _("Household %(code)s registered.") % {"code": household.reference_code})
            return redirect("registry:household_detail", household.pk)
    status = 400 if form.is_bound and form.errors or formset.is_bound and formset.total_error_count() else 200
    context = {"form": form, "formset": formset, "show_sensitive": sensitive}
    return render(request, "registry/household_register.html", context, status=status)


@require_GET
@_domain_errors
def member_row(request):
    """One more member card for the register form (htmx), plus the updated form count."""
    _require_perm(request, "registry.add_household")
    try:
        index = int(request.GET.get("members-TOTAL_FORMS", "1"))
    except ValueError:
        index = 1
    index = max(1, min(index, 29))
    member = forms.MemberForm(prefix=f"members-{index}", show_sensitive=selectors.can_view_sensitive(request.user))
    context = {"member": member, "index": index, "number": index + 1, "total": index + 1}
    return render(request, "registry/_member_row.html", context)


@require_http_methods(["GET", "POST"])
@_domain_errors
def household_edit(request, household_id):
    user = request.user
    household = selectors.household_get(user=user, household_id=household_id)
    _require_perm(request, "registry.change_household")
    districts = selectors_ui.districts_for_user(user=user)
    if request.method == "POST":
        form = forms.HouseholdForm(request.POST, districts=districts)
        if form.is_valid():
            data = form.service_data()
            data.pop("is_rural")
            if _submit(form, services.household_update, actor=user, household=household, data=data):
                messages.success(request, _("Household details saved."))
                return redirect("registry:household_detail", household.pk)
    else:
        form = forms.HouseholdForm(initial=_household_initial(household), districts=districts)
    status = 400 if form.errors else 200
    return render(request, "registry/household_edit.html", {"form": form, "household": household}, status=status)


# Members


def _current_membership(household, membership_id):
    for membership in selectors.members_on(household=household):
        if str(membership.pk) == str(membership_id):
            return membership
    raise NotFoundError(_("This person is not a current member of the household."))


def _household_form_page(request, household, form, template: str, **extra):
    context = {"household": household, "form": form, **extra}
    return render(request, template, context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@_domain_errors
def member_add(request, household_id):
    user = request.user
    household = selectors.household_get(user=user, household_id=household_id)
    _require_perm(request, "registry.add_membership")
    sensitive = selectors.can_view_sensitive(user)
    form = forms.MemberAddForm(request.POST or None, show_sensitive=sensitive)
    if request.method == "POST" and form.is_valid():
        membership = _submit(
            form,
            services.member_add,
            actor=user,
            household=household,
            role=form.cleaned_data["role"],
            person_data=form.person_data(),
            joined_on=form.cleaned_data["joined_on"],
        )
        if membership is not None:
            messages.success(request, _("%(name)s added to the household.") % {"name": membership.person.full_name})
            return redirect("registry:household_detail", household.pk)
    return _household_form_page(request, household, form, "registry/member_add.html", show_sensitive=sensitive)


@require_http_methods(["GET", "POST"])
@_domain_errors
def member_remove(request, household_id, membership_id):
    user = request.user
    household = selectors.household_get(user=user, household_id=household_id)
    membership = _current_membership(household, membership_id)
    _require_perm(request, "registry.change_membership")
    form = forms.MemberRemoveForm(request.POST or None, initial={"left_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        done = _submit(form, services.member_remove, actor=user, membership=membership, **form.cleaned_data)
        if done is not None:
            messages.success(request, _("%(name)s left the household.") % {"name": membership.person.full_name})
            return redirect("registry:household_detail", household.pk)
    return _household_form_page(
        request,
        household,
        form,
        "registry/member_remove.html",
        membership=membership,
        reasons=forms.REMOVE_REASONS,
    )


@require_http_methods(["GET", "POST"])
@_domain_errors
def member_move(request, household_id, membership_id):
    user = request.user
    household = selectors.household_get(user=user, household_id=household_id)
    membership = _current_membership(household, membership_id)
    _require_perm(request, "registry.change_membership")
    initial = {"on_date": timezone.localdate(), "role": membership.role}
    form = forms.MemberMoveForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        target = _target_household(form, user, data["to_household"])
        moved = target and _submit(
            form,
            services.member_move,
            actor=user,
            person=membership.person,
            to_household=target,
            role=data["role"],
            on_date=data["on_date"],
            reason=data["reason"],
        )
        if moved:
            messages.success(
                request,
                _("%(name)s moved to household %(code)s.")
                % {"name": membership.person.full_name, "code": target.reference_code},
            )
            return redirect("registry:household_detail", target.pk)
    return _household_form_page(request, household, form, "registry/member_move.html", membership=membership)


def _target_household(form, user, code: str):
    try:
        return selectors_ui.household_get_by_code(user=user, reference_code=code)
    except NotFoundError as exc:
        form.add_error("to_household", exc.message)
        return None


# Incomes and assets


@require_http_methods(["GET", "POST"])
@_domain_errors
def income_record(request, household_id):
    user = request.user
    household = selectors.household_get(user=user, household_id=household_id)
    _require_perm(request, "registry.add_incomesource")
    members = selectors.members_on(household=household)
    initial = {"start_date": timezone.localdate().replace(day=1), "person": request.GET.get("person")}
    form = forms.IncomeForm(request.POST or None, members=members, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["amount_kurus"] = data.pop("amount")
        if _submit(form, services.income_record, actor=user, **data):
            messages.success(request, _("Income recorded."))
            return redirect(reverse("registry:household_detail", args=[household.pk]) + "#incomes")
    return _household_form_page(request, household, form, "registry/income_form.html")


@require_http_methods(["GET", "POST"])
@_domain_errors
def asset_record(request, household_id):
    user = request.user
    household = selectors.household_get(user=user, household_id=household_id)
    _require_perm(request, "registry.add_asset")
    members = selectors.members_on(household=household)
    form = forms.AssetForm(request.POST or None, members=members)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["value_kurus"] = data.pop("value")
        if _submit(form, services.asset_record, actor=user, household=household, **data):
            messages.success(request, _("Asset recorded."))
            return redirect(reverse("registry:household_detail", args=[household.pk]) + "#assets")
    return _household_form_page(request, household, form, "registry/asset_form.html")
