from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SheltersConfig(AppConfig):
    name = "refah.shelters"
    label = "shelters"
    verbose_name = _("Women's protection services")

    def ready(self) -> None:
        from refah.casework.sealing import sealed_intake_register
        from refah.notifications.catalog import TEMPLATES
        from refah.shelters import roles
        from refah.shelters.notices import NOTICES
        from refah.shelters.services.intake import sealed_intake_handover

        roles.extend_role_permissions()
        sealed_intake_register(sealed_intake_handover)
        TEMPLATES.update(NOTICES)
