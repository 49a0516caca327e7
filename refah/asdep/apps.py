from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AsdepConfig(AppConfig):
    name = "refah.asdep"
    label = "asdep"
    verbose_name = _("ASDEP household visits")

    def ready(self) -> None:
        from refah.asdep import roles
        from refah.asdep.selectors.household import household_lines_register

        roles.extend_role_permissions()
        household_lines_register()
