"""The published need score: the arithmetic of docs/rules.md, reproducible by hand."""

import pytest

from refah.eligibility.engine import evaluate
from refah.eligibility.need_score import COMPONENTS, load_versions
from refah.eligibility.tests.helpers import synthetic_batch

MEMBER = {
    "sex": "F",
    "employment_status": "homemaker",
    "monthly_income": "0",
    "social_security": "none",
    "disability_percent": 0,
    "dependency": "none",
    "chronic_illness": False,
    "school_level": "none",
}
HOUSE = {
    "il": 76,
    "ilce": "TUR076002",
    "rural": False,
    "dwelling_type": "gecekondu",
    "heating": "stove_wood",
    "rooms": 2,
    "assets": [],
}


def score(members, **house):
    result = evaluate({**HOUSE, **house, "members": [{**MEMBER, **m} for m in members]}, "2025-07", ["need_score"])
    return result.need_score


def test_single_elderly_woman_by_hand():
    # income 0 → 1 × 35; size 1 → 0; dependency: one 65+, no working-age member → 1 × 10;
    # elderly alone → 1 × 5; gecekondu 0.8 (crowding 0.5 person/room → 0) → 0.8 × 8 = 6.4;
    # wood stove 0.8 × 5 = 4; no assets → 1 × 7; Iğdır tier 5 → 0.8, urban → 0.8 × 5 = 4; total 71.4
    need = score([{"role": "reference", "birth_date": "1950-03-01"}])
    assert need.score[0] == pytest.approx(71.4)
    assert need.components["elderly_alone"][0] == 1.0


def test_family_by_hand():
    # 4 members, income 11,052.34 → per capita 2,763.085; zero-need line 2/3 × 22,104.67 = 14,736.45
    #   income need 1 − 2,763.085 / 14,736.4467 = 0.81250 → × 35 = 28.4375
    # size (4 − 1) / 6 = 0.5 → × 5 = 2.5; dependency: 2 children < 15 / 2 working = 1 → 1/2 → × 10 = 5
    # disability 0; elderly 0; children share 2/4 = 0.5 / 0.6 = 0.8333, both in school → × 10 = 8.3333
    # housing: apartment 0, crowding 4 / 3 rooms = 1.333 → (1.333 − 1) / 2 = 0.1667 → × 8 = 1.3333
    # heating natural gas 0.1 × 5 = 0.5; assets: car 300,000 × 2 / 4 = 150,000 / (24 × 22,104.67) = 0.28275
    #   → (1 − 0.28275) × 7 = 5.0207; region tier 5 → 0.8 + rural 0.3 → 1 × 5 = 5
    # total 28.4375 + 2.5 + 5 + 8.3333 + 1.3333 + 0.5 + 5.0207 + 5 = 56.12 → 56.1
    need = score(
        [
            {"role": "reference", "birth_date": "1985-03-01", "sex": "M", "monthly_income": "11052.34"},
            {"role": "spouse", "birth_date": "1987-03-01"},
            {"role": "child", "birth_date": "2015-03-01", "school_level": "primary"},
            {"role": "child", "birth_date": "2018-03-01", "school_level": "primary"},
        ],
        dwelling_type="apartment",
        heating="natural_gas",
        rooms=3,
        rural=True,
        assets=[{"kind": "vehicle", "value": "300000"}],
    )
    assert need.score[0] == pytest.approx(56.1)


def test_more_income_never_raises_the_score():
    members = [{"role": "reference", "birth_date": "1980-03-01"}, {"role": "child", "birth_date": "2015-03-01"}]
    previous = 101.0
    for income in ("0", "2000", "8000", "15000", "30000"):
        members[0]["monthly_income"] = income
        current = score(members).score[0]
        assert current <= previous
        previous = current


def test_weights_are_published_with_rationale_and_sum_to_100():
    for _, version in load_versions():
        components = version["components"]
        assert set(components) == set(COMPONENTS)
        assert sum(int(c["weight"]) for c in components.values()) == 100
        assert all(c["rationale"].strip() for c in components.values())


def test_score_range_on_the_synthetic_province():
    need = evaluate(synthetic_batch(), "2025-07", ["need_score"]).need_score
    assert need.score.min() >= 0 and need.score.max() <= 100
    assert need.version == "2023.1"
