"""The inspectors' screens: open (or reviewed, dismissed) flags with their evidence in words, and one flag's review."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _g

from refah.common.errors import RefahError
from refah.common.views import screen
from refah.targeting.anomalies import selectors, services
from refah.targeting.anomalies.models import AnomalyKind, FlagStatus
from refah.targeting.anomalies.roles import REVIEW_FLAGS, VIEW_FLAGS


@screen(permission=VIEW_FLAGS, methods=("GET",))
def flag_list(request):
    status = request.GET.get("status") or FlagStatus.OPEN
    kind = request.GET.get("kind") or ""
    try:
        page = max(1, int(request.GET.get("page") or 1))
    except ValueError:
        page = 1
    rows, total = selectors.flags(user=request.user, status=status, kind=kind, page=page)
    context = {
        "rows": rows, "total": total, "status": status, "kind": kind, "page": page,
        "has_next": page * selectors.PAGE < total, "statuses": FlagStatus.choices, "kinds": AnomalyKind.choices,
    }  # fmt: skip
    return render(request, "targeting/anomalies/list.html", context)


@screen(permission=VIEW_FLAGS, methods=("GET", "POST"))
def flag_detail(request, flag_id):
    error = None
    if request.method == "POST":
        try:
            if request.POST.get("action") == "dismiss":
                services.flag_dismiss(actor=request.user, flag_id=flag_id, reason=request.POST.get("note", ""))
            else:
                services.flag_review(actor=request.user, flag_id=flag_id, note=request.POST.get("note", ""))
            messages.success(request, _g("Saved."))
            return redirect(reverse("anomalies:list"))
        except RefahError as exc:
            if exc.status_code != 400:
                raise
            error = exc
    flag = selectors.flag_get(user=request.user, flag_id=flag_id)
    context = {"flag": flag, "error": error, "posted": request.POST, "may_review": request.user.has_perm(REVIEW_FLAGS)}
    return render(request, "targeting/anomalies/detail.html", context, status=400 if error else 200)
