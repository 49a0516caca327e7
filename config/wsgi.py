"""WSGI entry point for granian (docs/operations.md). Production settings unless DJANGO_SETTINGS_MODULE says
otherwise: they refuse to start without REFAH_SECRET_KEY and REFAH_ALLOWED_HOSTS, and never show debug pages."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")
application = get_wsgi_application()
