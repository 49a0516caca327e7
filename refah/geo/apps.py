from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _reference_data_ensure(sender, using="default", **kwargs) -> None:
    """Reload provinces and districts when a flush emptied them (the data migration loads them once)."""
    from refah.geo.models import District
    from refah.geo.services import reference_data_load

    if not District.objects.using(using).exists():
        reference_data_load()


class GeoConfig(AppConfig):
    name = "refah.geo"
    label = "geo"
    verbose_name = _("Addresses")

    def ready(self) -> None:
        post_migrate.connect(_reference_data_ensure, sender=self, dispatch_uid="refah_geo_reference_data")
