"""`refah aidcard <subcommand>`: scheduled jobs of the aid card.

refah aidcard expire_holds     # release authorisations past their expiry (the worker runs it hourly: aidcard/tasks.py)
"""

from django.core.management.base import BaseCommand

from refah.aidcard.services import holds_expire


class Command(BaseCommand):
    help = "Aid card jobs: expire_holds releases open authorisations past their expiry."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sub.add_parser("expire_holds", help="release every open hold past its expiry back to the purse")

    def handle(self, *args, **options):
        getattr(self, f"_{options['subcommand']}")(options)

    def _expire_holds(self, options):
        count = holds_expire()
        self.stdout.write(f"{count} expired authorisation(s) released.")
