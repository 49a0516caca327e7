from django.core.management.base import BaseCommand

from refah.geo.services import reference_data_load


class Command(BaseCommand):
    help = "Load (or refresh) the 81 provinces and 973 districts of Türkiye."

    def handle(self, *args, **options):
        n = reference_data_load()
        self.stdout.write(self.style.SUCCESS(f"{n} districts loaded."))
