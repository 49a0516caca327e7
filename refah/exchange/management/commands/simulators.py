"""`refah simulators serve [--host 127.0.0.1] [--port 8099]`: the institutions' simulators, a separate process."""

import logging
import os

from django.conf import settings
from django.core.management.base import BaseCommand

from refah.exchange.simulators import simulators_server


class Command(BaseCommand):
    help = "Serve the simulators of NVİ, SGK, İŞKUR, TKGM, EGM, MEB, the Ministry of Health and GİB."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["serve"])
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8099)

    def handle(self, *args, **options):
        if os.environ.get("REFAH_SIMULATORS_QUIET"):
            logging.getLogger("werkzeug").setLevel(logging.WARNING)
        server = simulators_server(host=options["host"], port=options["port"], config=settings.REFAH_SIMULATORS)
        self.stdout.write(f"Simulators on http://{options['host']}:{options['port']}/ (Ctrl-C stops)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
