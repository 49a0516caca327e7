"""Screens of referrals: the list (mine, my office's, overdue; by status and kind), a referral with its history and
actions, the "Refer" form of a household, the catalogue of services, the household page's section."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from refah.accounts.models import Office
from refah.casework import forms, selectors, services
from refah.casework.enums import (
    CARE_KINDS,
    REFERRAL_OPEN_STATUSES,
    REFERRAL_PENDING_STATUSES,
    ReferralSource,
    ReferralStatus,
)
from refah.casework.models import Service
from refah.casework.roles import ADD_REFERRAL, ADD_SERVICE, MANAGE_SERVICE, VIEW_REFERRAL, VIEW_SERVICE
from refah.common.errors import ConflictError, NotFoundError, PermissionDeniedError, RefahError
from refah.common.views import error_text, form_errors, screen
from refah.geo.models import District
from refah.registry import selectors as registry_selectors
from refah.registry.models import Membership

PAGE_SIZE = 25
_REFUSED = (RefahError,)


@screen(permission=VIEW_REFERRAL, methods=("GET",))
def referral_list(request):
    """Referrals of the user's area: mine, my office's, overdue; by status and kind; paged."""
    form = forms.ReferralFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    scope = data.get("scope") or "all"
    rows = selectors.referral_filter(user=request.user, scope=scope, status=data.get("status"), kind=data.get("kind"))
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    items = list(page.object_list)
    selectors.referrals_logged(user=request.user, referrals=items)
    query = urlencode({k: v for k, v in data.items() if v})
    overdue = selectors.referral_filter(user=request.user, scope="overdue").count()
    context = {"form": form, "page": page, "rows": items, "query": query, "scope": scope, "overdue": overdue}
    return render(request, "casework/referral_list.html", context)


def _owners(referral) -> list:
    """Workers of the providing office who may own the referral."""
    office_id = referral.service.office_id or referral.from_office_id
    User = get_user_model()
    return list(
        User.objects.filter(
            is_active=True,
            staff__office_id=office_id,
            groups__permissions__codename="change_referral",
            groups__permissions__content_type__app_label="casework",
        )
        .distinct()
        .order_by("first_name", "last_name")
    )


ACTIONS = ("accept", "start", "done", "decline", "resend", "cancel", "reassign")


@screen(permission=VIEW_REFERRAL, methods=("GET", "POST"))
def referral_detail(request, referral_id):
    """A referral: what was asked, by whom, its owner and deadline, its history, and the actions open to the user."""
    referral = selectors.referral_read(user=request.user, referral_id=referral_id)
    action = request.POST.get("action") if request.method == "POST" else None
    bound = {name: request.POST if action == name else None for name in ACTIONS}
    owners = _owners(referral)
    area_workers = (
        selectors.workers_for(user=request.user) if request.user.has_perm("casework.reassign_referral") else []
    )
    reassign_pool = [u for u in area_workers if u.has_perm("casework.change_referral")]
    context_forms = {
        "accept_form": forms.OwnerForm(bound["accept"], workers=owners),
        "done_form": forms.OutcomeForm(bound["done"]),
        "decline_form": forms.ReasonForm(bound["decline"], prefix="decline"),
        "resend_form": forms.ResendForm(bound["resend"]),
        "cancel_form": forms.ReasonForm(bound["cancel"], prefix="cancel"),
        "reassign_form": forms.OwnerForm(bound["reassign"], workers=reassign_pool or owners, prefix="reassign"),
    }
    if action in ACTIONS and _referral_post(request, referral, action, context_forms):
        return redirect("casework:referral_detail", referral_id=referral.pk)
    failed = any(f.errors for f in context_forms.values())
    context = {
        "r": referral,
        "steps": list(selectors.referral_steps(referral=referral)),
        "pending": referral.status in REFERRAL_PENDING_STATUSES,
        "cases": list(referral.social_cases.all()),
        "can_open_case": referral.status in (ReferralStatus.OPEN, ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS)
        and request.user.has_perm("casework.add_socialcase")
        and not referral.social_cases.exists(),
        # a care service's referral is answered by the specialised services' waiting list (refah.care, above)
        "can_wait": referral.status in REFERRAL_OPEN_STATUSES
        and referral.service.kind in CARE_KINDS
        and request.user.has_perm("care.add_waitingentry"),
        **context_forms,
    }
    return render(request, "casework/referral_detail.html", context, status=400 if failed else 200)


def _referral_post(request, referral, action: str, bound: dict) -> bool:
    """Run the action of the form posted; True when done (redirect), False to show the form's errors."""
    actor = request.user
    try:
        if action == "accept" and bound["accept_form"].is_valid():
            owner = bound["accept_form"].cleaned_data["owner"]
            owner = get_user_model().objects.filter(pk=owner).first() if owner else None
            services.referral_accept(actor=actor, referral=referral, owner=owner)
            messages.success(request, _("The referral is accepted."))
            return True
        if action == "start":
            services.referral_start(actor=actor, referral=referral)
            messages.success(request, _("Work on the referral has started."))
            return True
        if action == "done" and bound["done_form"].is_valid():
            services.referral_done(actor=actor, referral=referral, outcome=bound["done_form"].cleaned_data["outcome"])
            messages.success(request, _("The referral is done."))
            return True
        if action == "decline" and bound["decline_form"].is_valid():
            reason = bound["decline_form"].cleaned_data["reason"]
            services.referral_decline(actor=actor, referral=referral, reason=reason)
            messages.success(request, _("The referral is declined and back with the referrer."))
            return True
        if action == "resend" and bound["resend_form"].is_valid():
            services.referral_resend(actor=actor, referral=referral, kind=bound["resend_form"].cleaned_data["kind"])
            messages.success(request, _("The referral is sent again."))
            return True
        if action == "cancel" and bound["cancel_form"].is_valid():
            services.referral_cancel(actor=actor, referral=referral, reason=bound["cancel_form"].cleaned_data["reason"])
            messages.success(request, _("The referral is cancelled."))
            return True
        if action == "reassign" and bound["reassign_form"].is_valid():
            owner = bound["reassign_form"].cleaned_data["owner"]
            services.referral_reassign(actor=actor, referral=referral, owner=owner or None)
            messages.success(request, _("The referral has a new owner."))
            return True
    except (ConflictError, PermissionDeniedError) as exc:
        messages.error(request, error_text(exc))
        return True
    except NotFoundError:
        raise
    except _REFUSED as exc:
        form = bound.get(f"{action}_form")
        if form is None:
            messages.error(request, error_text(exc))
            return True
        form_errors(form, exc)
    return False


