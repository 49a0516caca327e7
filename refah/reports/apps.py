from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "refah.reports"
    label = "reports"
    verbose_name = _("Reports, indicators and open data")

    def ready(self) -> None:
        from refah.reports import kinds, roles

        roles.extend_role_permissions()
        kinds.register_all()
