"""The synthetic generator: exact schemas, determinism, keys, identity numbers, consistency, distributions."""

from datetime import date

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from refah.registry.identity import is_valid_identity_number
from refah.registry.phones import normalise_mobile
from refah.synth import schema
from refah.synth.generate import SynthBatch, allocate, generate, write_parquet
from refah.synth.generate.reference import provinces

REFERENCE_DATE = date(2025, 7, 1)


def _concat(batches: list[SynthBatch]) -> dict[str, pa.Table]:
    return {name: pa.concat_tables([getattr(b, name) for b in batches]) for name in schema.TABLES}


@pytest.fixture(scope="module")
def igdir() -> dict[str, pa.Table]:
    return _concat(list(generate(provinces=[76], households=20_000, seed=7, batch_size=7_000)))


@pytest.fixture(scope="module")
def national() -> dict[str, pa.Table]:
    return _concat(list(generate(provinces=None, households=20_000, seed=11)))


def _ages(persons: pa.Table) -> np.ndarray:
    born = persons["birth_date"]
    month, day = pc.month(born).to_numpy(), pc.day(born).to_numpy()
    before_birthday = (month > REFERENCE_DATE.month) | ((month == REFERENCE_DATE.month) & (day > REFERENCE_DATE.day))
    return REFERENCE_DATE.year - pc.year(born).to_numpy() - before_birthday


def test_every_batch_matches_the_schemas():
    for batch in generate(provinces=[76, 34], households=3_000, seed=1, batch_size=1_000):
        for name, expected in schema.TABLES.items():
            assert getattr(batch, name).schema.equals(expected), name


def test_same_seed_same_output_and_another_seed_differs():
    first = _concat(list(generate(provinces=[76], households=2_000, seed=3, batch_size=700)))
    again = _concat(list(generate(provinces=[76], households=2_000, seed=3, batch_size=700)))
    other = _concat(list(generate(provinces=[76], households=2_000, seed=4, batch_size=700)))
    for name in schema.TABLES:
        assert first[name].equals(again[name]), name
    assert not first["persons"].equals(other["persons"])


def test_keys_are_consecutive_across_batches(igdir):
    assert igdir["households"]["household_key"].to_pylist() == list(range(20_000))
    persons = igdir["persons"]
    assert persons["person_key"].to_numpy().tolist() == list(range(persons.num_rows))
    for name in schema.TABLES:
        keys = igdir[name]["household_key"].to_numpy()
        assert (np.diff(keys) >= 0).all(), f"{name} sorted by household_key"


def test_identity_numbers_valid_unique_and_by_kind(national, igdir):
    for data in (national, igdir):
        persons = data["persons"]
        kind = persons["id_kind"].to_pylist()
        ids = persons["national_id"].to_pylist()
        numbered = [i for i in ids if i is not None]
        assert len(set(numbered)) == len(numbered)
        assert all(is_valid_identity_number(i) for i in numbered)
        assert all((i is None) == (k == "internal") for i, k in zip(ids, kind, strict=True))
        assert all(i.startswith("99") == (k == "foreign") for i, k in zip(ids, kind, strict=True) if i)
    igdir_kinds = set(igdir["persons"]["id_kind"].to_pylist())
    assert igdir_kinds == {"tc", "foreign", "internal"}


def test_one_reference_person_and_consistent_roles(igdir):
    persons = igdir["persons"]
    role = np.array(persons["role"].to_pylist())
    marital = np.array(persons["marital_status"].to_pylist())
    age = _ages(persons)
    household = persons["household_key"].to_numpy()
    assert (np.bincount(household[role == "reference"]) == 1).all()
    assert (age[role == "reference"] >= 18).all()
    assert (age[role == "spouse"] >= 18).all()
    assert (marital[role == "spouse"] == "married").all()
    assert (marital[age < 18] == "single").all()
    assert (marital[role == "parent"] == "widowed").all()
    spouses = np.bincount(household[role == "spouse"], minlength=20_000)
    ref_married = np.zeros(20_000, dtype=bool)
    ref_married[household[role == "reference"]] = marital[role == "reference"] == "married"
    assert (ref_married == (spouses == 1)).all()


def test_reference_persons_and_most_adults_have_a_mobile_of_the_unallocated_052_block(national):
    persons = national["persons"]
    phone = np.array(persons["phone"].to_pylist(), dtype=object)
    role = np.array(persons["role"].to_pylist())
    age = _ages(persons)
    given = phone != None  # noqa: E711 (element-wise)
    assert given[role == "reference"].all()
    assert not given[age < 18].any()
    assert 0.8 < given[(age >= 18) & (role != "reference")].mean() < 0.9
    numbers = phone[given].astype(str)
    assert all(normalise_mobile(n) == n and n.startswith("052") for n in numbers)
    assert len(set(numbers)) == len(numbers)


def test_birth_dates_match_drawn_ages(igdir):
    age = _ages(igdir["persons"])
    assert age.min() >= 0 and age.max() <= 100


def test_children_school_grades_by_age(igdir):
    persons = igdir["persons"]
    age = _ages(persons)
    level = np.array(persons["school_level"].to_pylist())
    grade = persons["school_grade"].to_numpy(zero_copy_only=False)
    primary = level == "primary"
    assert ((grade[primary] >= 1) & (grade[primary] <= 4)).all()
    assert ((age[primary] >= 6) & (age[primary] <= 10)).all()
    upper = level == "upper_secondary"
    assert ((grade[upper] >= 9) & (grade[upper] <= 12)).all()
    out = level == "out_of_school"
    assert np.isnan(grade[out]).all()
    assert 0.0 < out.sum() / ((age >= 6) & (age <= 17)).sum() < 0.2


