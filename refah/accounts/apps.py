from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "refah.accounts"
    label = "accounts"
    verbose_name = _("Offices and staff")

    def ready(self) -> None:
        from refah.accounts import checks  # noqa: F401  (registers the deploy checks)
        from refah.accounts.roles import roles_sync

        post_migrate.connect(roles_sync, dispatch_uid="refah_roles_sync")
