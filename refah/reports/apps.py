from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _indicators_ensure(sender, **kwargs) -> None:
    """Put the strategic plan's indicators back when a flush emptied them (the data migration seeds them once;
    catalogue_seed adds only missing codes, so an edited indicator is left as it is)."""
    from refah.reports.kpi.catalogue import CATALOGUE, catalogue_seed
    from refah.reports.kpi.models import Indicator

    if Indicator.objects.count() < len(CATALOGUE):
        catalogue_seed(Indicator)


class ReportsConfig(AppConfig):
    name = "refah.reports"
    label = "reports"
    verbose_name = _("Reports, indicators and open data")

    def ready(self) -> None:
        from refah.reports import kinds, roles

        roles.extend_role_permissions()
        kinds.register_all()
        post_migrate.connect(_indicators_ensure, sender=self, dispatch_uid="refah_reports_indicators")