def test_social_security_follows_employment(national):
    persons = national["persons"]
    employment = np.array(persons["employment_status"].to_pylist())
    security = np.array(persons["social_security"].to_pylist())
    health = np.array(persons["health_insurance"].to_pylist())
    assert (security[np.isin(employment, ["employed_formal", "civil_servant"])] == "active").all()
    assert (security[employment == "retired"] == "pensioner").all()
    assert (security[employment == "employed_informal"] == "none").all()
    assert (health[security != "none"] == "sgk_insured").all()
    assert (employment[_ages(persons) < 15] == "child").all()


def test_mean_household_size_follows_the_province(igdir, national):
    sizes = np.bincount(igdir["persons"]["household_key"].to_numpy())
    assert abs(sizes.mean() - provinces().mean_size[76]) < 0.12
    national_mean = np.bincount(national["persons"]["household_key"].to_numpy()).mean()
    assert 3.0 < national_mean < 3.5
    urfa = np.bincount(_concat(list(generate(provinces=[63], households=5_000, seed=2)))["persons"]["household_key"])
    assert urfa.mean() > 4.8
    assert (sizes == 1).mean() > 0.05


def test_disability_and_female_heads(national):
    persons = national["persons"]
    disabled = pc.greater(persons["disability_percent"], 0).to_numpy(zero_copy_only=False)
    assert 0.055 < disabled.mean() < 0.085
    percent = persons["disability_percent"].to_numpy()[disabled]
    assert percent.min() >= 20 and percent.max() <= 100
    dependency = np.array(persons["dependency"].to_pylist())
    assert (dependency[~disabled] == "none").all()
    reference = pc.equal(persons["role"], "reference")
    female_heads = pc.mean(pc.equal(persons.filter(reference)["sex"], "F").cast(pa.int8())).as_py()
    assert 0.13 < female_heads < 0.23


def test_true_income_covers_declared_income(national):
    households = national["households"]
    incomes = national["incomes"]
    declared = np.bincount(incomes["household_key"].to_numpy(), incomes["monthly_kurus"].to_numpy(), 20_000)
    true = households["true_income_kurus"].to_numpy()
    informal = households["true_informal_income_kurus"].to_numpy()
    assert (true >= declared).all()
    assert (true - informal == declared.round()).all()
    assert (informal > 0).mean() > 0.1
    assert (true == 0).mean() > 0.01
    assert (households["true_consumption_per_person_kurus"].to_numpy() > 0).all()


def test_tenants_pay_rent_and_others_do_not(national):
    households = national["households"]
    tenant = pc.equal(households["tenure"], "tenant").to_numpy(zero_copy_only=False)
    rent = households["monthly_rent_kurus"].to_numpy()
    assert (rent[tenant] > 0).all() and (rent[~tenant] == 0).all()


def test_allocation_by_population_share():
    plates, counts = allocate(None, 1_000_000)
    assert counts.sum() == 1_000_000 and len(plates) == 81
    assert counts[plates == 34][0] > 150_000  # İstanbul holds ~ 1/5 of the households
    with pytest.raises(ValueError):
        allocate([82], 10)


def test_write_parquet_streams_one_row_group_per_batch(tmp_path):
    seen = []
    counts = write_parquet(
        generate(provinces=[76], households=2_500, seed=5, batch_size=1_000), tmp_path, on_batch=seen.append
    )
    assert len(seen) == 3
    for name, expected in schema.TABLES.items():
        file = pq.ParquetFile(tmp_path / f"{name}.parquet")
        assert file.metadata.num_row_groups == 3
        assert file.metadata.num_rows == counts[name]
        assert file.schema_arrow.equals(expected)
    assert counts["households"] == 2_500


def test_igdir_has_afghan_iranian_and_syrian_households(igdir):
    nationality = set(igdir["persons"]["nationality"].to_pylist())
    assert {"TR", "AF", "IR", "SY"} <= nationality
    foreign = pc.not_equal(igdir["persons"]["nationality"], "TR").to_numpy(zero_copy_only=False)
    assert 0.005 < foreign.mean() < 0.08


def test_stoves_more_common_in_the_east_than_in_the_west(igdir):
    west = _concat(list(generate(provinces=[35], households=5_000, seed=2)))["households"]

    def stove_share(households: pa.Table) -> float:
        heating = households["heating"].to_pylist()
        return sum(h in ("stove_coal", "stove_wood") for h in heating) / len(heating)

    assert stove_share(igdir["households"]) > stove_share(west) + 0.15


def test_batches_from_a_smaller_first_one_grow_by_half_with_consecutive_keys():
    def run(first):
        return list(generate(provinces=[76], households=1_000, seed=9, batch_size=400, first_batch_size=first))

    batches = run(100)
    assert [b.households.num_rows for b in batches] == [100, 150, 225, 338, 187]
    keys = np.concatenate([b.households["household_key"].to_numpy() for b in batches])
    assert (keys == np.arange(1_000)).all()
    persons = np.concatenate([b.persons["person_key"].to_numpy() for b in batches])
    assert (persons == np.arange(persons.size)).all()
    assert _concat(run(100))["persons"].equals(_concat(batches)["persons"])  # the same sizes, the same data
    assert [b.households.num_rows for b in run(None)] == [400, 400, 200]
    assert [b.households.num_rows for b in run(300)] == [300, 400, 300]
