"""`refah aidrecords <subcommand>`: jobs over every institution's aid records.

refah aidrecords duplicates     # look for duplicate aid over every linked record (intake does it for new ones)
"""

import time

from django.core.management.base import BaseCommand

from refah.aidrecords.services import duplicates_scan


class Command(BaseCommand):
    help = "Aid record jobs: duplicates flags the same need covered twice in a period, over every record."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sub.add_parser("duplicates", help="flag duplicate aid over every linked record (a pair is flagged once)")

    def handle(self, *args, **options):
        getattr(self, f"_{options['subcommand']}")(options)

    def _duplicates(self, options):
        started = time.perf_counter()
        made = duplicates_scan()
        self.stdout.write(f"{made} new duplicate aid flag(s) in {time.perf_counter() - started:.1f} s.")
