from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AsdepConfig(AppConfig):
    name = "refah.asdep"
    label = "asdep"
    verbose_name = _("ASDEP household visits")
