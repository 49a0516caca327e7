"""`refah notifications send`: send the messages left pending (their process stopped before sending them).

    refah notifications send [--older-than SECONDS]

Run it from a timer (every few minutes): messages are stored before they are sent, so none is lost.
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from refah.notifications import delivery


class Command(BaseCommand):
    help = "Notifications: send the pending ones."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        send = sub.add_parser("send", help="send messages pending for longer than --older-than seconds")
        send.add_argument("--older-than", type=int, default=int(delivery.STALE.total_seconds()))

    def handle(self, *args, **options):
        if options["older_than"] < 0:
            raise CommandError("--older-than is a number of seconds, 0 or more.")
        count = delivery.send_pending(older_than=dt.timedelta(seconds=options["older_than"]))
        self.stdout.write(f"Sent {count} pending notifications.")
