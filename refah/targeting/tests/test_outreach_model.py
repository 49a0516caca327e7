"""Outreach with the model: when a scoring run exists, the households on the model's list are likely eligible too
(even without a rules' determination), and the what-if uses the model's predicted consumption."""

import pytest

from refah.targeting import services
from refah.targeting.outreach import selectors, whatif
from refah.targeting.stored import TargetingScore

pytestmark = pytest.mark.django_db


def test_the_models_list_joins_the_outreach_list_and_the_what_if(approved, manager, registry, merkez):
    run = services.scoring_run_request(actor=manager, district_id=merkez.pk, coverage_percent=25, run_now=True)
    listed = set(TargetingScore.objects.filter(run=run, in_list=True).values_list("household_id", flat=True))
    assert listed  # a quarter of the twelve households
    rows, total = selectors.call_list(user=manager)
    assert {r["household"].pk for r in rows} == listed and {r["source"] for r in rows} == {"model"}
    found = whatif.whatif(user=manager, budget="1000000", line="100000", rule="poorest")
    assert found["source"] == "model"
