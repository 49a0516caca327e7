from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnomaliesConfig(AppConfig):
    name = "refah.targeting.anomalies"
    label = "targeting_anomalies"
    verbose_name = _("Outreach and anomalies")
    # Its templates are the targeting app's (refah/targeting/templates/targeting/outreach|anomalies/).

    def ready(self) -> None:
        from refah.targeting.anomalies import roles

        roles.extend_role_permissions()
