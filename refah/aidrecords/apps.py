from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AidrecordsConfig(AppConfig):
    name = "refah.aidrecords"
    label = "aidrecords"
    verbose_name = _("Aid from every institution")
