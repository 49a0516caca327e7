from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmploymentConfig(AppConfig):
    name = "refah.employment"
    label = "employment"
    verbose_name = _("Employment")

    def ready(self) -> None:
        from refah.employment import roles
        from refah.employment.selectors.readings import readings_register
        from refah.employment.services.objections import objection_subject_register

        roles.extend_role_permissions()
        readings_register()
        objection_subject_register()
