"""Screens of the institutions' data: a household's page, the fragment the registry's household page loads, and the
"refresh now" action with a purpose."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from refah.common.errors import RefahError
from refah.common.views import screen
from refah.exchange import selectors, services
from refah.exchange.display import compared_value, fact_value
from refah.exchange.enums import CallPurpose, CheckStatus
from refah.exchange.sources import FACT_LABELS
from refah.registry.models import Household


def _context(request, household_id) -> dict:
    household, panels, discrepancies = selectors.household_sources_read(user=request.user, household_id=household_id)
    for panel in panels:
        for row in panel.facts:
            r = row["record"]
            row["text"] = fact_value(r.fact, r.value_kurus, r.value_text)
    rows = [
        {
            "d": d,
            "label": FACT_LABELS.get(d.fact, d.fact),
            "declared": compared_value(d.fact, d.declared_value),
            "registered": compared_value(d.fact, d.registered_value),
        }
        for d in discrepancies
    ]
    return {
        "household": household,
        "panels": panels,
        "discrepancies": rows,
        "purposes": CallPurpose.choices,
        "waiting": CheckStatus.WAITING,
        "can_refresh": request.user.has_perm("exchange.refresh_sources"),  # and resolve disagreements
    }


@screen(methods=("GET",))
def household_sources(request, household_id):
    return render(request, "exchange/household.html", _context(request, household_id))


@screen(methods=("GET",))
def household_panel(request, household_id):
    return render(request, "exchange/_panel.html", _context(request, household_id))


@screen(permission="exchange.refresh_sources", methods=("POST",))
def household_refresh(request, household_id):
    household = selectors.access_household_by_id(user=request.user, household_id=household_id)
    try:
        checks = services.household_refresh(
            actor=request.user,
            household=Household.objects.get(pk=household.pk),
            purpose=request.POST.get("purpose", ""),
        )
    except RefahError as exc:
        if exc.status_code in (403, 404):
            raise
        messages.error(request, exc.message)
        return redirect("exchange:household_sources", household_id=household.pk)
    late = [c for c in checks.values() if c.status != CheckStatus.OK]
    if late:
        messages.warning(
            request, _("%(count)s institutions did not answer; their checks are retried.") % {"count": len(late)}
        )
    else:
        messages.success(request, _("Every institution answered."))
    return redirect("exchange:household_sources", household_id=household.pk)


@screen(permission="exchange.refresh_sources", methods=("POST",))
def discrepancy_resolve(request, discrepancy_id):
    """Resolve a disagreement with the reason written in the form; back to the household's institutions' data."""
    row = selectors.access_discrepancy_by_id(user=request.user, discrepancy_id=discrepancy_id)
    try:
        services.discrepancy_resolve(actor=request.user, discrepancy_id=row.pk, note=request.POST.get("note", ""))
    except RefahError as exc:
        if exc.status_code in (403, 404):
            raise
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The disagreement is resolved."))
    return redirect(f"{reverse('exchange:household_sources', args=[row.household_id])}#discrepancies")
