"""System checks for the deploy check: Refah's screen-only middleware stand in for Django's CSRF and frame-options
middleware (their own checks, security.W002/W003, look them up by name and are silenced in settings)."""

from django.conf import settings
from django.core import checks
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.module_loading import import_string

W_NO_CSRF = checks.Warning(
    "No CSRF middleware (django.middleware.csrf.CsrfViewMiddleware or a subclass) is installed.",
    id="refah.W001",
)
W_NO_FRAME_OPTIONS = checks.Warning(
    "No frame-options middleware (django.middleware.clickjacking.XFrameOptionsMiddleware or a subclass) is installed.",
    id="refah.W002",
)
W_NO_SECOND_FACTOR = checks.Warning(
    "REFAH_REQUIRE_2FA is off: staff reach screens and health and disability data with a password alone.",
    id="refah.W003",
)


def _installed(base: type) -> bool:
    return any(issubclass(import_string(path), base) for path in settings.MIDDLEWARE)


@checks.register(checks.Tags.security, deploy=True)
def screen_middleware_check(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """CSRF and frame-options protection are installed, as Django's classes or subclasses of them."""
    found = []
    if not _installed(CsrfViewMiddleware):
        found.append(W_NO_CSRF)
    if not _installed(XFrameOptionsMiddleware):
        found.append(W_NO_FRAME_OPTIONS)
    return found


@checks.register(checks.Tags.security, deploy=True)
def second_factor_check(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """Production requires a second factor for staff (docs/operations.md)."""
    return [] if settings.REFAH_REQUIRE_2FA else [W_NO_SECOND_FACTOR]
