from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EligibilityConfig(AppConfig):
    name = "refah.eligibility"
    label = "eligibility"
    verbose_name = _("Eligibility rules")

    def ready(self) -> None:
        from refah.common.signals import household_changed, households_changed
        from refah.eligibility import roles
        from refah.eligibility.receivers import household_changed_receiver, households_changed_receiver

        roles.extend_role_permissions()
        household_changed.connect(household_changed_receiver, dispatch_uid="eligibility_household_changed")
        households_changed.connect(households_changed_receiver, dispatch_uid="eligibility_households_changed")
