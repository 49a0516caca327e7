"""What the registry cannot see: each synthetic household's true welfare, kept apart from it."""

from django.db import models

from refah.registry.models import Household


class TrueWelfare(models.Model):
    """Ground truth of a synthetic household, for measuring targeting error. Never shown to staff."""

    household = models.OneToOneField(Household, on_delete=models.CASCADE, primary_key=True, related_name="+")
    consumption_per_person_kurus = models.BigIntegerField()
    true_income_kurus = models.BigIntegerField()
    informal_income_kurus = models.BigIntegerField(default=0)
    # real consumption per adult equivalent (OECD-modified), national prices: the targeting target
    consumption_ae_kurus = models.BigIntegerField(default=0)
    private_transfers_kurus = models.BigIntegerField(default=0)  # family help and remittances received
    price_index_permille = models.IntegerField(default=1000)  # local price level, 1000 = national
    seed = models.IntegerField()

    def __str__(self) -> str:
        return f"truth of {self.household_id}"
