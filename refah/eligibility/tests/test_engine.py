"""The engine's contract: one engine for one household and for many, no silent defaults, cheap reasons."""

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from refah.eligibility.engine import evaluate, parse_period
from refah.eligibility.errors import (
    InvalidInputError,
    MissingInputError,
    ParameterError,
    UnknownProgramError,
)
from refah.eligibility.params import load_parameters
from refah.eligibility.rules import PROGRAMS
from refah.eligibility.rules.free_creche import allocate_places, quota_places
from refah.eligibility.stream import prefetched, read_batches
from refah.eligibility.tests.helpers import household_dict, synthetic, synthetic_batch

FAMILY = {
    "members": [
        {
            "role": "reference",
            "birth_date": "1985-03-01",
            "sex": "M",
            "employment_status": "unemployed",
            "monthly_income": "1600.00",
        },
        {
            "role": "spouse",
            "birth_date": "1987-03-01",
            "sex": "F",
            "employment_status": "homemaker",
            "monthly_income": "0",
        },
        {"role": "child", "birth_date": "2012-03-01", "sex": "F", "employment_status": "child", "monthly_income": "0"},
        {"role": "child", "birth_date": "2015-03-01", "sex": "M", "employment_status": "child", "monthly_income": "0"},
    ]
}


def test_single_household_path_equals_the_batch_row():
    tables = synthetic()
    bulk = evaluate(synthetic_batch(), "2025-07")
    for key in (0, 17, 404, 1999, 2999):
        one = evaluate(household_dict(tables, key), "2025-07")
        assert one.summary(0) == bulk.summary(bulk.household_index(key)), key


def test_missing_input_is_an_error_naming_the_field_and_program():
    household = {"members": [{k: v for k, v in m.items() if k != "employment_status"} for m in FAMILY["members"]]}
    with pytest.raises(MissingInputError, match="employment_status.*family_support"):
        evaluate(household, "2023-07", ["family_support"])


def test_a_field_missing_for_one_member_is_an_error():
    members = [dict(m) for m in FAMILY["members"]]
    del members[2]["sex"]
    with pytest.raises(MissingInputError, match="member 3"):
        evaluate({"members": members}, "2023-07", ["family_support"])


def test_float_money_is_rejected():
    members = [dict(m) for m in FAMILY["members"]]
    members[0]["monthly_income"] = 1600.0
    with pytest.raises(InvalidInputError):
        evaluate({"members": members}, "2023-07", ["family_support"])


def test_unknown_program_and_parameter():
    with pytest.raises(UnknownProgramError):
        evaluate(FAMILY, "2023-07", ["no_such_program"])
    with pytest.raises(ParameterError):
        evaluate(FAMILY, "2023-07", ["family_support"], {"family_support.nope": "1"})


def test_parameter_override_is_a_what_if():
    base = evaluate(FAMILY, "2023-07", ["family_support"]).summary(0)["family_support"]["amounts"]["monthly"]
    more = evaluate(FAMILY, "2023-07", ["family_support"], {"family_support.band_amounts": ["1500", "1100", "950"]})
    assert base == 160000
    assert more.summary(0)["family_support"]["amounts"]["monthly"] == 185000


def test_reasons_in_turkish_and_english_with_compared_values():
    result = evaluate(FAMILY, "2023-07", ["family_support"])
    en = [item["text"] for item in result.explain(0, "en")["family_support"]]
    tr = [item["text"] for item in result.explain(0, "tr")["family_support"]]
    assert "per-capita income 400.00 TL ≤ 3,800.77 TL = 1/3 × net minimum wage (11,402.32 TL)" in en
    assert "kişi başı gelir 400,00 TL ≤ 3.800,77 TL = 1/3 × net asgari ücret (11.402,32 TL)" in tr
    assert "amount: 1,600.00 TL monthly" in en


def test_failed_reason_is_shown_with_the_negated_comparison():
    members = [dict(m) for m in FAMILY["members"]]
    members[0]["monthly_income"] = "20000.00"
    result = evaluate({"members": members}, "2023-07", ["family_support"])
    texts = {item["code"]: item for item in result.explain(0, "en")["family_support"]}
    assert texts["family_support.income"]["passed"] is False
    assert texts["family_support.income"]["text"].startswith("per-capita income 5,000.00 TL > 3,800.77 TL")


def test_reason_bits_and_arrow_output_at_scale():
    result = evaluate(synthetic_batch(), "2025-07")
    table = result.to_arrow()
    assert table.num_rows == 3000
    eligible = table["family_support.eligible"].to_numpy(zero_copy_only=False)
    failed = table["family_support.failed"].to_numpy()
    assert np.all(failed[~eligible] != 0)  # every refusal has a reason code
    assert np.all(failed[eligible] & 1 == 0)  # eligible households passed the civil-servant test
    assert set(PROGRAMS) <= {name.split(".")[0] for name in table.column_names}


def test_not_in_force_before_the_first_value():
    result = evaluate(FAMILY, "2022-06", ["family_support"])
    assert result.programs["family_support"].not_in_force
    assert not result.programs["family_support"].eligible.any()


def test_period_parsing():
    assert str(parse_period("2025-07")) == "2025-07-01"
    assert str(parse_period("2025-07-19")) == "2025-07-01"


def test_every_parameter_has_unit_source_and_no_float():
    for name, parameter in load_parameters().items():
        assert parameter.reference and parameter.unit, name
        for entry in parameter.values:
            assert parameter.unit == "score" or not isinstance(entry.value, float), name


def test_creche_quota_goes_to_the_neediest():
    result = evaluate(synthetic_batch(), "2025-07", ["free_creche", "need_score"])
    program = result.programs["free_creche"]
    places = quota_places(1000, load_parameters()["free_creche.quota_share"].values[-1].value)
    assert places == 30
    granted = allocate_places(program, result.need_score.score, result.batch.person_household, places)
    assert granted.sum() == min(places, program.beneficiaries.sum())
    scores = result.need_score.score[result.batch.person_household]
    assert scores[granted].min() >= scores[program.beneficiaries & ~granted].max()


def test_docs_list_every_program_and_parameter():
    docs = (Path(__file__).resolve().parents[3] / "docs" / "rules.md").read_text(encoding="utf-8")
    for code in PROGRAMS:
        assert f"`{code}`" in docs, code
    for name in load_parameters():
        assert f"`{name}`" in docs, name


def test_streamed_batches_equal_one_batch(tmp_path):
    tables = synthetic()
    for name, table in tables.items():
        pq.write_table(table, tmp_path / f"{name}.parquet", row_group_size=700)
    whole = evaluate(synthetic_batch(), "2025-07", ["family_support", "birth_aid"]).to_arrow()
    parts = [
        evaluate(b, "2025-07", ["family_support", "birth_aid"]).to_arrow()
        for b in prefetched(read_batches(tmp_path, 1000))
    ]
    assert pa.concat_tables(parts).equals(whole)
