from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "refah.payments"
    label = "payments"
    verbose_name = _("Payments")

    def ready(self) -> None:
        from refah.payments import roles

        roles.extend_role_permissions()
