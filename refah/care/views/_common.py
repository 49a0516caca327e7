"""Helpers of the care screens."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect

from refah.common.errors import NotFoundError, PermissionDeniedError, RefahError
from refah.common.views import error_text
from refah.registry import selectors as registry_selectors
from refah.registry.models import Person

REFUSED = (ValidationError, RefahError)


def shown_refusal(exc) -> bool:
    """A refusal to show on the page (not "not found" or "not allowed", which the screen decorator answers)."""
    return not isinstance(exc, NotFoundError | PermissionDeniedError)


def current_members(household) -> list[Person]:
    return list(Person.objects.filter(memberships__household=household, memberships__left_on__isnull=True).distinct())


def household_from_code(request, target: str):
    """?household=<number>: that household's page of `target` (a form on the list pages)."""
    code = (request.GET.get("household") or "").strip()
    if not code:
        return None
    try:
        household = registry_selectors.access_household_by_code(user=request.user, reference_code=code)
    except NotFoundError as exc:
        messages.error(request, error_text(exc))
        return None
    return redirect(target, household_id=household.pk)
