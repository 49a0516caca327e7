"""Programs paid onto the aid card: each entitlement is loaded once, whatever the number of runs."""

from refah.payments.models import Entitlement
from refah.payments.services import cycle_compute, cycle_create, cycle_load_aid_cards
from refah.payments.tests.factories import PERIOD, entitled, family


def test_newborn_food_loaded_once(maker, office_merkez):
    household, _ = family()
    entitled(household, "newborn_food", 60_000, office=office_merkez, user=maker)
    cycle = cycle_compute(actor=maker, cycle=cycle_create(actor=maker, program="newborn_food", period_start=PERIOD))
    assert Entitlement.objects.get().channel == "aid_card"
    assert cycle_load_aid_cards(actor=maker, cycle=cycle) == 1
    assert cycle_load_aid_cards(actor=maker, cycle=cycle) == 0
    assert Entitlement.objects.get().status == "paid"
