from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "refah.casework"
    label = "casework"
    verbose_name = _("Social services")

    def ready(self) -> None:
        from refah.casework import household_lines, notices, roles

        roles.extend_role_permissions()
        notices.templates_register()
        household_lines.register()
