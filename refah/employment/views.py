"""Screens of employment: the office's list (referrals, refusals to judge, sanctions in force, the follow-up), a
person's employment history with its forms (refer, ask İŞKUR, record an offer, answer, judge a refusal, record
and end work, close), a sanction with its reasons and its objection, the household page's section.

Thin: parse a form, call one service or selector, render; the `screen` decorator turns "not found" and "not
allowed" into their pages.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from refah.cases.enums import ObjectionStatus
from refah.cases.services import subject_objection_decide
from refah.common.errors import ConflictError, NotFoundError, PermissionDeniedError, RefahError
from refah.common.i18n import active_language
from refah.common.money import format_tl
from refah.common.views import error_text, form_errors, screen
from refah.employment import forms, selectors, services
from refah.employment.enums import Answer, Validity
from refah.employment.reasons import presumption
from refah.employment.selectors.followup import FOLLOWUP, followup_for_user
from refah.registry import selectors as registry_selectors

VIEW = selectors.VIEW
_REFUSED = (ValidationError, RefahError)


def _wage(kurus: int | None) -> str:
    return format_tl(kurus, active_language()) if kurus else "—"


@screen(permission=VIEW, methods=("GET",))
def home(request):
    """Open referrals, refusals awaiting a decision, sanctions of the last year and the follow-up figures."""
    referrals = list(selectors.referral_list(user=request.user)[:100])
    refusals = list(selectors.refusals_to_decide(user=request.user)[:100])
    sanctions = list(selectors.sanction_list(user=request.user)[:100])
    selectors.records_logged(
        user=request.user,
        persons=[r.person_id for r in (*referrals, *refusals, *sanctions)],
        households=[r.household_id for r in (*referrals, *refusals, *sanctions)],
        channel="screen",
    )
    today = timezone.localdate()
    followup = None
    if request.user.has_perm(FOLLOWUP):
        followup = followup_for_user(user=request.user, start=today - dt.timedelta(days=365), end=today)
    context = {"referrals": referrals, "refusals": refusals, "sanctions": sanctions, "followup": followup}
    return render(request, "employment/home.html", context)


@screen(permission=VIEW, methods=("GET",))
def person(request, person_id):
    """A person's employment history: referrals, offers and answers, work, sanctions; the actions."""
    history = selectors.person_employment(user=request.user, person_id=person_id)
    offers = [{"offer": o, "wage": _wage(o.monthly_wage_kurus)} for o in history.offers]
    context = {"h": history, "offers": offers, "close_form": forms.CloseForm()}
    return render(request, "employment/person.html", context)


@screen(permission="employment.add_referral", methods=("POST",))
def refer(request, person_id):
    """Refer the person to İŞKUR (from the household page or the person's page)."""
    found = registry_selectors.access_person_by_id(user=request.user, person_id=person_id)
    try:
        referral = services.referral_create(actor=request.user, person=found)
    except _REFUSED as exc:
        if isinstance(exc, NotFoundError):
            raise
        messages.error(request, error_text(exc))
    else:
        if referral.iskur_error:
            messages.warning(
                request, _("Referred; İŞKUR could not be asked yet: %(reason)s") % {"reason": referral.iskur_error}
            )
        else:
            messages.success(request, _("Referred to İŞKUR and registered as a job seeker."))
    return redirect("employment:person", person_id=found.pk)


@screen(permission="employment.add_referral", methods=("POST",))
def referral_sync(request, referral_id):
    referral = selectors.access_referral_by_id(user=request.user, referral_id=referral_id)
    try:
        counts = services.iskur_sync(actor=request.user, referral=referral)
    except _REFUSED as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(
            request,
            _("İŞKUR answered: %(offers)s new offers, %(placements)s new placements.")
            % {"offers": counts["offers"], "placements": counts["placements"]},
        )
    return redirect("employment:person", person_id=referral.person_id)


