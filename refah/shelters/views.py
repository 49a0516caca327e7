"""Screens of the sealed services, for the staff named in a unit: my units and their alerts, a unit (cases,
shelter places — never another unit's address), a case (notes, orders, stays, referrals out) with its forms, the
intake form, the supervisors' sealed audit; the break-glass form (supervisors, social workers); the
administrators' naming screen (a unit's name, never its address).

Thin: parse a form, call one service or selector, render. Every object is read through an `access_*_by_id`
selector: someone not named gets the same 404 page as for a wrong id.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from refah.common.errors import NotFoundError, RefahError
from refah.common.views import form_errors, screen
from refah.shelters import errors, forms, selectors, services
from refah.shelters.enums import UnitKind, UnitRole
from refah.shelters.models import SealedMember, SealedUnit
from refah.shelters.roles import ADD_UNIT, BREAK_GLASS, NAME_STAFF, NAMED

_REFUSED = (ValidationError, RefahError)


@screen(permission=NAMED, methods=("GET",))
def home(request):
    """The user's units and the alerts waiting for them."""
    units = selectors.my_units(user=request.user)
    alerts = list(selectors.alert_list(user=request.user).filter(read_at__isnull=True)[:50])
    return render(request, "shelters/home.html", {"units": units, "alerts": alerts})


@screen(methods=("GET",))
def unit(request, unit_id):
    """A unit: its open cases, the province's shelter places (a ŞÖNİM) or the stays (a shelter)."""
    found = selectors.access_unit_by_id(user=request.user, unit_id=unit_id)
    role = selectors.unit_role(request.user, found)
    cases = list(selectors.case_list(user=request.user, unit=found)[:200])
    stays = list(selectors.shelter_stays(user=request.user, unit=found))
    for listed in (cases, stays):
        if listed:
            selectors.sealed_read(user=request.user, obj=found, kind="household_list", count=len(listed))
    context = {
        "unit": found,
        "role": role,
        "is_supervisor": role == UnitRole.SUPERVISOR,
        "cases": cases,
        "places": selectors.shelter_places(user=request.user, unit=found),
        "stays": stays,
        "is_sonim": found.kind == UnitKind.SONIM,
    }
    return render(request, "shelters/unit.html", context)


@screen(methods=("GET", "POST"))
def unit_address(request, unit_id):
    found = selectors.access_unit_by_id(user=request.user, unit_id=unit_id)
    form = forms.AddressForm(request.POST or None, initial={"address": found.address})
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_address_set(actor=request.user, unit=found, address=form.cleaned_data["address"])
        except _REFUSED as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("The address was saved."))
            return redirect("shelters:unit", found.pk)
    return _form(request, found.name, _("The unit's address"), form, back=("shelters:unit", found.pk))


@screen(methods=("GET",))
def unit_audit(request, unit_id):
    """The unit's sealed audit: its supervisors only."""
    found = selectors.access_unit_by_id(user=request.user, unit_id=unit_id)
    rows = selectors.sealed_audit(user=request.user, unit=found)
    return render(request, "shelters/audit.html", {"unit": found, "rows": rows})


@screen(methods=("GET", "POST"))
def intake(request, unit_id):
    """A case opened at the unit: a walk-in, a call to ALO 183, the police."""
    found = selectors.access_unit_by_id(user=request.user, unit_id=unit_id)
    form = forms.IntakeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_open(actor=request.user, unit=found, **form.cleaned_data)
        except _REFUSED as exc:
            form_errors(form, exc)
        else:
            return redirect("shelters:case", case.pk)
    return _form(request, found.name, _("New intake"), form, back=("shelters:unit", found.pk))


