"""Production: PostgreSQL required, DEBUG off, secrets from the environment."""

import os

from .base import *  # noqa: F403
from .base import DATABASES

DEBUG = False
SECRET_KEY = os.environ["REFAH_SECRET_KEY"]
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise RuntimeError("Production needs DATABASE_URL pointing at PostgreSQL.")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
