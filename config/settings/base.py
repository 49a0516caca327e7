"""Settings shared by every environment. SQLite under var/ by default; PostgreSQL via DATABASE_URL."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("REFAH_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)

# No secret and no debug pages unless an environment's settings say so: dev.py (the demo) and test.py supply
# their own keys, prod.py refuses to start without REFAH_SECRET_KEY.
SECRET_KEY = os.environ.get("REFAH_SECRET_KEY", "")
DEMO_SECRET_KEY = "refah-demo-only-not-a-secret-change-me-in-production"  # noqa: S105  (public on purpose)
DEBUG = False
ALLOWED_HOSTS = os.environ.get("REFAH_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "ninja",  # its own Swagger UI assets (static files), not the CDN template used without it
    "django_tasks_db",  # background work: Django's tasks API, stored in the database, run by `refah db_worker`
    "refah.common",
    "refah.audit",
    "refah.geo",
    "refah.accounts",
    "refah.registry",
    "refah.synth",
    "refah.linkage",  # probabilistic record linkage (Splink on DuckDB)
    "refah.exchange",  # other institutions' data: source adapters, simulators, verification
    "refah.aidrecords",  # aid of every institution under one roof, duplicate aid
    "refah.eligibility",
    "refah.notifications",
    "refah.cases",
    "refah.committees",
    "refah.employment",
    "refah.casework",  # social services: service catalogue, referrals, SHM case management, group programmes
    "refah.shelters",  # sealed: women's shelters and ŞÖNİM cases (named staff only)
    "refah.care",  # specialised services: institutions, capacities, waiting lists, placements, children, elderly
    "refah.entitlements",  # martyrs' relatives and veterans, free travel cards
    "refah.asdep",  # ASDEP household visits and the risk profile
    "refah.payments",
    "refah.aidcard",
    "refah.targeting",  # the learned need model: stored models, scoring runs, proposals beside the rules
    "refah.targeting.anomalies",  # outreach (take-up) lists, the poverty-gap what-if, anomaly flags (issue 18)
    "refah.reports",  # strategic-plan indicators, surveys, province booklets, social risk maps, open data
    "refah.portal",
    "refah.demo",  # the demo users and scenario: last, it may import every app (common/tests/test_layers.py)
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
    "refah.accounts.middleware.SessionExpiryMiddleware",
    "refah.accounts.middleware.SecondFactorMiddleware",
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
FORMAT_MODULE_PATH = ["refah.common.formats"]  # English dates day first (issue 12)
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
# Django's deploy checks look for its CSRF and frame-options middleware by name; Refah installs screen-only
# subclasses of both, and refah.accounts.checks verifies a subclass of each is installed instead.
SILENCED_SYSTEM_CHECKS = ["security.W002", "security.W003"]

# Staff sign-in (refah.accounts.signin): wrong passwords or codes are counted per account and per client address
# in the database; at the limit within the window, further attempts are refused until the oldest counted
# failure leaves the window. A successful sign-in clears the account's count.
AUTHENTICATION_BACKENDS = ["refah.accounts.backends.StaffBackend"]
REFAH_SIGNIN_WINDOW_SECONDS = 15 * 60
REFAH_SIGNIN_MAX_FAILURES = 5  # per account
REFAH_SIGNIN_MAX_FAILURES_PER_ADDRESS = 20  # per client address: a whole office may share one
# Proxies in front of the server that append to X-Forwarded-For; 0: the client is REMOTE_ADDR.
REFAH_PROXY_COUNT = int(os.environ.get("REFAH_PROXY_COUNT", "0"))
# Staff must pass a TOTP second factor before any screen, and only such sessions see health and disability
# data. On in production (prod.py), off here so the demo and tests sign in with a password.
REFAH_REQUIRE_2FA = False
# Staff sessions end after this long without a request, and in any case this long after sign-in.
REFAH_SESSION_IDLE_SECONDS = int(os.environ.get("REFAH_SESSION_IDLE_SECONDS", str(30 * 60)))
SESSION_COOKIE_AGE = int(os.environ.get("REFAH_SESSION_MAX_SECONDS", str(12 * 3600)))

# Background work and timers (refah.common.timers): Django's tasks API with django-tasks' database backend, run by
# `refah db_worker`; `refah timers start` enqueues each periodic job once, and each re-enqueues itself.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Seconds between runs of each timer; the username return_unclaimed is audited under (it needs payments.reconcile;
# without it that timer records nothing and waits for the next run).
REFAH_TIMERS_EVERY = {
    "ledger_sign": 5 * 60,
    "notifications_send": 5 * 60,
    "aidcard_expire_holds": 60 * 60,
    "payments_return_unclaimed": 24 * 60 * 60,
    "exchange_refresh": 15 * 60,
    "cases_verify_applications": 60,
    "employment_iskur_sync": 60 * 60,
    "casework_escalate_referrals": 60 * 60,
    "care_expire_offers": 60 * 60,
    "reports_publish_open_data": 24 * 60 * 60,
    "reports_offer_surveys": 15 * 60,
    "reports_refresh_indicators": 24 * 60 * 60,
    "targeting_score_registry": 7 * 24 * 60 * 60,  # weekly: the approved model scores the whole registry
    "targeting_find_anomalies": 24 * 60 * 60,
}
# Days an overdue referral stays at escalation level 1 (its owner or office and the area's supervisors told) before
# it rises to level 2 (the province's supervisors told); refah/casework/services/escalation.py.
REFAH_REFERRAL_ESCALATE_DAYS = int(os.environ.get("REFAH_REFERRAL_ESCALATE_DAYS", "5"))
# Small-cell suppression of every aggregate table shown outside the records' own screens (refah/reports/
# suppression.py): counts from 1 to this minus one are hidden, with enough other cells that none can be derived.
REFAH_SUPPRESSION_THRESHOLD = int(os.environ.get("REFAH_SUPPRESSION_THRESHOLD", "5"))
# The satisfaction and fairness survey (refah/reports/surveys): a decided round is offered the survey if it is at
# most OFFER_WITHIN days old when the timer finds it, and the link can be answered for ANSWER_DAYS days. The SMS
# link starts with REFAH_PUBLIC_URL (the address citizens reach the system at).
REFAH_SURVEY_OFFER_WITHIN_DAYS = int(os.environ.get("REFAH_SURVEY_OFFER_WITHIN_DAYS", "14"))
REFAH_SURVEY_ANSWER_DAYS = int(os.environ.get("REFAH_SURVEY_ANSWER_DAYS", "30"))
REFAH_PUBLIC_URL = os.environ.get("REFAH_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
# The strategic plan's indicators (refah/reports/kpi): the years the daily refresh recomputes (up to this one), and
# the days after a batch's execution date within which a payment recorded paid (the bank's answer) is "on time".
REFAH_KPI_YEARS = int(os.environ.get("REFAH_KPI_YEARS", "5"))
REFAH_KPI_PAYMENT_ANSWER_DAYS = int(os.environ.get("REFAH_KPI_PAYMENT_ANSWER_DAYS", "2"))
REFAH_TIMERS_PAYMENTS_USER = os.environ.get("REFAH_TIMERS_PAYMENTS_USER") or None

# Institutions' data exchange (refah.exchange, docs/exchange.md). Each source's address, credentials, time-outs,
# retries and breaker; by default the simulators (`refah simulators serve`, port 8099). Pointing a source at the real
# institution is changing its "url" and "token" here (or REFAH_SIMULATORS_URL for all of them).
REFAH_SIMULATORS_URL = os.environ.get("REFAH_SIMULATORS_URL", "http://127.0.0.1:8099")
REFAH_SOURCE_DEFAULTS = {
    "url": "",
    "token": "",
    "connect_timeout": 2.0,  # seconds
    "read_timeout": 10.0,
    "retries": 2,  # after the first attempt, on time-outs, unreachable servers and 5xx only
    "backoff": 0.2,  # seconds before the first retry, doubled each time, with ±50 % jitter
    "breaker_failures": 5,  # failed calls in a row that open the breaker
    "breaker_cooldown": 60,  # seconds the breaker stays open before one call tries again
    "bulk_size": 5000,  # persons per bulk call (the most the interfaces take)
}
REFAH_SOURCES = {
    code: {"url": f"{REFAH_SIMULATORS_URL}/{code}/v1", "token": os.environ.get("REFAH_SIMULATORS_TOKEN", "simulator")}
    for code in ("nvi", "sgk", "iskur", "tapu", "egm", "meb", "health", "gib")
}
# The simulators' behaviour: latency range (ms), share of 5xx answers and of time-outs (held `hang_seconds`), the
# seed of the truth layer, the token they accept; `down` sources answer 503. Changed at run time by
# PUT /_control/{source} (tests).
REFAH_SIMULATORS = {
    "latency_ms": (2, 20),
    "error_rate": 0.01,
    "timeout_rate": 0.002,
    "hang_seconds": 15.0,
    "seed": 42,
    "token": os.environ.get("REFAH_SIMULATORS_TOKEN", "simulator"),
    "down": (),
}
# The user the exchange's timer and bulk refresh are audited under (needs exchange.refresh_sources); without one,
# their log rows and audit events carry the label "refah exchange".
REFAH_EXCHANGE_USER = os.environ.get("REFAH_EXCHANGE_USER") or None
# The institutions that must have answered about a household before its application goes to the committee
# (refah/cases/verification.py), and how old an answer may be.
# (environment: a comma-separated list of source codes, "" for none)
REFAH_VERIFY_SOURCES = tuple(
    code for code in os.environ.get("REFAH_VERIFY_SOURCES", ",".join(REFAH_SOURCES)).split(",") if code.strip()
)
REFAH_VERIFY_MAX_AGE_DAYS = 30

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
