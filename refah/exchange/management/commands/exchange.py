"""`refah exchange refresh [--district NAME] [--purpose review]`: refresh many households from every source in bulk."""

import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from refah.exchange.enums import CallPurpose
from refah.exchange.services import bulk_refresh
from refah.geo.models import District


def exchange_actor():
    """The user REFAH_EXCHANGE_USER names, or the label the call log and audit carry without one."""
    if settings.REFAH_EXCHANGE_USER:
        return get_user_model().objects.get(username=settings.REFAH_EXCHANGE_USER)
    return "refah exchange"


class Command(BaseCommand):
    help = "Refresh households from the institutions (bulk calls, bulk writes)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["refresh"])
        parser.add_argument("--district", help="only the households of this district (name)")
        parser.add_argument("--purpose", default=CallPurpose.REVIEW, choices=CallPurpose.values)

    def handle(self, *args, **options):
        district = None
        if options["district"]:
            district = District.objects.filter(name__iexact=options["district"]).first()
            if district is None:
                raise CommandError(f"unknown district: {options['district']}")
        started = time.perf_counter()
        counts = bulk_refresh(actor=exchange_actor(), district=district, purpose=options["purpose"])
        seconds = time.perf_counter() - started
        rate = counts.get("persons", 0) / seconds if seconds else 0
        self.stdout.write(f"{counts} in {seconds:.1f} s ({rate:,.0f} persons/s)")
