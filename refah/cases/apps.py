from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "refah.cases"
    label = "cases"
    verbose_name = _("Applications and cases")

    def ready(self) -> None:
        from refah.cases import roles

        roles.extend_role_permissions()
