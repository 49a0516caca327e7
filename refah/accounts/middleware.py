"""Staff sessions on screens (the API uses bearer tokens and passes through): inactivity and absolute expiry, and
the second factor REFAH_REQUIRE_2FA demands. Installed after refah.common.middleware.MessageMiddleware."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse

from refah.accounts import errors, sessions
from refah.accounts.second_factor import is_enrolled
from refah.common.middleware import API_PREFIX

SEEN_RESOLUTION = 60  # seconds: the last-seen time is rewritten at most this often, not on every request


def _signed_in(request) -> bool:
    return not request.path_info.startswith(API_PREFIX) and bool(request.session.get(SESSION_KEY))


class SessionExpiryMiddleware:
    """Ends a staff session REFAH_SESSION_IDLE_SECONDS after its last request (sliding, to the minute) and
    SESSION_COOKIE_AGE after sign-in, whatever its activity; the next screen asks to sign in again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _signed_in(request):
            self._touch(request)
        return self.get_response(request)

    @staticmethod
    def _touch(request) -> None:
        now, session = time.time(), request.session
        since, seen = session.get(sessions.SINCE_KEY), session.get(sessions.SEEN_KEY)
        if since is None or seen is None:  # a session signed in some other way (tests' force_login)
            session[sessions.SINCE_KEY] = session[sessions.SEEN_KEY] = now
        elif now - seen > settings.REFAH_SESSION_IDLE_SECONDS or now - since > settings.SESSION_COOKIE_AGE:
            logout(request)
            messages.info(request, errors.MSG_SESSION_EXPIRED)
        elif now - seen >= SEEN_RESOLUTION:
            session[sessions.SEEN_KEY] = now


class SecondFactorMiddleware:
    """Marks request.user with whether its session passed the second factor (refah.accounts.backends reads it);
    with REFAH_REQUIRE_2FA, a session that has not is sent to enrol, or to sign in again when already enrolled."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _signed_in(request):
            passed = sessions.second_factor_passed(request)
            request.user.second_factor_passed = passed
            if settings.REFAH_REQUIRE_2FA and not passed:
                response = self._demand(request)
                if response is not None:
                    return response
        return self.get_response(request)

    @staticmethod
    def _demand(request):
        """Sign-in screens, language and static files are open; an enrolled user signs in again with the code;
        one not yet enrolled may also reach the enrolment screen, and is sent there from any other."""
        path, static = request.path_info, "/" + settings.STATIC_URL.lstrip("/")
        open_paths = {reverse(name) for name in ("accounts:login", "accounts:sign_in_code", "accounts:logout")}
        if path in open_paths or path.startswith(("/i18n/", static)):
            return None
        if is_enrolled(request.user):
            logout(request)
            return redirect_to_login(request.get_full_path())
        if path == reverse("accounts:two_factor"):
            return None
        messages.warning(request, errors.MSG_ENROL_REQUIRED)
        return redirect("accounts:two_factor")
