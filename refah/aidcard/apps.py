from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _categories_ensure(sender, **kwargs) -> None:
    """Put the merchant categories back when a flush emptied them (the data migration seeds them once)."""
    from refah.aidcard.models import MerchantCategory
    from refah.aidcard.reference import merchant_categories_seed

    if not MerchantCategory.objects.exists():
        merchant_categories_seed(MerchantCategory)


class AidcardConfig(AppConfig):
    name = "refah.aidcard"
    label = "aidcard"
    verbose_name = _("Aid card and social market")

    def ready(self) -> None:
        from refah.aidcard import roles

        roles.extend_role_permissions()
        post_migrate.connect(_categories_ensure, sender=self, dispatch_uid="refah_aidcard_categories")