@screen(permission="employment.add_referral", methods=("POST",))
def referral_close(request, referral_id):
    referral = selectors.access_referral_by_id(user=request.user, referral_id=referral_id)
    form = forms.CloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write why the referral is closed."))
    else:
        try:
            services.referral_close(actor=request.user, referral=referral, reason=form.cleaned_data["reason"])
        except (*_REFUSED, ConflictError) as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("The referral is closed."))
    return redirect("employment:person", person_id=referral.person_id)


@screen(permission="employment.add_offer", methods=("GET", "POST"))
def offer_add(request, referral_id):
    """Record a job or course offered to a referred person."""
    referral = selectors.access_referral_by_id(user=request.user, referral_id=referral_id)
    today = timezone.localdate()
    initial = {"kind": "job", "offered_on": today, "answer_by": today + dt.timedelta(days=10)}
    form = forms.OfferForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.offer_record(
                actor=request.user,
                referral=referral,
                kind=data["kind"],
                title=data["title"],
                employer=data["employer"],
                workplace=data["workplace"],
                distance_km=data["distance_km"],
                monthly_wage_kurus=data["monthly_wage"],
                offered_on=data["offered_on"],
                answer_by=data["answer_by"],
            )
        except _REFUSED as exc:
            form_errors(form, exc, field_map={"monthly_wage_kurus": "monthly_wage"})
        else:
            messages.success(request, _("The offer is recorded; the citizen is told to answer."))
            return redirect("employment:person", person_id=referral.person_id)
    context = {"referral": referral, "form": form}
    return render(request, "employment/offer_add.html", context, status=400 if form.errors else 200)


def _offer_context(offer, answer_form, validity_form) -> dict:
    expected = None
    if offer.answer == Answer.REFUSED and offer.validity == Validity.PENDING:
        expected = presumption(
            reason=offer.refusal_reason,
            distance_km=offer.distance_km,
            wage_kurus=offer.monthly_wage_kurus,
            on=offer.offered_on,
        )
    return {
        "offer": offer,
        "wage": _wage(offer.monthly_wage_kurus),
        "answer_form": answer_form,
        "validity_form": validity_form,
        "expected": expected,
        "late": offer.answer == Answer.PENDING and timezone.localdate() > offer.answer_by,
    }


@screen(permission=VIEW, methods=("GET", "POST"))
def offer(request, offer_id):
    """The offer/answer form and, for a refusal, the caseworker's decision on its reason."""
    found = selectors.access_offer_by_id(user=request.user, offer_id=offer_id)
    answer_form = forms.AnswerForm(request.POST if request.POST.get("action") == "answer" else None)
    validity_form = forms.ValidityForm(request.POST if request.POST.get("action") == "validity" else None)
    if request.method == "POST":
        done = _offer_post(request, found, answer_form, validity_form)
        if done:
            return redirect("employment:offer", offer_id=found.pk)
    errors = answer_form.errors or validity_form.errors
    context = _offer_context(
        selectors.access_offer_by_id(user=request.user, offer_id=offer_id), answer_form, validity_form
    )
    return render(request, "employment/offer.html", context, status=400 if errors else 200)


def _offer_post(request, found, answer_form, validity_form) -> bool:
    action = request.POST.get("action")
    try:
        if action == "answer" and answer_form.is_valid():
            data = answer_form.cleaned_data
            services.answer_record(
                actor=request.user, offer=found, answer=data["answer"], reason=data["reason"], note=data["note"]
            )
            messages.success(request, _("The answer is recorded."))
            return True
        if action == "validity" and validity_form.is_valid():
            data = validity_form.cleaned_data
            judged = services.refusal_decide(
                actor=request.user, offer=found, valid=data["valid"], justification=data["justification"]
            )
            if judged.sanction_id:
                messages.warning(request, _("The third refusal without a valid reason: a sanction starts next month."))
            else:
                messages.success(request, _("The decision is recorded."))
            return True
    except ConflictError as exc:
        messages.error(request, error_text(exc))
        return True
    except PermissionDeniedError:
        raise
    except _REFUSED as exc:
        form_errors(answer_form if action == "answer" else validity_form, exc)
    return False


