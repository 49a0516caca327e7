"""The targeting app: stored models, scoring runs and their proposals beside the rules.

The package also holds the pure computation (features, survey, `models.Artifact`, explain, policy, evaluate: no
Django there, so bench scripts run it). Because `refah/targeting/models.py` is that computation's `Artifact`
module, the app's Django models live in `stored.py`: `import_models()` below imports that module as the app's
models module (the one thing Django needs of a models module is that it is imported while the registry fills).
"""

from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TargetingConfig(AppConfig):
    name = "refah.targeting"
    label = "targeting"
    verbose_name = _("Targeting model")
    default_auto_field = "django.db.models.BigAutoField"

    def import_models(self) -> None:
        self.models = self.apps.all_models[self.label]
        self.models_module = import_module(f"{self.name}.stored")

    def ready(self) -> None:
        from refah.eligibility.proposals import proposer_register
        from refah.targeting import roles
        from refah.targeting.proposals import proposal_of_household

        roles.extend_role_permissions()
        proposer_register("targeting", proposal_of_household)
