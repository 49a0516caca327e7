"""refah second_factor_reset USERNAME: remove a staff user's second factor (lost phone); audited."""

from django.core.management.base import BaseCommand, CommandError

from refah.accounts.second_factor import second_factor_reset
from refah.common.errors import RefahError


class Command(BaseCommand):
    help = "Remove a user's TOTP second factor and recovery codes; they set up a new one at their next sign-in."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        try:
            second_factor_reset(actor="refah second_factor_reset", username=username)
        except RefahError as exc:
            raise CommandError(str(exc.message)) from exc
        self.stdout.write(f"Two-step sign-in of {username} was reset; they set it up again at their next sign-in.")