@screen(permission=ADD_REFERRAL, methods=("GET", "POST"))
def refer(request, household_id):
    """Refer the household (or a member) to a service: by kind (the nearest) or a service of the catalogue."""
    household = registry_selectors.access_household_by_id(user=request.user, household_id=household_id)
    members = list(Membership.objects.current().filter(household=household).select_related("person"))
    catalogue = list(selectors.service_list(user=request.user)) if request.user.has_perm(VIEW_SERVICE) else []
    form = forms.ReferForm(request.POST or None, members=members, services=catalogue)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = next((m.person for m in members if str(m.person_id) == data["person"]), None)
        try:
            referral = services.referral_create(
                actor=request.user,
                household=household,
                person=person,
                service=data["service"] or None,
                kind=None if data["service"] else (data["kind"] or ""),
                reason=data["reason"],
                source=ReferralSource.COUNTER,
                deadline=data["deadline"],
            )
        except NotFoundError:
            raise
        except _REFUSED as exc:
            form_errors(form, exc, field_map={"source": "kind"})
        else:
            if referral is None:
                messages.success(request, _("Handed to the protection services; they contact the person."))
                return redirect("registry:household_detail", household_id=household.pk)
            messages.success(request, _("Referred to %(service)s.") % {"service": referral.service.name})
            return redirect("casework:referral_detail", referral_id=referral.pk)
    context = {"household": household, "form": form}
    return render(request, "casework/refer.html", context, status=400 if form.errors else 200)


@screen(permission=VIEW_REFERRAL, methods=("GET",))
def household_panel(request, household_id):
    """The household page's "Social services" section (htmx asks for it alone): every service app's lines."""
    household, lines = selectors.household_services_read(user=request.user, household_id=household_id)
    template = "casework/_household.html" if request.headers.get("HX-Request") else "casework/household.html"
    return render(request, template, {"household": household, "lines": lines})


@screen(permission=VIEW_SERVICE, methods=("GET",))
def service_list(request):
    """The catalogue of services (unsealed kinds), active and stopped."""
    rows = list(selectors.service_list(user=request.user, include_inactive=True).order_by("kind", "name"))
    return render(request, "casework/service_list.html", {"rows": rows})


def _service_form(request, instance: Service | None):
    offices = Office.objects.exclude(kind="ministry").order_by("name")
    districts = District.objects.filter(province__in=offices.values("province")).order_by("name")
    initial = {"days_to_answer": 10, "active": True}
    if instance is not None:
        initial = {
            **{f: getattr(instance, f) for f in ("kind", "name", "provider_kind", "provider_name", "phone")},
            "office": str(instance.office_id or ""),
            "district": str(instance.district_id or ""),
            "days_to_answer": instance.days_to_answer,
            "active": instance.active,
        }
    return forms.ServiceForm(request.POST or None, initial=initial, offices=offices, districts=districts)


def _service_fields(data: dict) -> dict:
    office = Office.objects.filter(pk=data["office"]).first() if data["office"] else None
    district = District.objects.filter(pk=data["district"]).first() if data["district"] else None
    province = district.province if district else (office.province if office else None)
    return {
        "kind": data["kind"],
        "name": data["name"],
        "provider_kind": data["provider_kind"],
        "office": office,
        "provider_name": data["provider_name"],
        "district": district,
        "province": province,
        "phone": data["phone"],
        "days_to_answer": data["days_to_answer"],
        "active": data["active"],
    }


@screen(permission=ADD_SERVICE, methods=("GET", "POST"))
def service_add(request):
    form = _service_form(request, None)
    if request.method == "POST" and form.is_valid():
        try:
            services.service_create(actor=request.user, **_service_fields(form.cleaned_data))
        except _REFUSED as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("The service is added to the catalogue."))
            return redirect("casework:service_list")
    return render(request, "casework/service_form.html", {"form": form}, status=400 if form.errors else 200)


@screen(permission=MANAGE_SERVICE, methods=("GET", "POST"))
def service_edit(request, service_id):
    service = selectors.access_service_by_id(user=request.user, service_id=service_id)
    form = _service_form(request, service)
    if request.method == "POST" and form.is_valid():
        try:
            services.service_update(actor=request.user, service=service, **_service_fields(form.cleaned_data))
        except _REFUSED as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("The service is changed."))
            return redirect("casework:service_list")
    context = {"form": form, "service": service}
    return render(request, "casework/service_form.html", context, status=400 if form.errors else 200)
