"""What every registry screen shares: domain errors as responses, service refusals as form errors.

Domain errors become responses in one place (`domain_errors`): NotFoundError is the 404 page,
PermissionDeniedError the 403 page; ValidationError and other RefahErrors become form errors.
"""

import functools

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils import translation

from refah.common.errors import NotFoundError, PermissionDeniedError, RefahError
from refah.registry import errors, selectors

# Services name amounts in kuruş; the forms name them in TL.
FIELD_MAP = {"monthly_rent_kurus": "monthly_rent", "amount_kurus": "amount", "value_kurus": "value"}


def domain_errors(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotFoundError as exc:
            return render(request, "404.html", {"reason": exc.message}, status=404)
        except PermissionDeniedError as exc:
            return render(request, "403.html", {"reason": exc.message}, status=403)

    return login_required(wrapper)


def require_perm(request, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDeniedError(errors.ERR_NO_PERMISSION)


def household_for(request, household_id, perm: str):
    """The household (in the user's jurisdiction), once the user is known to hold `perm`."""
    household = selectors.household_get(user=request.user, household_id=household_id)
    require_perm(request, perm)
    return household


def apply_errors(form, exc: Exception) -> None:
    """Put a service's ValidationError or RefahError on the form field it names (or the whole form)."""
    for item in errors.error_items(exc):
        name = FIELD_MAP.get(item["field"], item["field"])
        form.add_error(name if name in form.fields else None, item["reason"])


def submit(form, service, **kwargs):
    """Call a write service; on a domain error, show it on the form and return None."""
    try:
        return service(**kwargs)
    except (PermissionDeniedError, NotFoundError):
        raise
    except (ValidationError, RefahError) as exc:
        apply_errors(form, exc)
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
