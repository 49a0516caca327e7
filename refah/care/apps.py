from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareConfig(AppConfig):
    name = "refah.care"
    label = "care"
    verbose_name = _("Specialised care services")

    def ready(self) -> None:
        from refah.care import roles
        from refah.care.selectors.household import household_lines
        from refah.care.services.offers import notice_register
        from refah.casework.household_services import household_services_register

        roles.extend_role_permissions()
        household_services_register(household_lines, order=40)
        notice_register()
