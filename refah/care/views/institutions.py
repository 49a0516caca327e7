"""Screens of institutions and waiting lists: the list with occupancy, an institution (residents, its waiting
list, place, discharge), the waiting lists by kind with their points, an entry and its offer, the priority."""

from __future__ import annotations

from django.contrib import messages
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
from refah.care.roles import MANAGE, PLACE, VIEW, WAIT
from refah.care.views._common import REFUSED, current_members, household_from_code, shown_refusal
from refah.casework import selectors as casework_selectors
from refah.casework.enums import REFERRAL_OPEN_STATUSES, ServiceKind
from refah.casework.roles import VIEW_REFERRAL
from refah.common.errors import ConflictError
from refah.common.i18n import active_language
from refah.common.views import error_text, form_errors, require_perm, screen
from refah.geo.models import District
from refah.registry import selectors as registry_selectors
from refah.registry.models import Person

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
    found = household_from_code(request, "care:waiting_add")
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
        except REFUSED as exc:
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
        except REFUSED as exc:
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
    except REFUSED as exc:
        if not shown_refusal(exc):
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
        except REFUSED as exc:
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


# The institution kind a care referral's waiting list starts from (the form lets the worker choose another).
REFERRAL_KIND_TO_WAITING = {
    ServiceKind.ELDERLY_CARE: InstitutionKind.ELDERLY_HOME,
    ServiceKind.DISABILITY_CARE: InstitutionKind.CARE_REHAB_CENTRE,
    ServiceKind.CHILD_CARE: InstitutionKind.CHILD_HOME,
    ServiceKind.CHILD_PROTECTION: InstitutionKind.CHILD_HOME,
}


@screen(permission=WAIT, methods=("GET", "POST"))
def waiting_add(request, household_id):
    """Put a member on a waiting list (from an open referral to a care service, where there is one)."""
    household = registry_selectors.access_household_by_id(user=request.user, household_id=household_id)
    referrals = []
    if request.user.has_perm(VIEW_REFERRAL):
        rows = casework_selectors.household_referrals(user=request.user, household=household)
        referrals = [r for r in rows.filter(status__in=REFERRAL_OPEN_STATUSES)]
    institutions = [i for i in selectors.institution_list(user=request.user) if not KINDS[i.kind].places_by_quota]
    asked = next((r for r in referrals if str(r.pk) == request.GET.get("referral", "")), None)
    initial = {"referral": str(asked.pk), "person": str(asked.person_id or "")} if asked else {}
    if asked is not None and asked.service.kind in REFERRAL_KIND_TO_WAITING:
        initial["kind"] = REFERRAL_KIND_TO_WAITING[asked.service.kind]
    form = forms.WaitingForm(
        request.POST or None,
        persons=current_members(household),
        institutions=institutions,
        referrals=referrals,
        initial=initial,
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
        except (*REFUSED, ConflictError) as exc:
            if not shown_refusal(exc):
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
    except REFUSED as exc:
        if not shown_refusal(exc):
            raise
        messages.error(request, error_text(exc))
        return True
    return False
