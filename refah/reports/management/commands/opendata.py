"""`refah opendata publish`: count, suppress and publish every open dataset now (the nightly timer does the same)."""

from django.core.management.base import BaseCommand, CommandError

from refah.reports.opendata.publish import open_data_publish


class Command(BaseCommand):
    help = "Publish the open data now: every dataset counted, suppressed and stored as the latest release."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("publish", help="Publish every dataset now.")

    def handle(self, *args, **options):
        if options["action"] != "publish":
            raise CommandError(f"Unknown action {options['action']!r}.")
        release = open_data_publish()
        for code, summary in release.summary.items():
            self.stdout.write(f"{code}: {summary['rows']} rows, {summary['hidden_cells']} hidden cells")
