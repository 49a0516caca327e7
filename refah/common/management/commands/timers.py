"""`refah timers start`: enqueue each periodic job (refah.common.timers) once; `refah db_worker` runs them.

Idempotent: a timer already waiting to run is left alone, so starting twice never runs two chains of a job.
"""

from django.core.management.base import BaseCommand

from refah.common.timers import timers_start


class Command(BaseCommand):
    help = "Timers: start enqueues each periodic job unless it is already pending."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sub.add_parser("start", help="enqueue each periodic job to run now unless one is pending")

    def handle(self, *args, **options):
        for name, enqueued in timers_start().items():
            self.stdout.write(f"{name}: {'started' if enqueued else 'already pending'}")
