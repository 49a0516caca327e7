from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteesConfig(AppConfig):
    name = "refah.committees"
    label = "committees"
    verbose_name = _("Committees")

    def ready(self) -> None:
        from refah.committees import roles

        roles.extend_role_permissions()
