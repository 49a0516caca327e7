"""What every registry screen shares: the household behind a screen, service refusals as form errors.

NotFoundError and PermissionDeniedError become the 404 and 403 pages through `refah.common.views.screen`;
ValidationError and other RefahErrors become form errors here.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils import translation

from refah.common.errors import NotFoundError, PermissionDeniedError, RefahError
from refah.common.views import form_errors, require_perm
from refah.registry import selectors

# Services name amounts in kuruş; the forms name them in TL.
FIELD_MAP = {"monthly_rent_kurus": "monthly_rent", "amount_kurus": "amount", "value_kurus": "value"}


def household_for(request, household_id, perm: str):
    """The household (in the user's jurisdiction), once the user is known to hold `perm`."""
    household = selectors.access_household_by_id(user=request.user, household_id=household_id)
    require_perm(request, perm)
    return household


def submit(form, service, **kwargs):
    """Call a write service; on a domain error, show it on the form and return None."""
    try:
        return service(**kwargs)
    except (PermissionDeniedError, NotFoundError):
        raise
    except (ValidationError, RefahError) as exc:
        form_errors(form, exc, field_map=FIELD_MAP)
        return None


def household_form_page(request, household, form, template: str, **extra):
    context = {"household": household, "form": form, **extra}
    return render(request, template, context, status=400 if form.errors else 200)


def lang() -> str:
    return translation.get_language() or "tr"


def mask_id(number: str | None) -> str:
    """TC Kimlik No shown as 123******45 in lists; internal ids are not personal data."""
    if not number or len(number) != 11:
        return number or ""
    return f"{number[:3]}******{number[-2:]}"
