"""A failed condition that was one of several alternatives says so (issue 12): under an eligible programme a bare ✗
read as if the household had failed it. Heating aid: needy, and either nobody insured or income below 1/3 NMW."""

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from refah.eligibility import records
from refah.eligibility.engine import evaluate
from refah.eligibility.params import load_yaml
from refah.eligibility.selectors import reasons_render

CASES = Path(__file__).parent / "rules" / "heating_aid" / "coal.yaml"


def _household(name: str) -> dict:
    data = load_yaml(CASES)
    case = next(c for c in data["cases"] if c["name"] == name)
    household = {**data["household_defaults"], **case.get("household", {})}
    household["members"] = [{**data["member_defaults"], **m} for m in case["members"]]
    return household


@pytest.mark.parametrize(
    ("lang", "note"),
    [("en", "(an alternative; another one is met)"), ("tr", "(seçeneklerden biri; başka bir seçenek karşılanıyor)")],
)
def test_the_failed_alternative_under_an_eligible_programme_says_another_one_is_met(lang, note):
    # 14,000 / 2 = 7,000 < 7,368.22: eligible by income although the reference person is insured
    household = _household("insured needy household below one third of the minimum wage")
    items = {
        item["code"]: item for item in evaluate(household, "2025-01", ["heating_aid"]).explain(0, lang)["heating_aid"]
    }
    assert items["heating_aid.verdict"]["passed"] is True
    assert items["heating_aid.insured"]["passed"] is False
    assert items["heating_aid.insured"]["text"].endswith(note)
    assert items["heating_aid.income"]["passed"] is True and "(" not in items["heating_aid.income"]["text"][-3:]


def test_alternatives_that_all_failed_say_one_is_enough():
    household = _household("insured household exactly at one third is not below it")
    items = {
        item["code"]: item for item in evaluate(household, "2025-01", ["heating_aid"]).explain(0, "en")["heating_aid"]
    }
    assert items["heating_aid.verdict"]["passed"] is False
    assert items["heating_aid.insured"]["text"].endswith("(an alternative; one of them is enough)")
    assert items["heating_aid.income"]["text"].endswith("(an alternative; one of them is enough)")


def test_stored_determinations_mark_the_failed_alternative_too():
    household = _household("insured needy household below one third of the minimum wage")
    result = evaluate(household, "2025-01", ["heating_aid"])
    labels, _programs = records.result_labels(result)
    reasons = json.loads(records.program_reasons(result.programs["heating_aid"], result.batch)[0])
    items = reasons_render(
        determination=SimpleNamespace(reasons=reasons), lang="en", rulebook=SimpleNamespace(labels=labels)
    )
    insured = next(item for item in items if item["code"] == "heating_aid.insured")
    assert insured["passed"] is False and insured["text"].endswith("(an alternative; another one is met)")
