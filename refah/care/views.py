"""Screens of the specialised services: institutions with their occupancy, an institution's residents and waiting
list with the actions, the waiting lists by kind with their points, a waiting entry and its offer, the published
priority; children: protection decisions, a child's record, foster families, the crèche quotas, adoption records.

Thin: parse a form, call one service or selector, render; the `screen` decorator turns "not found" and "not
allowed" into their pages.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from refah.accounts.enums import OfficeKind
from refah.accounts.models import Office
from refah.care import forms, selectors, services
from refah.care.enums import InstitutionKind, Population, WaitingStatus
from refah.care.kinds import KINDS
from refah.care.priority import RULES, score_entries
from refah.care.roles import ADOPTION, CHILDREN, CHILDREN_VIEW, MANAGE, PLACE, VIEW, WAIT
from refah.casework import selectors as casework_selectors
from refah.casework.enums import REFERRAL_OPEN_STATUSES
from refah.casework.roles import VIEW_REFERRAL
from refah.common.errors import ConflictError, NotFoundError, PermissionDeniedError, RefahError
from refah.common.i18n import active_language
from refah.common.views import error_text, form_errors, require_perm, screen
from refah.geo.models import District
from refah.registry import selectors as registry_selectors
from refah.registry.models import Person

_REFUSED = (ValidationError, RefahError)


def _refused(exc) -> bool:
    """A refusal to show on the page (not "not found" or "not allowed", which the screen decorator answers)."""
    return not isinstance(exc, NotFoundError | PermissionDeniedError)


def _members(household) -> list[Person]:
    return list(Person.objects.filter(memberships__household=household, memberships__left_on__isnull=True).distinct())


def _household_from_code(request, target: str):
    """?household=<number>: that household's page of `target` (a form on the list pages)."""
    code = (request.GET.get("household") or "").strip()
    if not code:
        return None
    try:
        household = registry_selectors.access_household_by_code(user=request.user, reference_code=code)
    except NotFoundError as exc:
        messages.error(request, error_text(exc))
        return None
    return redirect(target, household_id=household.pk)


# --- institutions and waiting lists --------------------------------------------------------------------------


@screen(permission=VIEW, methods=("GET",))
def home(request):
    """Institutions with their occupancy (by who they serve), and the places offered awaiting an answer."""
    population = request.GET.get("population") or ""
    if population not in Population.values:
        population = ""
    institutions = selectors.with_room(
        list(selectors.institution_list(user=request.user, population=population or None)), timezone.localdate()
    )
    offers = list(selectors.offers_open(user=request.user)[:50])
    selectors.listed_logged(user=request.user, rows=offers)
    context = {
        "institutions": institutions,
        "offers": offers,
        "populations": Population.choices,
        "population": population,
        "kinds": [(k, InstitutionKind(k).label) for k in KINDS if not KINDS[k].places_by_quota],
        "can_manage": request.user.has_perm(MANAGE),
    }
    return render(request, "care/home.html", context)


@screen(permission=VIEW, methods=("GET",))
def priority(request):
    """The published priority: each rule's points and words, and the tie-breaker."""
    lang = active_language()
    rules = [{"points": r.points, "text": r.tr if lang == "tr" else r.en} for r in RULES]
    return render(request, "care/priority.html", {"rules": rules})


@screen(permission=VIEW, methods=("GET",))
def waiting(request):
    """The waiting list of one kind of institution, highest priority first, each entry with its points and why."""
    found = _household_from_code(request, "care:waiting_add")
    if found is not None:
        return found
    kind = request.GET.get("kind") or InstitutionKind.ELDERLY_HOME
    if kind not in KINDS or KINDS[kind].places_by_quota:
        kind = InstitutionKind.ELDERLY_HOME
    scored = selectors.waiting_scored(user=request.user, kind=kind)
    selectors.listed_logged(user=request.user, rows=[s.entry for s in scored], sensitive=True)
    context = {
        "scored": scored,
        "kind": kind,
        "kind_label": InstitutionKind(kind).label,
        "kinds": [(k, InstitutionKind(k).label) for k in KINDS if not KINDS[k].places_by_quota],
        "lang": active_language(),
        "can_add": request.user.has_perm(WAIT),
    }
    return render(request, "care/waiting.html", context)


def _directorate(district) -> Office | None:
    return Office.objects.filter(kind=OfficeKind.DIRECTORATE, province_id=district.province_id).first()


def _districts(user):
    office = user.staff.office
    if office.district_id:
        return District.objects.filter(pk=office.district_id)
    if office.province_id:
        return District.objects.filter(province_id=office.province_id)
    return District.objects.all()


