"""Committee administration screens: the committees of the user's jurisdiction, creating one with its quorum
and majority rules, seating a staff user or an external person, and ending a seat.

Thin like views.py: writes go through refah.committees.services; errors become messages on the page.
"""

import datetime as dt

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from refah.accounts.models import Office
from refah.committees import errors, selectors, services
from refah.committees.enums import CommitteeKind, MajorityBase, MemberRole
from refah.committees.models import CommitteeMember
from refah.committees.views import _attempt
from refah.common.errors import NotFoundError, PermissionDeniedError, RefahError, validation_error_items
from refah.common.views import screen

ERR_BAD_NUMBER = gettext_lazy("Quorum and majority must be whole numbers; the cut-off a number.")


def _require_admin(user) -> None:
    if not (user.has_perm("committees.add_committee") or user.has_perm("committees.change_committee")):
        raise PermissionDeniedError(errors.ERR_NO_PERMISSION)


def _offices(user) -> list[Office]:
    return [o for o in Office.objects.order_by("name") if selectors.office_in_jurisdiction(user, o)]


@require_GET
@screen
def committee_admin_list(request):
    _require_admin(request.user)
    today = timezone.localdate()
    committees = list(selectors.committee_list(user=request.user).prefetch_related("members"))
    for committee in committees:
        committee.sitting = [m for m in committee.members.all() if _sits(m, today)]
    context = {
        "committees": committees,
        "offices": _offices(request.user),
        "kinds": CommitteeKind.choices,
        "majority_bases": MajorityBase.choices,
        "can_add": request.user.has_perm("committees.add_committee"),
    }
    return render(request, "committees/committee_list.html", context)


def _sits(member: CommitteeMember, on: dt.date) -> bool:
    return member.since <= on and (member.until is None or member.until >= on)


def _rules(post) -> dict:
    """Quorum and majority rules from the form; ValueError on a malformed number."""
    cutoff = (post.get("need_score_cutoff") or "").strip()
    return {
        "quorum_num": int(post.get("quorum_num") or 1),
        "quorum_den": int(post.get("quorum_den") or 2),
        "quorum_strict": post.get("quorum_strict") == "on",
        "majority_base": post.get("majority_base") or MajorityBase.PRESENT_VOTING,
        "majority_num": int(post.get("majority_num") or 1),
        "majority_den": int(post.get("majority_den") or 2),
        "majority_strict": post.get("majority_strict") == "on",
        "chair_breaks_tie": post.get("chair_breaks_tie") == "on",
        "need_score_cutoff": float(cutoff) if cutoff else None,
        "legal_basis": (post.get("legal_basis") or "").strip(),
    }


@require_POST
@screen
def committee_admin_create(request):
    selectors.require_perm(request.user, "committees.add_committee")
    office = next((o for o in _offices(request.user) if str(o.pk) == request.POST.get("office")), None)
    if office is None:
        raise NotFoundError(errors.ERR_OUTSIDE_JURISDICTION)
    try:
        rules = _rules(request.POST)
    except ValueError:
        messages.error(request, ERR_BAD_NUMBER)
        return redirect("committees:committee_admin_list")
    name, kind = (request.POST.get("name") or "").strip(), request.POST.get("kind") or ""
    try:
        committee = services.committee_create(actor=request.user, office=office, name=name, kind=kind, **rules)
    except ValidationError as exc:
        for item in validation_error_items(exc):
            messages.error(request, item["reason"])
        return redirect("committees:committee_admin_list")
    except (NotFoundError, PermissionDeniedError):
        raise
    except RefahError as exc:
        messages.error(request, str(exc.message))
        return redirect("committees:committee_admin_list")
    messages.success(request, _("Committee created. Now seat its members."))
    return redirect("committees:committee_admin_detail", committee_id=committee.pk)


@require_GET
@screen
def committee_admin_detail(request, committee_id):
    _require_admin(request.user)
    committee = selectors.access_committee_by_id(user=request.user, committee_id=committee_id)
    today = timezone.localdate()
    seats = list(committee.members.select_related("user"))
    context = {
        "committee": committee,
        "sitting": [m for m in seats if _sits(m, today)],
        "past": [m for m in seats if not _sits(m, today)],
        "staff": get_user_model().objects.filter(staff__office=committee.office, is_active=True).order_by("username"),
        "roles": MemberRole.choices,
        "today": today,
        "can_change": request.user.has_perm("committees.change_committeemember"),
        "can_add": request.user.has_perm("committees.add_committeemember"),
    }
    return render(request, "committees/committee_detail.html", context)


@require_POST
@screen
def committee_member_add(request, committee_id):
    committee = selectors.access_committee_by_id(user=request.user, committee_id=committee_id)
    user = None
    if request.POST.get("user"):
        user = get_user_model().objects.filter(pk=request.POST["user"], staff__office=committee.office).first()
        if user is None:
            raise NotFoundError(errors.ERR_MEMBER_NOT_FOUND)
    since = parse_date(request.POST.get("since") or "") or timezone.localdate()
    done = _attempt(
        request,
        services.member_add,
        actor=request.user,
        committee=committee,
        full_name="" if user else (request.POST.get("full_name") or "").strip(),
        user=user,
        national_id=(request.POST.get("national_id") or "").strip(),
        title=(request.POST.get("title") or "").strip(),
        role=request.POST.get("role") or MemberRole.MEMBER,
        since=since,
    )
    if done:
        messages.success(request, _("Member seated."))
    return redirect("committees:committee_admin_detail", committee_id=committee.pk)


@require_POST
@screen
def committee_member_end(request, committee_id, member_id):
    committee = selectors.access_committee_by_id(user=request.user, committee_id=committee_id)
    member = selectors.member_get(committee=committee, member_id=member_id)
    until = parse_date(request.POST.get("until") or "") or timezone.localdate()
    if _attempt(request, services.member_end, actor=request.user, member=member, until=until):
        messages.success(request, _("Membership ended."))
    return redirect("committees:committee_admin_detail", committee_id=committee.pk)
