"""Screens of children: protection decisions, a child's record, foster families, the crèche quotas, adoption records."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from refah.care import forms, selectors, services
from refah.care.roles import ADOPTION, CHILDREN, CHILDREN_VIEW
from refah.care.views._common import REFUSED, current_members, household_from_code, shown_refusal
from refah.common.errors import ConflictError
from refah.common.views import error_text, form_errors, require_perm, screen
from refah.registry import selectors as registry_selectors

# --- children ------------------------------------------------------------------------------------------------


@screen(permission=CHILDREN_VIEW, methods=("GET",))
def children(request):
    """Protection decisions in force (the next reviews first), foster families, adoption records (permission)."""
    target = {"decision": "care:decision_add", "foster": "care:foster_family_add"}.get(request.GET.get("what"))
    found = household_from_code(request, target) if target else None
    if found is not None:
        return found
    decisions = list(selectors.decision_list(user=request.user).filter(status="active").order_by("review_on")[:100])
    families = list(selectors.foster_family_list(user=request.user).filter(active=True)[:100])
    adoptions = None
    if request.user.has_perm(ADOPTION):
        adoptions = list(selectors.adoption_list(user=request.user)[:100])
    selectors.listed_logged(user=request.user, rows=[*decisions, *(adoptions or [])], sensitive=True)
    context = {
        "decisions": decisions,
        "families": families,
        "adoptions": adoptions,
        "today": timezone.localdate(),
        "can_record": request.user.has_perm(CHILDREN),
    }
    return render(request, "care/children.html", context)


@screen(permission=CHILDREN_VIEW, methods=("GET", "POST"))
def child(request, person_id):
    """A child's protection record with the family's SED determinations; place with a foster family, give a free
    crèche place, record an adoption application (with that permission)."""
    record = selectors.child_record(user=request.user, child_id=person_id)
    day = timezone.localdate()
    families = [
        f for f in selectors.foster_family_list(user=request.user).filter(active=True) if f.current < f.capacity
    ]
    quotas = [q for q in selectors.creche_quotas(user=request.user, day=day) if q.free]
    action = request.POST.get("action")
    foster_form = forms.ChoiceOfForm(
        request.POST if action == "foster" else None,
        choices=[(str(f.pk), f"{f.household.reference_code} ({f.get_kind_display()})") for f in families],
        label=_("Foster family"),
    )
    creche_form = forms.ChoiceOfForm(
        request.POST if action == "creche" else None,
        choices=[(str(q.creche.pk), f"{q.creche.name} ({q.free})") for q in quotas],
        label=_("Private crèche"),
    )
    adoption_form = forms.AdoptionForm(request.POST if action == "adoption" else None)
    if request.method == "POST" and _child_post(request, record, action, foster_form, creche_form, adoption_form):
        return redirect("care:child", person_id=record.child.pk)
    context = {
        "r": record,
        "foster_form": foster_form if families and record.household else None,
        "creche_form": creche_form if quotas and record.household else None,
        "adoption_form": adoption_form if record.adoptions is not None and record.household else None,
        "can_record": request.user.has_perm(CHILDREN),
        "today": day,
    }
    has_errors = foster_form.errors or creche_form.errors or adoption_form.errors
    return render(request, "care/child.html", context, status=400 if has_errors else 200)


def _child_post(request, record, action, foster_form, creche_form, adoption_form) -> bool:
    require_perm(request, ADOPTION if action == "adoption" else CHILDREN)
    if record.household is None:
        return False
    user, child_, household = request.user, record.child, record.household
    try:
        if action == "foster" and foster_form.is_valid():
            family = selectors.access_foster_family_by_id(user=user, family_id=foster_form.cleaned_data["choice"])
            services.foster_place(
                actor=user, family=family, child=child_, household=household, started_on=timezone.localdate()
            )
            messages.success(request, _("The child is placed with the foster family."))
            return True
        if action == "creche" and creche_form.is_valid():
            creche = selectors.access_institution_by_id(user=user, institution_id=creche_form.cleaned_data["choice"])
            services.creche_allocate(actor=user, creche=creche, child=child_, household=household)
            messages.success(request, _("The free crèche place is given."))
            return True
        if action == "adoption" and adoption_form.is_valid():
            data = adoption_form.cleaned_data
            adoptive = registry_selectors.access_household_by_code(user=user, reference_code=data["adoptive_household"])
            services.adoption_create(
                actor=user,
                child=child_,
                household=household,
                adoptive_household=adoptive,
                applied_on=data["applied_on"],
                note=data["note"],
            )
            messages.success(request, _("The adoption application is recorded."))
            return True
    except REFUSED as exc:
        if not shown_refusal(exc) and exc.field != "household":  # an unknown adoptive household: said on the page
            raise
        messages.error(request, error_text(exc))
        return True
    return False


@screen(permission=CHILDREN, methods=("GET", "POST"))
def decision_add(request, household_id):
    household = registry_selectors.access_household_by_id(user=request.user, household_id=household_id)
    day = timezone.localdate()
    kids = [p for p in current_members(household) if p.age_on(day) < 18]
    form = forms.DecisionForm(request.POST or None, children=kids, initial={"decided_on": day})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["child"] = next(p for p in kids if str(p.pk) == data["child"])
        try:
            services.decision_record(actor=request.user, household=household, **data)
        except REFUSED as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("The decision is recorded."))
            return redirect("care:child", person_id=data["child"].pk)
    context = {
        "form": form,
        "title": _("Record a protection decision"),
        "eyebrow": household.reference_code,
        "back": reverse("care:children", args=()),
    }
    return render(request, "care/form.html", context, status=400 if form.errors else 200)


@screen(permission=CHILDREN, methods=("GET", "POST"))
def decision_close(request, decision_id):
    found = selectors.access_decision_by_id(user=request.user, decision_id=decision_id)
    form = forms.DecisionCloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_close(actor=request.user, decision=found, **form.cleaned_data)
        except (*REFUSED, ConflictError) as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("The decision is ended."))
            return redirect("care:child", person_id=found.child_id)
    context = {
        "form": form,
        "title": _("End the decision"),
        "eyebrow": f"{found.child.full_name} · {found.get_kind_display()}",
        "back": reverse("care:child", args=(found.child_id,)),
    }
    return render(request, "care/form.html", context, status=400 if form.errors else 200)


@screen(permission=CHILDREN, methods=("GET", "POST"))
def foster_family_add(request, household_id):
    household = registry_selectors.access_household_by_id(user=request.user, household_id=household_id)
    form = forms.FosterFamilyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            family = services.foster_family_approve(actor=request.user, household=household, **form.cleaned_data)
        except (*REFUSED, ConflictError) as exc:
            if not shown_refusal(exc):
                raise
            form_errors(form, exc)
        else:
            messages.success(request, _("The foster family is approved."))
            return redirect("care:foster_family", family_id=family.pk)
    context = {
        "form": form,
        "title": _("Approve a foster family"),
        "eyebrow": household.reference_code,
        "back": reverse("care:children", args=()),
    }
    return render(request, "care/form.html", context, status=400 if form.errors else 200)


@screen(permission=CHILDREN_VIEW, methods=("GET",))
def foster_family(request, family_id):
    found = selectors.access_foster_family_by_id(user=request.user, family_id=family_id)
    placements = list(found.placements.select_related("child").order_by("-started_on"))
    selectors.listed_logged(user=request.user, rows=placements, sensitive=True)
    context = {"f": found, "placements": placements, "can_record": request.user.has_perm(CHILDREN)}
    return render(request, "care/foster_family.html", context)


@screen(permission=CHILDREN, methods=("GET", "POST"))
def foster_end(request, placement_id):
    found = selectors.access_foster_placement_by_id(user=request.user, placement_id=placement_id)
    form = forms.EndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.foster_end(actor=request.user, placement=found, **form.cleaned_data)
        except (*REFUSED, ConflictError) as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("The foster placement is ended."))
            return redirect("care:foster_family", family_id=found.family_id)
    context = {
        "form": form,
        "title": _("End the foster placement"),
        "eyebrow": found.child.full_name,
        "back": reverse("care:foster_family", args=(found.family_id,)),
    }
    return render(request, "care/form.html", context, status=400 if form.errors else 200)


@screen(permission=CHILDREN_VIEW, methods=("GET",))
def creche(request):
    """Each private crèche's quota of free places (3 % of its capacity, rounded up) and who holds them."""
    quotas = selectors.creche_quotas(user=request.user, day=timezone.localdate())
    selectors.listed_logged(user=request.user, rows=[a for q in quotas for a in q.allocations])
    context = {"quotas": quotas, "can_record": request.user.has_perm(CHILDREN)}
    return render(request, "care/creche.html", context)


@screen(permission=CHILDREN, methods=("POST",))
def creche_end(request, allocation_id):
    found = selectors.access_allocation_by_id(user=request.user, allocation_id=allocation_id)
    try:
        services.creche_end(actor=request.user, allocation=found, ended_on=timezone.localdate())
    except REFUSED as exc:
        if not shown_refusal(exc):
            raise
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("The free crèche place is ended."))
    return redirect("care:creche")


@screen(permission=ADOPTION, methods=("GET", "POST"))
def adoption(request, record_id):
    found = selectors.access_adoption_by_id(user=request.user, record_id=record_id)
    form = forms.AdoptionAdvanceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.adoption_advance(actor=request.user, record=found, **form.cleaned_data)
        except REFUSED as exc:
            if not shown_refusal(exc):
                raise
            form_errors(form, exc)
        else:
            messages.success(request, _("The adoption moves to its next stage."))
            return redirect("care:adoption", record_id=found.pk)
    selectors.one_logged(
        user=request.user,
        obj=found,
        person_id=found.child_id,
        household_id=found.household_id,
        district_id=found.household.district_id,
    )
    context = {"a": found, "form": form if found.stage in ("application", "trial") else None}
    return render(request, "care/adoption.html", context, status=400 if form.errors else 200)