@screen(permission=MANAGE, methods=("GET", "POST"))
def institution_add(request):
    form = forms.InstitutionForm(request.POST or None, districts=_districts(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        public = data["ownership"] == "public"
        try:
            made = services.institution_create(
                actor=request.user,
                office=_directorate(data["district"]) if public else None,
                **{k: v for k, v in data.items() if not (public and k == "operator_name")},
            )
        except _REFUSED as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("The institution is added."))
            return redirect("care:institution", institution_id=made.pk)
    context = {"form": form, "title": _("Add an institution"), "back": reverse("care:home", args=())}
    return render(request, "care/form.html", context, status=400 if form.errors else 200)


@screen(permission=MANAGE, methods=("GET", "POST"))
def institution_edit(request, institution_id):
    found = selectors.access_institution_by_id(user=request.user, institution_id=institution_id)
    initial = {f: getattr(found, f) for f in ("name", "mode", "units", "capacity", "active")}
    form = forms.InstitutionEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.institution_update(actor=request.user, institution=found, **form.cleaned_data)
        except _REFUSED as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("The institution is changed."))
            return redirect("care:institution", institution_id=found.pk)
    context = {"form": form, "title": _("Change the institution"), "eyebrow": found.name, "back": _back(found)}
    return render(request, "care/form.html", context, status=400 if form.errors else 200)


def _back(institution) -> str:
    return reverse("care:institution", args=(institution.pk,))


@screen(permission=VIEW, methods=("GET",))
def institution(request, institution_id):
    """An institution: occupancy, residents (discharge), the waiting list that a place here may go to (place)."""
    found = selectors.access_institution_by_id(user=request.user, institution_id=institution_id)
    selectors.with_room([found], timezone.localdate())
    residents = list(selectors.residents(institution=found))
    scored = [] if KINDS[found.kind].places_by_quota else selectors.waiting_scored(user=request.user, institution=found)
    selectors.listed_logged(user=request.user, rows=residents + [s.entry for s in scored], sensitive=True)
    context = {
        "i": found,
        "rule": KINDS[found.kind],
        "source": KINDS[found.kind].source[active_language()],
        "residents": residents,
        "scored": scored,
        "lang": active_language(),
        "can_place": request.user.has_perm(PLACE),
        "can_manage": request.user.has_perm(MANAGE),
    }
    return render(request, "care/institution.html", context)


@screen(permission=PLACE, methods=("POST",))
def place(request, institution_id):
    """Place the person of a waiting entry here (the institution page's button)."""
    found = selectors.access_institution_by_id(user=request.user, institution_id=institution_id)
    entry = selectors.access_entry_by_id(user=request.user, entry_id=request.POST.get("entry"))
    try:
        services.placement_create(
            actor=request.user, institution=found, person=entry.person, household=entry.household, entry=entry
        )
    except _REFUSED as exc:
        if not _refused(exc):
            raise
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("%(name)s is placed.") % {"name": entry.person.full_name})
    return redirect("care:institution", institution_id=found.pk)


@screen(permission=PLACE, methods=("GET", "POST"))
def discharge(request, placement_id):
    found = selectors.access_placement_by_id(user=request.user, placement_id=placement_id)
    form = forms.DischargeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.placement_discharge(actor=request.user, placement=found, **form.cleaned_data)
        except _REFUSED as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("The discharge is recorded; a freed place is offered to the waiting list."))
            return redirect("care:institution", institution_id=found.institution_id)
    context = {
        "form": form,
        "title": _("Discharge"),
        "eyebrow": f"{found.person.full_name} · {found.institution.name}",
        "back": _back(found.institution),
    }
    return render(request, "care/form.html", context, status=400 if form.errors else 200)


