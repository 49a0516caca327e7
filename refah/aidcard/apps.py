from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AidcardConfig(AppConfig):
    name = "refah.aidcard"
    label = "aidcard"
    verbose_name = _("Aid card and social market")

    def ready(self) -> None:
        from refah.aidcard import roles

        roles.extend_role_permissions()
