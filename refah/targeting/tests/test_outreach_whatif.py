"""The poverty-gap what-if: its arithmetic to the kuruş (comments show it), the form's errors, aggregates only."""

import numpy as np
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from refah.common.errors import RefahError
from refah.targeting.outreach import whatif
from refah.targeting.tests.outreach_world import eligible, household

C = np.array([100_000, 300_000, 500_000])  # consumption per adult equivalent, kuruş a month
AE = np.array([1000, 2100, 1500])  # adult equivalents in thousandths
LINE = 400_000  # 4.000 TL per adult equivalent


def test_the_gap_is_the_shortfall_times_the_adult_equivalents():
    # (400 000 − 100 000)·1000//1000 = 300 000; (400 000 − 300 000)·2100//1000 = 210 000; above the line: 0
    assert whatif.gaps(C, AE, LINE).tolist() == [300_000, 210_000, 0]


def test_the_poorest_first_fill_their_gap_in_full_and_the_next_gets_the_rest():
    gap = whatif.gaps(C, AE, LINE)
    # budget 400 000: the poorest's 300 000 in full, the next the 100 000 left, the third (no gap) nothing
    assert whatif.share(gap, C, 400_000, whatif.POOREST).tolist() == [300_000, 100_000, 0]
    # the order is by consumption, not by position: reversed input, same aid per household
    assert whatif.share(gap[::-1], C[::-1], 400_000, whatif.POOREST).tolist() == [0, 100_000, 300_000]


def test_the_proportional_share_is_floored_to_the_kurus():
    gap = whatif.gaps(C, AE, LINE)
    # total gap 510 000; 300 000·400 000//510 000 = 235 294 (235 294.1…); 210 000·400 000//510 000 = 164 705 (…88)
    aid = whatif.share(gap, C, 400_000, whatif.PROPORTIONAL)
    assert aid.tolist() == [235_294, 164_705, 0] and 400_000 - aid.sum() == 1  # one kuruş unspent


def test_a_budget_above_the_total_gap_fills_every_gap_and_no_more():
    gap = whatif.gaps(C, AE, LINE)
    for rule in whatif.RULES:
        assert whatif.share(gap, C, 10_000_000, rule).tolist() == [300_000, 210_000, 0]


def test_a_large_budget_does_not_overflow():
    gap = np.array([9_000_000_000_000, 1_000_000_000_000])  # 90 and 10 billion TL of gap
    aid = whatif.share(gap, np.array([1, 2]), 5_000_000_000_000, whatif.PROPORTIONAL)  # product passes 2⁶³
    assert aid.tolist() == [4_500_000_000_000, 500_000_000_000]


@pytest.mark.parametrize(
    ("budget", "line", "rule", "field"),
    [("abc", "100", "poorest", "budget"), ("0", "100", "poorest", "budget"), ("1000", "-5", "poorest", "line"),
     ("1000", "", "poorest", "line"), ("1000", "100", "random", "rule")],
)  # fmt: skip
def test_bad_input_names_the_field(budget, line, rule, field):
    with pytest.raises(RefahError) as caught:
        whatif.parse(budget=budget, line=line, rule=rule)
    assert caught.value.field == field


@pytest.mark.django_db
def test_the_simulation_over_the_list_per_district(merkez, caseworker):
    # five households in Merkez, a mother earning 10 000 TL and a child of 10: adult equivalents 1 + 0.3 = 1.3,
    # consumption per adult equivalent 1 000 000·1000//1300 = 769 230 kuruş; line 10 000 TL: gap per household
    # (1 000 000 − 769 230)·1300//1000 = 300 001, five of them 1 500 005 kuruş (15.000,05 TL)
    for i in range(5):
        eligible(household(district=merkez, surname=f"G{i}", wage_kurus=1_000_000))
    with translation.override("tr"):
        found = whatif.whatif(user=caseworker, budget="14000", line="10000", rule="poorest", lang="tr")
    row = next(r for r in found["rows"] if r["name"] == merkez.name)
    # poorest first (all alike): four full gaps 1 200 004, the fifth 1 400 000 − 1 200 004 = 199 996 → five reached
    assert (row["households"], row["reached"], row["gap"], row["cost"]) == (5, 5, "15.000,05 TL", "14.000,00 TL")
    assert str(row["closed"]) == "93.3" and found["source"] == "income"  # 1 400 000 / 1 500 005 = 93.33 %
    assert found["unspent"] == "0,00 TL"
    # in proportion: 300 001·1 400 000//1 500 005 = 280 000 each (1 500 005 = 5·300 001), 1 400 000 in all
    found = whatif.whatif(user=caseworker, budget="14000", line="10000", rule="proportional", lang="tr")
    assert found["total"]["cost"] == "14.000,00 TL" and found["total"]["reached"] == 5


@pytest.mark.django_db
def test_small_counts_are_hidden_with_their_money(merkez, caseworker):
    for i in range(2):
        eligible(household(district=merkez, surname=f"K{i}", wage_kurus=1_000_000))
    found = whatif.whatif(user=caseworker, budget="100000", line="10000", rule="poorest")
    row = next(r for r in found["rows"] if r["name"] == merkez.name)
    assert row["households"] is None and row["cost"] is None and row["gap"] is None
    assert found["total"]["cost"] is None and found["unspent"] is None  # budget − unspent would give the cost


@pytest.mark.django_db
def test_the_form_answers_a_bad_budget_with_its_reason(caseworker):
    client = Client()
    client.force_login(caseworker)
    page = client.get(reverse("outreach:gap"), {"budget": "çok", "line": "100", "rule": "poorest"})
    assert page.status_code == 400 and "aria-invalid" in page.content.decode()
    assert client.get(reverse("outreach:gap")).status_code == 200
