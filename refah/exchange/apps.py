from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "refah.exchange"
    label = "exchange"
    verbose_name = _("Institutions' data")

    def ready(self) -> None:
        from refah.exchange import roles

        roles.extend_role_permissions()