def _case_context(request, case) -> dict:
    named = selectors.is_named(request.user, case.unit_id)
    return {
        "case": case,
        "named": named,
        "glass": None if named else selectors.glass_broken(request.user, case),
        "notes": case.notes.select_related("author"),
        "orders": case.orders.all(),
        "stays": case.stays.select_related("shelter").only(
            "id", "children", "started_on", "ended_on", "end_note", "shelter__name", "shelter__id", "case_id"
        ),
        "referrals": case.referrals_out.all(),
        "staying": case.stays.filter(ended_on__isnull=True).exists(),
        "note_form": forms.NoteForm(),
        "risk_form": forms.RiskForm(initial={"risk_level": case.risk_level}),
    }


@screen(methods=("GET",))
def case(request, case_id):
    found = selectors.access_case_by_id(user=request.user, case_id=case_id)
    return render(request, "shelters/case.html", _case_context(request, found))


def _case_post(request, case_id, form_class, act, title: str, success: str, *, extra=None):
    found = selectors.access_case_by_id(user=request.user, case_id=case_id)
    kwargs = extra(request, found) if extra else {}
    form = form_class(request.POST or None, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            act(request.user, found, form.cleaned_data)
        except _REFUSED as exc:
            form_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect("shelters:case", found.pk)
    return _form(request, found.reference, title, form, back=("shelters:case", found.pk))


@screen(methods=("POST",))
def note_add(request, case_id):
    found = selectors.access_case_by_id(user=request.user, case_id=case_id)
    form = forms.NoteForm(request.POST)
    try:
        if not form.is_valid():
            raise RefahError(form.errors.get("text", [""])[0], field="text")
        services.note_add(actor=request.user, case=found, text=form.cleaned_data["text"])
    except _REFUSED as exc:
        form_errors(form, exc)
        context = {**_case_context(request, found), "note_form": form}
        return render(request, "shelters/case.html", context, status=400)
    messages.success(request, _("The note was added."))
    return redirect("shelters:case", found.pk)


@screen(methods=("POST",))
def case_risk(request, case_id):
    found = selectors.access_case_by_id(user=request.user, case_id=case_id)
    try:
        services.case_risk_set(actor=request.user, case=found, risk_level=request.POST.get("risk_level", ""))
    except _REFUSED as exc:
        messages.error(request, "; ".join(str(m) for m in getattr(exc, "messages", [exc.message])))
    return redirect("shelters:case", found.pk)


@screen(methods=("GET", "POST"))
def order_add(request, case_id):
    def act(user, found, data):
        services.order_record(actor=user, case=found, **data)

    return _case_post(
        request, case_id, forms.OrderForm, act, _("Record a protective order"), _("The order was recorded.")
    )


def _shelters(request, found):
    return {"shelters": selectors.shelter_places(user=request.user, unit=found.unit)}


@screen(methods=("GET", "POST"))
def stay_add(request, case_id):
    def act(user, found, data):
        shelter = services.shelters_for(found).filter(pk=data["shelter"]).first()
        services.stay_start(
            actor=user, case=found, shelter=shelter, children=data["children"], started_on=data["started_on"]
        )

    return _case_post(
        request, case_id, forms.StayForm, act, _("Place in a shelter"), _("The stay was recorded."), extra=_shelters
    )


@screen(methods=("POST",))
def stay_end(request, stay_id):
    stay = selectors.access_stay_by_id(user=request.user, stay_id=stay_id)
    form = forms.StayEndForm(request.POST)
    try:
        if not form.is_valid():
            raise RefahError(_("Check the date."), field="ended_on")
        services.stay_end(actor=request.user, stay=stay, **form.cleaned_data)
    except _REFUSED as exc:
        messages.error(request, str(getattr(exc, "message", exc)))
    else:
        messages.success(request, _("The stay was ended."))
    if selectors.is_named(request.user, stay.case.unit_id):
        return redirect("shelters:case", stay.case_id)
    return redirect("shelters:unit", stay.shelter_id)


@screen(methods=("GET", "POST"))
def referral_add(request, case_id):
    def act(user, found, data):
        services.referral_record(actor=user, case=found, **data)

    return _case_post(request, case_id, forms.ReferralForm, act, _("Refer the person"), _("The referral was recorded."))


@screen(methods=("GET", "POST"))
def case_close(request, case_id):
    def act(user, found, data):
        services.case_close(actor=user, case=found, **data)

    return _case_post(request, case_id, forms.CloseForm, act, _("Close the case"), _("The case was closed."))


@screen(methods=("POST",))
def alert_read(request, alert_id):
    alert = selectors.access_alert_by_id(user=request.user, alert_id=alert_id)
    services.alert_read(actor=request.user, alert=alert)
    return redirect("shelters:home")


@screen(permission=BREAK_GLASS, methods=("GET", "POST"))
def break_glass(request):
    """Open one protection case one is not named for, with a written reason (audited, alerting at once)."""
    form = forms.BreakGlassForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            found = services.break_glass_open(actor=request.user, **form.cleaned_data)
        except NotFoundError:  # the answer of a wrong number, whether or not a case exists out of reach
            form.add_error("who", _("No protection case was found for this number in your reach."))
            status = 404
        except _REFUSED as exc:
            form_errors(form, exc)
        else:
            return redirect("shelters:case", found.pk)
    return render(request, "shelters/break_glass.html", {"form": form}, status=status)


@screen(permission=NAME_STAFF, methods=("GET",))
def naming(request):
    """The units of the administrator's jurisdiction with their named staff: names only, never an address."""
    units = [(u, list(selectors.unit_members(unit=u))) for u in selectors.units_to_name(user=request.user)]
    context = {
        "units": units,
        "member_form": forms.MemberForm(),
        "unit_form": forms.UnitForm() if request.user.has_perm(ADD_UNIT) else None,
    }
    return render(request, "shelters/naming.html", context)


@screen(permission=ADD_UNIT, methods=("POST",))
def unit_create(request):
    """A unit of the administrator's area: a district administrator's units are of the district."""
    form = forms.UnitForm(request.POST)
    try:
        if not form.is_valid():
            raise RefahError(_("Check the unit's details."), field="name")
        district = request.user.staff.office.district
        services.unit_create(actor=request.user, district=district, **form.cleaned_data)
    except _REFUSED as exc:
        messages.error(request, str(getattr(exc, "message", exc)))
    else:
        messages.success(request, _("The unit was created."))
    return redirect("shelters:naming")


def _unit_to_name(request, unit_id) -> SealedUnit:
    found = selectors.units_to_name(user=request.user).filter(pk=unit_id).first()
    if found is None:
        raise NotFoundError(errors.ERR_NOT_FOUND)
    return found


@screen(permission=NAME_STAFF, methods=("POST",))
def member_add(request, unit_id):
    found = _unit_to_name(request, unit_id)
    form = forms.MemberForm(request.POST)
    try:
        if not form.is_valid():
            raise RefahError(_("Write the user name and choose the role."), field="username")
        user = get_user_model().objects.filter(username=form.cleaned_data["username"]).first()
        services.member_add(actor=request.user, unit=found, user=user, role=form.cleaned_data["role"])
    except _REFUSED as exc:
        messages.error(request, str(getattr(exc, "message", exc)))
    else:
        messages.success(request, _("The user was named in the unit."))
    return redirect("shelters:naming")


@screen(permission=NAME_STAFF, methods=("POST",))
def member_end(request, member_id):
    member = SealedMember.objects.filter(pk=member_id, ended_at__isnull=True).select_related("unit", "user").first()
    if member is None or not selectors.units_to_name(user=request.user).filter(pk=member.unit_id).exists():
        raise NotFoundError(errors.ERR_NOT_FOUND)
    services.member_end(actor=request.user, member=member)
    messages.success(request, _("The naming was ended."))
    return redirect("shelters:naming")


def _form(request, eyebrow: str, title: str, form, *, back):
    return render(request, "shelters/form.html", {"eyebrow": eyebrow, "title": title, "form": form, "back": back})
