from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EntitlementsConfig(AppConfig):
    name = "refah.entitlements"
    label = "entitlements"
    verbose_name = _("Martyrs' relatives, veterans and travel cards")

    def ready(self) -> None:
        from refah.casework.household_services import household_services_register
        from refah.entitlements import roles
        from refah.entitlements.selectors.household import household_lines

        roles.extend_role_permissions()
        household_services_register(household_lines, order=70)
