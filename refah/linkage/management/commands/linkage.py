"""`refah linkage <subcommand>`: record linkage jobs.

refah linkage duplicates --user NAME   # likely duplicate persons of NAME's jurisdiction, queued for review
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from refah.linkage.services.duplicates import registry_duplicates_queue


class Command(BaseCommand):
    help = "Record linkage jobs: duplicates queues likely duplicate registry persons for clerical review."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        duplicates = sub.add_parser("duplicates", help="find persons registered twice and queue them for review")
        duplicates.add_argument("--user", required=True, help="staff user whose jurisdiction is searched")

    def handle(self, *args, **options):
        getattr(self, f"_{options['subcommand']}")(options)

    def _duplicates(self, options):
        user = get_user_model().objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {options['user']!r}.")
        opened = registry_duplicates_queue(actor=user)
        self.stdout.write(f"{opened} review item(s) opened for likely duplicate persons.")
