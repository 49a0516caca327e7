"""Settings shared by every environment. SQLite under var/ by default; PostgreSQL via DATABASE_URL."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("REFAH_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = os.environ.get("REFAH_SECRET_KEY", "refah-demo-only-not-a-secret-change-me-in-production")
DEBUG = os.environ.get("REFAH_DEBUG", "1") == "1"
ALLOWED_HOSTS = os.environ.get("REFAH_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "refah.common",
    "refah.audit",
    "refah.geo",
    "refah.accounts",
    "refah.registry",
    "refah.synth",
    "refah.eligibility",
    "refah.notifications",
    "refah.cases",
    "refah.committees",
    "refah.payments",
    "refah.aidcard",
    "refah.portal",
]

# Sessions, CSRF, login, messages and frame options serve the screens only: the refah.common.middleware
# versions let /api/ requests (bearer tokens, no cookies) through untouched.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "refah.common.middleware.RequestIdMiddleware",
    "refah.common.middleware.SessionMiddleware",
    "refah.common.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "refah.common.middleware.CsrfViewMiddleware",
    "refah.common.middleware.AuthenticationMiddleware",
    "refah.common.middleware.MessageMiddleware",
    "refah.common.middleware.XFrameOptionsMiddleware",
    "refah.common.api_guard.ApiGuardMiddleware",  # last: its 400 page needs the user and the language
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "refah" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "refah.accounts.context_processors.staff",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'refah.sqlite3'}",
        conn_max_age=None,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "tr"
LANGUAGES = [("tr", _("Türkçe")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "refah" / "locale"]
TIME_ZONE = "Europe/Istanbul"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "refah" / "static"]
MEDIA_ROOT = VAR_DIR / "media"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "registry:household_search"
LOGOUT_REDIRECT_URL = "accounts:login"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"

FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
REFAH_IMPORT_MAX_BYTES = 20 * 1024 * 1024
# "inline" (sent by the committing request) or "thread" (a sender thread per process); unset: thread on
# PostgreSQL, inline on SQLite. See refah/notifications/delivery.py.
REFAH_NOTIFICATION_DELIVERY = os.environ.get("REFAH_NOTIFICATION_DELIVERY") or None

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
