"""The outreach screens: counts per district with take-up (suppressed), the call list (access-logged) and its CSV,
and the poverty-gap what-if (a form; aggregates only)."""

from __future__ import annotations

import csv

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from refah.common.errors import RefahError
from refah.common.views import screen
from refah.targeting.anomalies.roles import VIEW_CALLLIST, VIEW_OUTREACH
from refah.targeting.outreach import selectors, whatif

SOURCE_LABELS = {"rules": _("The rules"), "model": _("The model"), "both": _("The rules and the model")}


def _page(request) -> int:
    try:
        return max(1, int(request.GET.get("page") or 1))
    except ValueError:
        return 1


@screen(permission=VIEW_OUTREACH, methods=("GET",))
def home(request):
    district = request.GET.get("district") or None
    found = selectors.counts(user=request.user, district_id=district)
    context = {
        **found, "choices": selectors.district_choices(user=request.user), "district": district,
        "may_list": request.user.has_perm(VIEW_CALLLIST), "rules": whatif.RULES,
    }  # fmt: skip
    return render(request, "targeting/outreach/home.html", context)


@screen(permission=VIEW_OUTREACH, methods=("GET",))
def gap(request):
    """The what-if's result (the form posts here by GET: a simulation changes nothing)."""
    data = request.GET
    context = {"posted": data, "rules": whatif.RULES, "choices": selectors.district_choices(user=request.user)}
    status = 200
    if "budget" in data:
        try:
            context["result"] = whatif.whatif(
                user=request.user, budget=data.get("budget", ""), line=data.get("line", ""),
                rule=data.get("rule", ""), district_id=data.get("district") or None, lang=get_language() or "tr",
            )  # fmt: skip
        except RefahError as exc:
            if exc.status_code != 400:
                raise
            context["error"], status = exc, 400
    return render(request, "targeting/outreach/gap.html", context, status=status)


@screen(permission=VIEW_CALLLIST, methods=("GET",))
def call_list(request):
    district, page = request.GET.get("district") or None, _page(request)
    rows, total = selectors.call_list(user=request.user, district_id=district, page=page)
    for row in rows:
        row["source_label"] = str(SOURCE_LABELS[row["source"]])
    context = {
        "rows": rows, "total": total, "page": page, "district": district, "has_next": page * selectors.PAGE < total,
        "has_previous": page > 1, "choices": selectors.district_choices(user=request.user),
    }  # fmt: skip
    return render(request, "targeting/outreach/call_list.html", context)


@screen(permission=VIEW_CALLLIST, methods=("GET",))
def call_list_csv(request):
    rows, _total = selectors.call_list(user=request.user, district_id=request.GET.get("district") or None, export=True)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="outreach.csv"'
    response.write("\ufeff")  # Excel reads the Turkish letters as UTF-8
    writer = csv.writer(response)
    writer.writerow([_g("Household number"), _g("District"), _g("Name"), _g("Address"), _g("Phone"), _g("Found by")])
    for r in rows:
        writer.writerow([r["reference_code"], r["district"], r["name"], r["address"], r["phone"],
                         str(SOURCE_LABELS[r["source"]])])  # fmt: skip
    return response
