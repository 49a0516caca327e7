"""`refah payments <subcommand>`: scheduled jobs of payments.

refah payments return_unclaimed --user finance   # PTT cash not collected by the deadline is returned
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from refah.common.errors import PermissionDeniedError
from refah.payments.services import ptt_unclaimed_return


class Command(BaseCommand):
    help = "Payments jobs: return_unclaimed returns PTT lines not collected within the deadline."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        unclaimed = sub.add_parser("return_unclaimed", help="mark PTT cash lines past the deadline as returned")
        unclaimed.add_argument(
            "--user", required=True, help="username the change is audited under (needs payments.reconcile)"
        )

    def handle(self, *args, **options):
        getattr(self, f"_{options['subcommand']}")(options)

    def _return_unclaimed(self, options):
        actor = get_user_model().objects.filter(username=options["user"], is_active=True).first()
        if actor is None:
            raise CommandError(f"No active user {options['user']!r}.")
        try:
            count = ptt_unclaimed_return(actor=actor)
        except PermissionDeniedError as exc:
            raise CommandError(str(exc.message)) from exc
        self.stdout.write(f"{count} unclaimed PTT payment line(s) returned.")
