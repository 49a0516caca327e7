from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EntitlementsConfig(AppConfig):
    name = "refah.entitlements"
    label = "entitlements"
    verbose_name = _("Martyrs' relatives, veterans and travel cards")
