"""Programs defined as data: validated specs, evaluated by the same engine with the same reasons."""

import pytest
from django.utils import translation

from refah.aidcard.enums import PurseKind
from refah.eligibility.custom import ITEM_UNITS, PURSE_UNITS, Payment, program_from_spec
from refah.eligibility.engine import evaluate
from refah.eligibility.errors import CustomProgramError
from refah.payments.models import InKindItem

SPEC = {
    "code": "igdir_elderly_food",
    "label": {"tr": "Yaşlı gıda kartı", "en": "Elderly food card"},
    "reference": "Iğdır Belediye Meclisi kararı 2025/14",
    "unit": "TRY",
    "frequency": "monthly",
    "valid_from": "2025-01-01",
    "conditions": [
        {"block": "income_ratio", "max_ratio": "1/3"},
        {"block": "age_range", "min": 65},
        {"block": "province", "in": [76]},
    ],
    "amount": {"per": "beneficiary", "value": "750.00"},
}


def household(income: str, *births: str) -> dict:
    return {
        "il": 76,
        "members": [
            {"role": "reference" if i == 0 else "spouse", "birth_date": birth, "sex": "F", "monthly_income": income}
            for i, birth in enumerate(births)
        ],
    }


def test_custom_program_pays_each_beneficiary():
    # couple 70 and 60, income 5,000 each → 10,000 / 2 = 5,000 ≤ 7,368.22; one member 65+ → 750
    result = evaluate(household("5000", "1955-01-01", "1965-01-01"), "2025-07", [program_from_spec(SPEC)])
    assert result.summary(0)["igdir_elderly_food"]["amounts"]["monthly"] == 75000
    texts = [item["text"] for item in result.explain(0, "en")["igdir_elderly_food"]]
    assert "per-capita income 5,000.00 TL ≤ 7,368.22 TL = 1/3 × net minimum wage (22,104.67 TL)" in texts


def test_custom_program_income_boundary_and_age():
    program = program_from_spec(SPEC)
    assert not evaluate(household("7368.23", "1955-01-01"), "2025-07", [program]).programs[program.CODE].eligible[0]
    assert evaluate(household("7368.22", "1955-01-01"), "2025-07", [program]).programs[program.CODE].eligible[0]
    assert not evaluate(household("0", "1961-01-01"), "2025-07", [program]).programs[program.CODE].eligible[0]


def test_custom_program_not_in_force_before_valid_from():
    result = evaluate(household("0", "1955-01-01"), "2024-12", [program_from_spec(SPEC)])
    assert result.programs["igdir_elderly_food"].not_in_force


def test_per_member_and_household_size():
    spec = {
        **SPEC,
        "code": "big_family",
        "unit": "points",
        "amount": {"per": "member", "value": 100},
        "conditions": [{"block": "household_size", "min": 2}],
    }
    result = evaluate(household("0", "1955-01-01", "1965-01-01"), "2025-07", [program_from_spec(spec)])
    assert result.summary(0)["big_family"]["amounts"]["monthly"] == 200


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"code": "family_support"}, "not a national program"),
        ({"code": "Bad Code"}, "lower-case"),
        ({"reference": ""}, "reference is required"),
        ({"unit": "EUR"}, "unit must be one of"),
        ({"conditions": [{"block": "astrology"}]}, "unknown building block"),
        ({"conditions": [{"block": "income_ratio", "max_ratio": "-1"}]}, "max_ratio must be positive"),
        ({"conditions": [{"block": "age_range", "min": 65, "colour": "red"}]}, "unknown fields"),
        ({"conditions": [{"block": "household_size", "min": 2}]}, "needs an age_range"),
        ({"amount": {"per": "household", "value": 12.5}}, "float"),
    ],
)
def test_invalid_specs_are_explained(change, message):
    with pytest.raises(CustomProgramError, match=message):
        program_from_spec({**SPEC, **change})


def test_payment_terms_are_data_of_the_program_with_defaults_from_the_unit():
    assert program_from_spec(SPEC).payment == Payment(method="cash")  # TRY without `payment`: cash
    points = program_from_spec({**SPEC, "unit": "points", "amount": {"per": "beneficiary", "value": 100}})
    assert points.payment == Payment(method="aid_card", purse="market")
    card = program_from_spec({**SPEC, "payment": {"method": "aid_card", "purse": "food", "recipient": "reference"}})
    assert card.payment == Payment(method="aid_card", purse="food", recipient="reference")
    coal = {**SPEC, "unit": "kg", "amount": {"per": "household", "value": 500}}
    assert program_from_spec({**coal, "payment": {"method": "in_kind", "item": "coal_kg"}}).payment.item == "coal_kg"


@pytest.mark.parametrize(
    ("unit", "payment", "message"),
    [
        ("TRY", {"method": "cheque"}, "method must be one of"),
        ("TRY", {"method": "cash", "iban": "TR00"}, "unknown fields ['iban']"),
        ("points", {"method": "cash"}, "its unit must be TRY"),
        ("TRY", {"method": "aid_card"}, "needs a purse"),
        ("TRY", {"method": "aid_card", "purse": "market"}, "the 'market' purse holds points"),
        ("points", {"method": "aid_card", "purse": "food"}, "the 'food' purse holds TRY"),
        ("TRY", {"method": "in_kind"}, "its unit cannot be TRY"),
        ("kg", {"method": "in_kind", "item": "blankets"}, "item must be one of"),
        ("kg", {"method": "in_kind", "item": "food_parcel"}, "counted in parcels"),
        ("TRY", {"method": "cash", "purse": "food"}, "purse applies only to the aid_card method"),
        ("TRY", {"method": "cash", "recipient": "eldest"}, "recipient must be one of"),
    ],
)
def test_payment_terms_that_cannot_be_paid_are_refused(unit, payment, message):
    spec = {**SPEC, "unit": unit, "amount": {"per": "beneficiary", "value": 100}, "payment": payment}
    with translation.override("en"), pytest.raises(CustomProgramError) as error:
        program_from_spec(spec)
    assert "Custom program payment: " in str(error.value) and message in str(error.value)


def test_purses_and_items_are_the_aid_card_and_warehouse_codes():
    assert set(PURSE_UNITS) == set(PurseKind.values)
    assert set(ITEM_UNITS) == set(InKindItem.values)
