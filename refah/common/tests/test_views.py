"""refah.common.views.screen: sign-in first, then the method, then the permission; the domain's "not found" and
"not allowed" as the 404 and 403 pages with their reason."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import translation

from refah.common.errors import ERR_NO_PERMISSION, NotFoundError, PermissionDeniedError
from refah.common.views import screen


def _request(user, method: str = "get"):
    request = getattr(RequestFactory(), method)("/somewhere/")
    request.user = user
    return request


def _raise(request, error):
    raise error


_raises = screen(_raise)


@screen(permission="payments.view_paymentcycle", methods=("GET",))
def _guarded(request):
    return HttpResponse("shown")


@pytest.mark.django_db
def test_domain_errors_are_the_pages_with_their_reason(caseworker):
    missing = _raises(_request(caseworker), NotFoundError("Household not found."))
    refused = _raises(_request(caseworker), PermissionDeniedError("Not yours."))
    assert (missing.status_code, refused.status_code) == (404, 403)
    assert "Household not found." in missing.content.decode()
    assert "Not yours." in refused.content.decode()


@pytest.mark.django_db
def test_sign_in_comes_first_then_the_method_then_the_permission(caseworker):
    assert _guarded(_request(AnonymousUser())).status_code == 302
    assert _guarded(_request(caseworker, "post")).status_code == 405
    refused = _guarded(_request(caseworker))
    assert refused.status_code == 403
    assert str(ERR_NO_PERMISSION) in refused.content.decode()


@pytest.mark.django_db
def test_own_sign_in_and_pages(caseworker):
    """The portal's way: its own guard and only its own 404 page; other errors are not this decorator's."""
    calls = []

    def guard(view):
        def wrapped(request, *args, **kwargs):
            calls.append(request)
            return view(request, *args, **kwargs)

        return wrapped

    own = screen(sign_in=guard, pages=((NotFoundError, "portal/404.html"),))(_raise)
    with translation.override("en"):
        answer = own(_request(AnonymousUser()), NotFoundError("x"))
    assert (answer.status_code, len(calls)) == (404, 1)
    assert "There is nothing at this address for your household." in answer.content.decode()
    with pytest.raises(PermissionDeniedError):
        own(_request(AnonymousUser()), PermissionDeniedError("x"))
