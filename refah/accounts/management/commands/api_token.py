"""refah api_token USERNAME --name NAME [--days N]: issue an API token and print its secret once."""

from django.core.management.base import BaseCommand, CommandError

from refah.accounts.services import api_token_issue
from refah.common.errors import RefahError


class Command(BaseCommand):
    help = "Issue an API token for a staff user; the secret is printed once and cannot be shown again."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", required=True, help="What the token is for, e.g. 'e-Devlet integration'.")
        parser.add_argument("--days", type=int, default=None, help="Expire after this many days (default: never).")

    def handle(self, *args, username, name, days, **options):
        try:
            token, secret = api_token_issue(actor="cli", username=username, name=name, days=days)
        except RefahError as exc:
            raise CommandError(str(exc.message)) from exc
        expiry = f", expires {token.expires_at:%Y-%m-%d %H:%M}" if token.expires_at else ""
        self.stderr.write(
            f"Token {token.prefix}… '{token.name}' for {username}{expiry}. Store it now; it is not shown again."
        )
        self.stdout.write(secret)
