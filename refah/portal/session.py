"""The citizen's session: separate from staff sign-in, short-lived, rotated at sign-in.

Only the person's id and two timestamps are kept, under PORTAL_KEY; Django's auth is never involved,
so a citizen is never `request.user`. A session ends after IDLE without a request or MAX after sign-in.
"""

import datetime as dt
import functools

from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from refah.registry.models import Person

PORTAL_KEY = "refah_portal"
PENDING_KEY = "refah_portal_pending"
IDLE = dt.timedelta(minutes=15)
MAX = dt.timedelta(hours=1)


def _now() -> float:
    return timezone.now().timestamp()


def pending_set(request, national_id: str) -> None:
    """Remember the number a code was asked for, for the code step (not a sign-in)."""
    request.session[PENDING_KEY] = {"national_id": national_id, "at": _now()}


def pending_get(request) -> str | None:
    pending = request.session.get(PENDING_KEY)
    if not pending or _now() - pending["at"] > MAX.total_seconds():
        return None
    return pending["national_id"]


def portal_login(request, person: Person) -> None:
    """Start the citizen's session under a new session key (no fixation)."""
    request.session.pop(PENDING_KEY, None)
    request.session.cycle_key()
    now = _now()
    request.session[PORTAL_KEY] = {"person": str(person.pk), "since": now, "seen": now}


def portal_logout(request) -> None:
    """End the citizen's session; a staff sign-in in the same browser is left alone."""
    request.session.pop(PORTAL_KEY, None)
    request.session.pop(PENDING_KEY, None)
    request.session.cycle_key()


def portal_person(request) -> Person | None:
    """The signed-in citizen, or None (never signed in, idle too long, past the maximum, person gone)."""
    data = request.session.get(PORTAL_KEY)
    if not data:
        return None
    now = _now()
    if now - data["seen"] > IDLE.total_seconds() or now - data["since"] > MAX.total_seconds():
        request.session.pop(PORTAL_KEY, None)
        return None
    person = Person.objects.filter(pk=data["person"], deceased_on__isnull=True).first()
    if person is None:
        request.session.pop(PORTAL_KEY, None)
        return None
    if now - data["seen"] > 60:  # write the session at most once a minute
        request.session[PORTAL_KEY] = {**data, "seen": now}
    return person


def citizen_required(view):
    """Run the view with request.portal_person set, else send the browser to the sign-in page; never cached."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        had_session = PORTAL_KEY in request.session
        person = portal_person(request)
        if person is None:
            return redirect(f"{reverse('portal:sign_in')}?ended=1" if had_session else reverse("portal:sign_in"))
        request.portal_person = person
        return view(request, *args, **kwargs)

    return never_cache(wrapper)
