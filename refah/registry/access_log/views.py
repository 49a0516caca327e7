"""The auditor's access-log screens: who read a person's or household's data, and unusual reading.

Thin: parse a form, call the access-log selectors, render. Only users with `audit.view_accessevent` (auditors,
administrators) open them; anyone else gets the 403 page. Every look at the log is itself logged.
"""

import datetime as dt

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from refah.common.errors import NotFoundError
from refah.common.views import screen
from refah.registry.access_log import errors, forms, selectors
from refah.registry.access_log.subjects import access_subject

REASON_LABELS = {
    "burst": _("Many households in a short time"),
    "off_hours": _("Outside working hours"),
    "other_district": _("Outside the usual district"),
}
ONE_DAY = dt.timedelta(days=1)
LOOKUP_DAYS = 90
FLAG_DAYS = 7


# Auditors and administrators only (anyone else gets the 403 page); reading the log changes nothing: GET only.
_auditor_screen = screen(permission=selectors.PERMISSION, methods=("GET",))


def _period(form, days: int) -> tuple:
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return selectors.period_of(start=data.get("start"), end=data.get("end"), now=timezone.now(), days=days)


def _labelled(reader) -> dict:
    return {"reader": reader, "reasons": [REASON_LABELS[r] for r in reader.reasons]}


@_auditor_screen
def access_lookup(request):
    """Who read this person's (TC Kimlik No) or household's (household number) data in a period."""
    form = forms.LookupForm(request.GET or None)
    context = {"form": form, "tab": "lookup", "limit": selectors.lookup_limit()}
    if form.is_bound and form.is_valid():
        start, end = _period(form, LOOKUP_DAYS)
        data = form.cleaned_data
        try:
            subject = access_subject(
                user=request.user, national_id=data["national_id"], household_code=data["household_code"]
            )
        except NotFoundError as exc:
            form.add_error(exc.field, exc.message)
        else:
            events = selectors.access_log_for(user=request.user, subject=subject, start=start, end=end)
            context.update(subject=subject, events=events, start=start, last_day=end - ONE_DAY)
    return render(request, "registry/access_log/lookup.html", context, status=400 if form.errors else 200)


@_auditor_screen
def access_flags(request):
    """Readers with unusual reading in a period (the last week by default), the most flagged first."""
    form = forms.PeriodForm(request.GET or None)
    start, end = _period(form, FLAG_DAYS)
    readers = [] if form.errors else selectors.access_flags(user=request.user, start=start, end=end)
    context = {
        "form": form,
        "tab": "flags",
        "rows": [_labelled(r) for r in readers],
        "start": start,
        "last_day": end - ONE_DAY,
        "query": request.GET.urlencode(),
    }
    return render(request, "registry/access_log/flags.html", context, status=400 if form.errors else 200)


@_auditor_screen
def access_reader(request, user_id: int):
    """One reader's reads in the period, each marked when it was outside working hours or their usual district."""
    form = forms.PeriodForm(request.GET or None)
    start, end = _period(form, FLAG_DAYS)
    detail = selectors.access_reader_detail(user=request.user, actor_id=user_id, start=start, end=end)
    if detail is None:
        raise NotFoundError(errors.ERR_READER_NOTHING)
    context = {
        "form": form,
        "tab": "flags",
        "row": _labelled(detail.flags),
        "events": detail.events,
        "start": start,
        "last_day": end - ONE_DAY,
    }
    return render(request, "registry/access_log/reader.html", context)
