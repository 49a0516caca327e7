"""The declared facts (refah.registry.facts) are what every reader produces and what the rules read."""

import tempfile
from pathlib import Path

import pytest
from django.utils import translation

from refah.eligibility.db_batch import registry_read
from refah.eligibility.engine import evaluate
from refah.eligibility.entities import Batch
from refah.eligibility.forms import ScreenerHouseholdForm, ScreenerMemberForm
from refah.eligibility.schemas import ScreenerIn, ScreenerMemberIn
from refah.eligibility.screener import _Reads  # the screener's record of the columns a rule reads
from refah.eligibility.screener_inputs import HOUSEHOLD_QUESTIONS, MEMBER_QUESTIONS, QUESTIONS
from refah.eligibility.selectors import household_inputs
from refah.eligibility.stream import read_batches
from refah.eligibility.tests.helpers import synthetic_batch
from refah.eligibility.tests.test_determinations import DAY, make_household
from refah.registry import facts
from refah.registry.facts import FACTS, Entity, Kind, Reading, facts_of
from refah.registry.forms import SENSITIVE_FIELD_NAMES
from refah.registry.schemas import SENSITIVE_FIELDS
from refah.synth.generate import generate, write_parquet
from refah.synth.schema import TABLES, arrow_type

PERSON_NAMES = {fact.name for fact in facts_of(Entity.PERSON)}
HOUSEHOLD_NAMES = {fact.name for fact in facts_of(Entity.HOUSEHOLD)}


def test_every_fact_a_rule_reads_is_declared():
    batch = synthetic_batch(500)
    read: set[str] = set()
    batch.persons, batch.households = _Reads(batch.persons, read), _Reads(batch.households, read)

    evaluate(batch, "2025-07")

    assert read and read <= set(FACTS), read - set(FACTS)


def test_the_stream_produces_every_declared_fact():
    with tempfile.TemporaryDirectory() as directory:
        write_parquet(generate(provinces=[76], households=50, seed=3), Path(directory))
        batch = next(read_batches(Path(directory)))

    assert set(batch.persons) == PERSON_NAMES
    assert set(batch.households) == HOUSEHOLD_NAMES


def test_the_synthetic_schema_has_every_declared_column_with_its_type():
    for entity, table in ((Entity.PERSON, "persons"), (Entity.HOUSEHOLD, "households")):
        for fact in facts.table_facts(entity):
            assert TABLES[table].field(fact.table_column).type == arrow_type(fact), fact.name
    # what is summed over incomes and assets is read from those tables
    assert {"kind", "monthly_kurus"} <= set(TABLES["incomes"].names)
    assert {"kind", "value_kurus"} <= set(TABLES["assets"].names)


@pytest.mark.django_db
def test_both_registry_readers_produce_every_declared_fact():
    household = make_household()

    batch = registry_read(day=DAY).batch()
    one = household_inputs(household=household, day=DAY)

    assert set(batch.persons) == PERSON_NAMES
    assert set(batch.households) == HOUSEHOLD_NAMES
    assert set(one["members"][0]) == {fact.screener_key for fact in facts_of(Entity.PERSON)}
    assert set(one) - {"members"} == {fact.screener_key for fact in facts_of(Entity.HOUSEHOLD)}


def test_the_screener_asks_exactly_the_askable_facts_and_its_api_takes_every_fact():
    asked = {fact.name for fact in FACTS.values() if fact.asked}
    assert {column for question in QUESTIONS.values() for column in question.columns} == asked
    assert all(question.member for question in MEMBER_QUESTIONS)
    assert not any(question.member for question in HOUSEHOLD_QUESTIONS)

    assert set(ScreenerMemberIn.model_fields) == {fact.screener_key for fact in facts_of(Entity.PERSON)}
    assert set(ScreenerIn.model_fields) - {"period", "members"} == {
        fact.screener_key for fact in facts_of(Entity.HOUSEHOLD)
    }
    required = {fact.screener_key for fact in facts_of(Entity.PERSON) if fact.required}
    assert {name for name, field in ScreenerMemberIn.model_fields.items() if field.is_required()} == required

    # the second step's form: every question but those of the first step (sex, the province)
    member_keys = {question.key for question in MEMBER_QUESTIONS} - {"sex"}
    assert set(ScreenerMemberForm.base_fields) == member_keys
    household_keys = {question.key for question in HOUSEHOLD_QUESTIONS} - {"il", "assets"}
    asset_fields = {f"asset_{fact.asset_kind}" for fact in facts_of(Entity.HOUSEHOLD, reading=Reading.ASSET_SUM)}
    assert set(ScreenerHouseholdForm().fields) == household_keys | asset_fields


def test_declarations_are_complete_and_consistent():
    assert len(FACTS) == len(facts.PERSON_FACTS) + len(facts.HOUSEHOLD_FACTS)  # names are unique
    for fact in FACTS.values():
        assert (fact.kind == Kind.CODE) == (fact.codes is not None), fact.name
        assert (fact.reading == Reading.ASSET_SUM) == bool(fact.asset_kind), fact.name
        assert bool(fact.field) == fact.in_table, fact.name
        if fact.kind in (Kind.INT, Kind.NULLABLE_INT) and fact.asked:
            assert fact.minimum is not None and fact.maximum is not None, fact.name
    # the health and disability facts are the registry's restricted fields
    sensitive = {fact.name for fact in FACTS.values() if fact.sensitive}
    assert sensitive == set(SENSITIVE_FIELD_NAMES)
    assert sensitive <= SENSITIVE_FIELDS


def test_every_label_is_translated():
    with translation.override("tr"):
        turkish = {name: str(fact.label) for name, fact in FACTS.items()}
    with translation.override("en"):
        english = {name: str(fact.label) for name, fact in FACTS.items()}
    assert [name for name in FACTS if turkish[name] == english[name]] == []


def test_a_batch_holds_declared_columns_only():
    batch = synthetic_batch(50)

    assert isinstance(batch, Batch)
    assert set(batch.persons) == PERSON_NAMES and set(batch.households) == HOUSEHOLD_NAMES