@screen(permission="employment.add_placement", methods=("GET", "POST"))
def placement_add(request, referral_id):
    """Record that a referred person started work."""
    referral = selectors.access_referral_by_id(user=request.user, referral_id=referral_id)
    accepted = referral.offers.filter(answer=Answer.ACCEPTED, kind="job", placement__isnull=True)
    form = forms.PlacementForm(request.POST or None, offers=accepted, initial={"started_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.placement_record(
                actor=request.user,
                referral=referral,
                employer=data["employer"],
                started_on=data["started_on"],
                monthly_wage_kurus=data["monthly_wage"],
                premium_support=data["premium_support"],
                offer=data["offer"],
            )
        except _REFUSED as exc:
            form_errors(form, exc, field_map={"monthly_wage_kurus": "monthly_wage"})
        else:
            messages.success(request, _("The start of work is recorded."))
            return redirect("employment:person", person_id=referral.person_id)
    context = {"referral": referral, "form": form}
    return render(request, "employment/placement_add.html", context, status=400 if form.errors else 200)


@screen(permission="employment.add_placement", methods=("GET", "POST"))
def placement_end(request, placement_id):
    placement = selectors.access_placement_by_id(user=request.user, placement_id=placement_id)
    form = forms.PlacementEndForm(request.POST or None, initial={"ended_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.placement_end(actor=request.user, placement=placement, **form.cleaned_data)
        except (*_REFUSED, ConflictError) as exc:
            form_errors(form, exc, field_map={"started_on": "ended_on"})
        else:
            messages.success(request, _("The end of work is recorded."))
            return redirect("employment:person", person_id=placement.person_id)
    context = {"placement": placement, "form": form}
    return render(request, "employment/placement_end.html", context, status=400 if form.errors else 200)


@screen(permission=VIEW, methods=("GET", "POST"))
def sanction(request, sanction_id):
    """A sanction: why (the refusals and their judgements), its months, this month's reasons, its objections —
    with the forms to file an objection and to decide one."""
    view = selectors.sanction_read(user=request.user, sanction_id=sanction_id)
    object_form = forms.ObjectionForm(request.POST if request.POST.get("action") == "object" else None)
    decide_form = forms.ObjectionDecideForm(request.POST if request.POST.get("action") == "decide" else None)
    if request.method == "POST" and _sanction_post(request, view, object_form, decide_form):
        return redirect("employment:sanction", sanction_id=view.sanction.pk)
    open_objection = next((o for o in view.objections if o.status == ObjectionStatus.FILED), None)
    context = {
        "v": view,
        "object_form": object_form,
        "decide_form": decide_form,
        "open_objection": open_objection,
        "can_decide": request.user.has_perm("cases.handle_objection"),
        "can_object": request.user.has_perm("cases.change_application"),
    }
    return render(
        request, "employment/sanction.html", context, status=400 if object_form.errors or decide_form.errors else 200
    )


def _sanction_post(request, view, object_form, decide_form) -> bool:
    action = request.POST.get("action")
    try:
        if action == "object" and object_form.is_valid():
            services.sanction_object(
                actor=request.user, sanction=view.sanction, reason=object_form.cleaned_data["reason"]
            )
            messages.success(request, _("The objection is filed; a colleague decides it."))
            return True
        if action == "decide" and decide_form.is_valid():
            objection = next((o for o in view.objections if o.status == ObjectionStatus.FILED), None)
            if objection is None:
                messages.error(request, _("There is no objection waiting for a decision."))
                return True
            subject_objection_decide(actor=request.user, objection=objection, **decide_form.cleaned_data)
            messages.success(request, _("The objection is decided."))
            return True
    except (ConflictError, PermissionDeniedError) as exc:
        messages.error(request, error_text(exc))
        return True
    except _REFUSED as exc:
        form_errors(object_form if action == "object" else decide_form, exc)
    return False


@screen(permission=VIEW, methods=("GET",))
def household_panel(request, household_id):
    """The household page's employment section (htmx asks for it alone): members, referrals, work, sanctions."""
    found = selectors.household_employment(user=request.user, household_id=household_id)
    template = "employment/_household.html" if request.headers.get("HX-Request") else "employment/household.html"
    return render(request, template, {"e": found})
