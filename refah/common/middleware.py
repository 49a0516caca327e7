"""Request id (taken from X-Request-ID or made up, kept for audit rows), language, and the screen-only middleware."""

import contextvars
import re
import uuid

from django.conf import settings
from django.contrib.auth.middleware import AuthenticationMiddleware as _AuthenticationMiddleware
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.middleware import MessageMiddleware as _MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware as _SessionMiddleware
from django.middleware.clickjacking import XFrameOptionsMiddleware as _XFrameOptionsMiddleware
from django.middleware.csrf import CsrfViewMiddleware as _CsrfViewMiddleware
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)
_VALID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def current_request_id() -> str | None:
    """The id of the request being served, or None outside a request (commands, tests)."""
    return _request_id.get()


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        rid = incoming if _VALID.match(incoming) else uuid.uuid4().hex
        token = _request_id.set(rid)
        request.request_id = rid
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response["X-Request-ID"] = rid
        return response


class LanguageMiddleware(LocaleMiddleware):
    """Turkish by default on screens, whatever the browser prefers; the TR/EN switch (cookie) wins.

    The JSON API keeps Django's usual negotiation, so partner systems choose with Accept-Language.
    """

    def process_request(self, request):
        if request.path_info.startswith("/api/") or settings.LANGUAGE_COOKIE_NAME in request.COOKIES:
            return super().process_request(request)
        language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        return None


API_PREFIX = "/api/"


def _screens_only(base: type) -> type:
    """`base` middleware that lets requests to the JSON API through untouched.

    The API authenticates every request with a bearer token and never uses sessions, cookies, CSRF tokens,
    flash messages or frames; skipping those middleware saves about 0.15 ms of CPU on each API request.
    """

    class ScreensOnly(base):
        def __call__(self, request):
            if request.path_info.startswith(API_PREFIX):
                return self.get_response(request)
            return super().__call__(request)

    if hasattr(base, "process_view"):

        def process_view(self, request, view_func, view_args, view_kwargs):
            if request.path_info.startswith(API_PREFIX):
                return None
            return base.process_view(self, request, view_func, view_args, view_kwargs)

        ScreensOnly.process_view = process_view
    ScreensOnly.__name__ = ScreensOnly.__qualname__ = f"ScreensOnly{base.__name__}"
    ScreensOnly.__doc__ = f"{base.__module__}.{base.__name__}, for screens only (not for {API_PREFIX})."
    return ScreensOnly


SessionMiddleware = _screens_only(_SessionMiddleware)
CsrfViewMiddleware = _screens_only(_CsrfViewMiddleware)


class AuthenticationMiddleware(_screens_only(_AuthenticationMiddleware)):
    """Django's, for screens; on the API request.user is anonymous until a token authenticates it."""

    def __call__(self, request):
        if request.path_info.startswith(API_PREFIX):
            request.user = AnonymousUser()
            return self.get_response(request)
        return super().__call__(request)


MessageMiddleware = _screens_only(_MessageMiddleware)
XFrameOptionsMiddleware = _screens_only(_XFrameOptionsMiddleware)
