"""Production: the default of config.wsgi. PostgreSQL, DEBUG off, secrets and hosts from the environment, HTTPS
behind a TLS-terminating proxy, staff second factor required. `refah check --deploy` passes with no warning.

Environment (docs/operations.md): REFAH_SECRET_KEY and REFAH_ALLOWED_HOSTS are required; REFAH_CSRF_TRUSTED_ORIGINS,
REFAH_PROXY_SSL_HEADER, REFAH_SSL_REDIRECT, REFAH_HSTS_SECONDS, REFAH_HSTS_INCLUDE_SUBDOMAINS, REFAH_HSTS_PRELOAD and
REFAH_REQUIRE_2FA adjust the defaults.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, DEMO_SECRET_KEY, SECRET_KEY

ERR_KEY_MISSING = (
    "REFAH_SECRET_KEY is not set: production needs its own secret key (50 or more random characters, e.g. from "
    "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`), kept out of the repository."
)
ERR_NO_ALLOWED_HOSTS = "REFAH_ALLOWED_HOSTS is not set: list the host names the site answers to, separated by commas."
ERR_NOT_POSTGRESQL = "Production needs DATABASE_URL pointing at PostgreSQL."


def _flag(name: str, default: str) -> bool:
    return os.environ.get(name, default).strip().lower() in {"1", "true", "yes", "on"}


def _list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


DEBUG = False
if not SECRET_KEY or SECRET_KEY == DEMO_SECRET_KEY:
    raise ImproperlyConfigured(ERR_KEY_MISSING)
ALLOWED_HOSTS = _list("REFAH_ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(ERR_NO_ALLOWED_HOSTS)
CSRF_TRUSTED_ORIGINS = _list("REFAH_CSRF_TRUSTED_ORIGINS")
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured(ERR_NOT_POSTGRESQL)

# granian serves plain HTTP behind a proxy that terminates TLS and sets X-Forwarded-Proto (it must overwrite any
# value the client sent). REFAH_PROXY_SSL_HEADER="" when nothing sits in front.
_proxy_header = os.environ.get("REFAH_PROXY_SSL_HEADER", "X-Forwarded-Proto").strip()
SECURE_PROXY_SSL_HEADER = ("HTTP_" + _proxy_header.upper().replace("-", "_"), "https") if _proxy_header else None
# Behind that proxy the client is the last address it appends to X-Forwarded-For (refah.accounts.signin).
REFAH_PROXY_COUNT = int(os.environ.get("REFAH_PROXY_COUNT", "1" if _proxy_header else "0"))
SECURE_SSL_REDIRECT = _flag("REFAH_SSL_REDIRECT", "1")
SECURE_HSTS_SECONDS = int(os.environ.get("REFAH_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("REFAH_HSTS_INCLUDE_SUBDOMAINS", "1")
SECURE_HSTS_PRELOAD = _flag("REFAH_HSTS_PRELOAD", "1")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True

# Staff must pass a TOTP second factor before any screen (refah.accounts.middleware).
REFAH_REQUIRE_2FA = _flag("REFAH_REQUIRE_2FA", "1")
