"""`refah casework <subcommand>`: the social services' jobs.

refah casework services_seed --province Iğdır   # each office of the province gets its standard services
"""

from django.core.management.base import BaseCommand, CommandError

from refah.casework.services.catalogue import services_seed
from refah.geo.models import Province


class Command(BaseCommand):
    help = "Social services: services_seed gives each office of a province the standard services of the catalogue."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        seed = sub.add_parser("services_seed", help="the standard services of a province's offices (idempotent)")
        seed.add_argument("--province", required=True, help="the province's name or plate number")

    def handle(self, *args, **options):
        getattr(self, f"_{options['subcommand']}")(options)

    def _services_seed(self, options):
        name = options["province"]
        province = (
            Province.objects.filter(plate=int(name)).first()
            if name.isdigit()
            else Province.objects.filter(name__iexact=name).first()
        )
        if province is None:
            raise CommandError(f"No province {name!r}.")
        created = services_seed(actor="refah casework services_seed", province=province)
        self.stdout.write(f"{len(created)} service(s) added to the catalogue of {province.name}.")
