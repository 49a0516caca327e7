from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AidrecordsConfig(AppConfig):
    name = "refah.aidrecords"
    label = "aidrecords"
    verbose_name = _("Aid from every institution")

    def ready(self) -> None:
        from refah.aidrecords import roles
        from refah.aidrecords.services.linking import linkage_register

        roles.extend_role_permissions()
        linkage_register()
