from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SheltersConfig(AppConfig):
    name = "refah.shelters"
    label = "shelters"
    verbose_name = _("Women's protection services")
