"""Local development and the demo: debug pages on (REFAH_DEBUG=0 turns them off), a demo secret key, password-only
sign-in for the demo users. Never for production: config.wsgi defaults to config.settings.prod."""

import os

from .base import *  # noqa: F403
from .base import DEMO_SECRET_KEY, SECRET_KEY

SECRET_KEY = SECRET_KEY or DEMO_SECRET_KEY
DEBUG = os.environ.get("REFAH_DEBUG", "1") == "1"
# The demo's finance officer is who the payments timer audits returning unclaimed PTT cash under.
REFAH_TIMERS_PAYMENTS_USER = os.environ.get("REFAH_TIMERS_PAYMENTS_USER") or "finance"
# The demo's administrator (national jurisdiction) is who the institutions' checks of open applications and the
# scheduled refreshes are audited under.
REFAH_EXCHANGE_USER = os.environ.get("REFAH_EXCHANGE_USER") or "admin"
