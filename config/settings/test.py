"""Test settings: fast hashing; database from DATABASE_URL or SQLite."""

from .base import *  # noqa: F403
from .base import DATABASES, SECRET_KEY

SECRET_KEY = SECRET_KEY or "refah-test-only-not-a-secret"

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DEBUG = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}  # each xdist worker has its own
# Messages are sent by the committing request, so tests see them at once (refah.notifications.delivery).
REFAH_NOTIFICATION_DELIVERY = "inline"
# Tasks use the database backend of base.py, as in production: a test runs what was enqueued through
# django-tasks-db's worker (refah/common/tests/timers.py), so run_after and "one pending per job" are exercised.
# No institution must have answered before the committee, except in the tests of that hold
# (refah/cases/tests/test_verification.py), which set the sources they need and start the simulators.
REFAH_VERIFY_SOURCES = ()
# Django's backends with a cheaper flush between transactional tests (refah/common/tests/db_backends).
DATABASES["default"]["ENGINE"] = {
    "django.db.backends.postgresql": "refah.common.tests.db_backends.postgresql",
    "django.db.backends.sqlite3": "refah.common.tests.db_backends.sqlite3",
}[DATABASES["default"]["ENGINE"]]
# PostgreSQL without JIT: the test database's tables are never analysed, so once psycopg prepares a statement (its
# fifth run) the generic plan's estimates can pass jit_above_cost, and compiling it took 0.35–0.8 s for a one-row
# lookup (the household read, the access log's insert): the sealed crawl's 341 requests took 96 s, 20 s without.
if "postgresql" in DATABASES["default"]["ENGINE"]:
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
