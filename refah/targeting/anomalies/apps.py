from pathlib import Path

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnomaliesConfig(AppConfig):
    name = "refah.targeting.anomalies"
    label = "targeting_anomalies"
    verbose_name = _("Outreach and anomalies")
    # The targeting package's templates (refah/targeting/templates/targeting/outreach|anomalies/) are this app's.
    path = str(Path(__file__).resolve().parents[1])

    def ready(self) -> None:
        from refah.targeting.anomalies import roles

        roles.extend_role_permissions()
