"""What every screen shares: who may open it, and the domain's "not found" and "not allowed" as pages.

Selectors and services raise NotFoundError (a wrong id, or one outside the user's jurisdiction: the same
answer, so ids cannot be probed) and PermissionDeniedError; a screen never catches them itself. `screen`
turns them into the 404 and 403 pages, with the error's reason. Other domain errors are the screen's own
business (a message, a form error).

    @screen
    def household_detail(request, household_id): ...

    @screen(permission="payments.view_paymentcycle", methods=("GET",))
    def cycle_list(request): ...

The citizen portal passes its own sign-in guard and its own 404 page (`sign_in=`, `pages=`).
"""

import functools
from collections.abc import Callable, Iterable

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from refah.common.errors import ERR_NO_PERMISSION, NotFoundError, PermissionDeniedError, error_items

# Staff screens: the error class, the page that answers it (its status is the error's status_code).
STAFF_PAGES = ((NotFoundError, "404.html"), (PermissionDeniedError, "403.html"))


def require_perm(request, perm: str) -> None:
    """The 403 page (through `screen`) unless the signed-in user holds `perm`."""
    if not request.user.has_perm(perm):
        raise PermissionDeniedError(ERR_NO_PERMISSION)


def error_text(exc: Exception) -> str:
    """A service's refusal (a ValidationError or a RefahError) as one sentence, for a message."""
    return " ".join(item["reason"] for item in error_items(exc))


def form_errors(form, exc: Exception, *, field_map: dict[str, str] | None = None) -> None:
    """Put a service's refusal on the form field it names (through `field_map` when the service's argument
    and the form's field are named apart), or on the whole form."""
    for item in error_items(exc):
        name = (field_map or {}).get(item["field"], item["field"])
        form.add_error(name if name in form.fields else None, item["reason"])


def screen(
    view=None,
    /,
    *,
    permission: str | None = None,
    methods: Iterable[str] | None = None,
    sign_in: Callable = login_required,
    pages: tuple = STAFF_PAGES,
):
    """Decorate a screen: signed in first (`sign_in`), then the HTTP `methods` (405), then `permission` (403),
    then the view; a domain error of a class in `pages` becomes that page with its status and reason.

    `@screen` alone is the staff screen with no permission of its own (the view's selectors decide).
    """
    if view is None:
        return functools.partial(screen, permission=permission, methods=methods, sign_in=sign_in, pages=pages)
    handled = tuple(error for error, _template in pages)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            if permission is not None:
                require_perm(request, permission)
            return view(request, *args, **kwargs)
        except handled as exc:
            template = next(template for error, template in pages if isinstance(exc, error))
            return render(request, template, {"reason": exc.message}, status=exc.status_code)

    guarded = require_http_methods(list(methods))(wrapper) if methods is not None else wrapper
    return sign_in(guarded)
