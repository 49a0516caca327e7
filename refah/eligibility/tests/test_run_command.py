"""`refah eligibility run --period`: the whole registry evaluated and stored, through the command."""

import pytest
from django.core.management import CommandError, call_command

from refah.eligibility.models import Determination
from refah.synth.generate import generate
from refah.synth.load import load_batches

pytestmark = pytest.mark.django_db(transaction=True)


def test_run_stores_determinations_for_every_household_and_is_idempotent():
    load_batches(generate(provinces=[76], households=120, seed=7), seed=7)
    call_command("eligibility", "run", "--period", "2025-07")
    stored = Determination.objects.filter(period="2025-07-01")
    assert stored.values("household_id").distinct().count() == 120
    first = stored.count()
    call_command("eligibility", "run", "--period", "2025-07")
    assert stored.count() == first


def test_run_rejects_a_bad_period():
    with pytest.raises(CommandError):
        call_command("eligibility", "run", "--period", "July")


def test_run_if_empty_skips_a_month_already_stored(capsys):
    load_batches(generate(provinces=[76], households=30, seed=3), seed=3)
    call_command("eligibility", "run", "--period", "2025-07")
    Determination.objects.filter(period="2025-07-01").update(amount_kurus=1)
    call_command("eligibility", "run", "--period", "2025-07", "--if-empty")
    assert set(Determination.objects.filter(period="2025-07-01").values_list("amount_kurus", flat=True)) == {1}