@screen(permission=WAIT, methods=("GET", "POST"))
def waiting_add(request, household_id):
    """Put a member on a waiting list (from an open referral to a care service, where there is one)."""
    household = registry_selectors.access_household_by_id(user=request.user, household_id=household_id)
    referrals = []
    if request.user.has_perm(VIEW_REFERRAL):
        rows = casework_selectors.household_referrals(user=request.user, household=household)
        referrals = [r for r in rows.filter(status__in=REFERRAL_OPEN_STATUSES)]
    institutions = [i for i in selectors.institution_list(user=request.user) if not KINDS[i.kind].places_by_quota]
    form = forms.WaitingForm(
        request.POST or None, persons=_members(household), institutions=institutions, referrals=referrals
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            entry = services.waiting_add(
                actor=request.user,
                person=Person.objects.get(pk=data["person"]),
                household=household,
                kind=data["kind"],
                institution=next((i for i in institutions if str(i.pk) == data["institution"]), None),
                referral=next((r for r in referrals if str(r.pk) == data["referral"]), None),
                note=data["note"],
            )
        except (*_REFUSED, ConflictError) as exc:
            if not _refused(exc):
                raise
            form_errors(form, exc)
        else:
            messages.success(request, _("The person is on the waiting list."))
            return redirect("care:entry", entry_id=entry.pk)
    context = {
        "form": form,
        "title": _("Add to a waiting list"),
        "eyebrow": household.reference_code,
        "back": reverse("registry:household_detail", args=(household.pk,)),
    }
    return render(request, "care/form.html", context, status=400 if form.errors else 200)


@screen(permission=VIEW, methods=("GET", "POST"))
def entry(request, entry_id):
    """A waiting entry: its points and why, the place offered (accept, decline), place it, withdraw it."""
    found = selectors.access_entry_by_id(user=request.user, entry_id=entry_id)
    free = [i for i in selectors.institution_list(user=request.user, kind=found.kind).filter(active=True) if i.free]
    place_form = forms.PlaceForm(request.POST if request.POST.get("action") == "place" else None, institutions=free)
    reason_form = forms.ReasonForm(request.POST if request.POST.get("action") in ("decline", "withdraw") else None)
    if request.method == "POST":
        done = _entry_post(request, found, place_form, reason_form)
        if done:
            return redirect("care:entry", entry_id=found.pk)
    else:
        selectors.one_logged(
            user=request.user,
            obj=found,
            person_id=found.person_id,
            household_id=found.household_id,
            district_id=found.household.district_id,
        )
    context = {
        "e": found,
        "scored": score_entries([found], timezone.localdate())[0],
        "lang": active_language(),
        "open": found.status in (WaitingStatus.WAITING, WaitingStatus.OFFERED),
        "place_form": place_form if free else None,
        "reason_form": reason_form,
        "can_place": request.user.has_perm(PLACE),
        "can_withdraw": request.user.has_perm(WAIT),
    }
    return render(request, "care/entry.html", context, status=400 if reason_form.errors else 200)


def _entry_post(request, found, place_form, reason_form) -> bool:
    action = request.POST.get("action")
    require_perm(request, WAIT if action == "withdraw" else PLACE)
    try:
        if action == "accept":
            services.offer_accept(actor=request.user, entry=found)
            messages.success(
                request, _("The offer is accepted: %(name)s is placed.") % {"name": found.person.full_name}
            )
            return True
        if action == "place" and place_form.is_valid():
            chosen = selectors.access_institution_by_id(
                user=request.user, institution_id=place_form.cleaned_data["institution"]
            )
            services.placement_create(
                actor=request.user, institution=chosen, person=found.person, household=found.household, entry=found
            )
            messages.success(request, _("%(name)s is placed.") % {"name": found.person.full_name})
            return True
        if action in ("decline", "withdraw") and reason_form.is_valid():
            act = services.offer_decline if action == "decline" else services.waiting_withdraw
            act(actor=request.user, entry=found, reason=reason_form.cleaned_data["reason"])
            messages.success(request, _("The entry is withdrawn."))
            return True
    except _REFUSED as exc:
        if not _refused(exc):
            raise
        messages.error(request, error_text(exc))
        return True
    return False


# --- children ------------------------------------------------------------------------------------------------


@screen(permission=CHILDREN_VIEW, methods=("GET",))
def children(request):
    """Protection decisions in force (the next reviews first), foster families, adoption records (permission)."""
    target = {"decision": "care:decision_add", "foster": "care:foster_family_add"}.get(request.GET.get("what"))
    found = _household_from_code(request, target) if target else None
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
    except _REFUSED as exc:
        if not _refused(exc) and exc.field != "household":  # an unknown adoptive household: said on the page
            raise
        messages.error(request, error_text(exc))
        return True
    return False


@screen(permission=CHILDREN, methods=("GET", "POST"))
def decision_add(request, household_id):
    household = registry_selectors.access_household_by_id(user=request.user, household_id=household_id)
    day = timezone.localdate()
    kids = [p for p in _members(household) if p.age_on(day) < 18]
    form = forms.DecisionForm(request.POST or None, children=kids, initial={"decided_on": day})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["child"] = next(p for p in kids if str(p.pk) == data["child"])
        try:
            services.decision_record(actor=request.user, household=household, **data)
        except _REFUSED as exc:
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
        except (*_REFUSED, ConflictError) as exc:
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
        except (*_REFUSED, ConflictError) as exc:
            if not _refused(exc):
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
        except (*_REFUSED, ConflictError) as exc:
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
    except _REFUSED as exc:
        if not _refused(exc):
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
        except _REFUSED as exc:
            if not _refused(exc):
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
