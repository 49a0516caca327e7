"""Membership changes on the household page: a member joins, leaves, or moves to another household."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from refah.common.errors import NotFoundError
from refah.common.views import require_perm, screen
from refah.registry import errors, forms, selectors, services
from refah.registry.views.helpers import household_for, household_form_page, submit


def _membership_for(request, household_id, membership_id, perm: str = "registry.change_membership"):
    """(household, a current membership of it), once the user is known to hold `perm`."""
    household = selectors.access_household_by_id(user=request.user, household_id=household_id)
    for membership in selectors.members_on(household=household):
        if str(membership.pk) == str(membership_id):
            require_perm(request, perm)
            return household, membership
    raise NotFoundError(errors.ERR_NOT_CURRENT_MEMBER)


@require_http_methods(["GET", "POST"])
@screen
def member_add(request, household_id):
    user = request.user
    household = household_for(request, household_id, "registry.add_membership")
    sensitive = selectors.can_view_sensitive(user)
    form = forms.MemberAddForm(request.POST or None, show_sensitive=sensitive)
    if request.method == "POST" and form.is_valid():
        membership = submit(
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
    return household_form_page(request, household, form, "registry/member_add.html", show_sensitive=sensitive)


@require_http_methods(["GET", "POST"])
@screen
def member_remove(request, household_id, membership_id):
    user = request.user
    household, membership = _membership_for(request, household_id, membership_id)
    form = forms.MemberRemoveForm(request.POST or None, initial={"left_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        done = submit(form, services.member_remove, actor=user, membership=membership, **form.cleaned_data)
        if done is not None:
            messages.success(request, _("%(name)s left the household.") % {"name": membership.person.full_name})
            return redirect("registry:household_detail", household.pk)
    return household_form_page(
        request,
        household,
        form,
        "registry/member_remove.html",
        membership=membership,
        reasons=forms.REMOVE_REASONS,
    )


@require_http_methods(["GET", "POST"])
@screen
def member_move(request, household_id, membership_id):
    user = request.user
    household, membership = _membership_for(request, household_id, membership_id)
    initial = {"on_date": timezone.localdate(), "role": membership.role}
    form = forms.MemberMoveForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        target = _target_household(form, user, data["to_household"])
        moved = target and submit(
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
    return household_form_page(request, household, form, "registry/member_move.html", membership=membership)


def _target_household(form, user, code: str):
    try:
        return selectors.access_household_by_code(user=user, reference_code=code)
    except NotFoundError as exc:
        form.add_error("to_household", exc.message)
        return None


@require_http_methods(["GET", "POST"])
@screen
def member_contact(request, household_id, membership_id):
    """A member's mobile phone, changed through person_update (permission, jurisdiction, audit)."""
    household, membership = _membership_for(request, household_id, membership_id, "registry.change_person")
    person = membership.person
    form = forms.ContactForm(request.POST or None, initial={"phone": person.phone})
    if request.method == "POST" and form.is_valid():
        done = submit(form, services.person_update, actor=request.user, person=person, data=form.cleaned_data)
        if done is not None:
            messages.success(request, _("Contact details of %(name)s saved.") % {"name": person.full_name})
            return redirect("registry:household_detail", household.pk)
    return household_form_page(request, household, form, "registry/member_contact.html", membership=membership)
