"""A household's stored determinations with their reasons, and their re-evaluation."""

import datetime as dt

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from refah.common.i18n import active_language
from refah.common.views import screen
from refah.eligibility import catalogue, services
from refah.eligibility.models import Rulebook
from refah.eligibility.selectors import determination_list, inputs_sources, reasons_render
from refah.eligibility.views._common import this_month


@screen(permission="eligibility.view_determination", methods=("GET", "POST"))
def household_determinations(request, household_id: str):
    """Stored determinations of a household in the user's jurisdiction, with reasons; POST re-evaluates."""
    period = request.GET.get("period") or this_month()
    household, _unused = determination_list(user=request.user, household_id=household_id)
    if request.method == "POST":
        services.determinations_for_household(household=household, period=period)
        messages.success(request, _("Determinations re-evaluated."))
        return redirect(f"{request.path}?period={period}")
    day = f"{period}-01"
    _household, determinations = determination_list(user=request.user, household_id=household_id, period=day)
    lang = active_language()
    rulebooks = {(r.version, r.period): r for r in Rulebook.objects.filter(period=day)}
    rows = []
    for d in determinations:
        rulebook = rulebooks.get((d.rulebook_version, d.period))
        label = (rulebook.programs.get(d.program, {}).get("label", {}) if rulebook else {}).get(lang)
        label = label or catalogue.program_label(d.program, lang)
        amount = catalogue.format_amount(d.amount_kurus, d.unit, lang)
        rows.append(
            {
                "d": d,
                "label": label,
                "amount": amount,
                "reasons": reasons_render(determination=d, lang=lang, rulebook=rulebook),
            }
        )
    sources = inputs_sources(household=household, day=dt.date.fromisoformat(day), lang=lang)
    context = {"household": household, "period": period, "rows": rows, "sources": sources}
    return render(request, "eligibility/household_determinations.html", context)
