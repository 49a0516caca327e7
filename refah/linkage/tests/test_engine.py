"""The linkage engine on its own: folding, the checksum, twins and siblings, quality on a generated set."""

import datetime as dt
import random

import pyarrow as pa

from refah.common.text import fold
from refah.linkage import engine, synthetic
from refah.registry.identity import is_valid_identity_number, make_identity_number

TC_A = make_identity_number("123456789")
TC_B = make_identity_number("123456790")
TC_C = make_identity_number("223456791")


def record(record_id, **fields):
    base = {
        "record_id": record_id,
        "national_id": None,
        "first_name": "Ayşe",
        "last_name": "Yılmaz",
        "birth_date": dt.date(1990, 3, 4),
        "father_name": "Ali",
        "mother_name": "Fatma",
        "district": "1",
        "neighbourhood": "Merkez",
        "phone": None,
    }
    return base | fields


def table(*rows):
    return pa.Table.from_pylist(list(rows), schema=engine.RECORD_COLUMNS)


def test_folding_matches_the_registry_search_key():
    words = ["Işık", "İLKNUR", "ılgın", "Şükrü Çağlar", "Gülşen  Öztürk", "ÂDEM", "ayşe", "AYSE", "Iğdır"]
    con = engine.connect()
    folded = [con.execute("SELECT fold(?)", [w]).fetchall()[0][0] for w in words]
    assert folded == [fold(w).upper() for w in words]
    assert folded[0] == "ISIK" and folded[1] == "ILKNUR"


def test_checksum_in_duckdb_agrees_with_the_registry():
    rng = random.Random(4)
    numbers = [make_identity_number(str(rng.randint(100_000_000, 999_999_999))) for _ in range(300)]
    numbers += [n[:10] + str((int(n[10]) + 1) % 10) for n in numbers[:100]]  # last digit wrong
    numbers += [n[:9] + str((int(n[9]) + 3) % 10) + n[10] for n in numbers[:100]]  # tenth digit wrong
    numbers += ["0" + n[1:] for n in numbers[:20]] + ["1234567890", "1234567890a", "", "12345678901"]
    con = engine.connect()
    valid = [con.execute("SELECT tc_valid(?)", [n]).fetchall()[0][0] for n in numbers]
    assert valid == [is_valid_identity_number(n) for n in numbers]
    assert sum(valid) == 300


def test_a_record_without_number_is_linked_despite_ascii_letters_and_swapped_date():
    persons = table(record("p1", national_id=TC_A), record("p2", national_id=TC_B, first_name="Elif"))
    records = table(record("r1", first_name="AYSE", last_name="YILMAZ", birth_date=dt.date(1990, 4, 3)))
    result = engine.link(records, persons).to_pylist()
    assert [(r["record_id"], r["person_id"], r["decision"]) for r in result] == [("r1", "p1", engine.LINKED)]
    assert engine.evidence(result[0]["evidence"])["birth_date"] == "day_month_swapped"


def test_twins_with_distinct_numbers_are_never_linked():
    """Same surname, parents, birth date and address; distinct valid numbers; even the first name a typo apart."""
    twin_a = record("a", national_id=TC_A, first_name="Emir")
    twin_b = record("b", national_id=TC_B, first_name="Emre")
    same_name = record("c", national_id=TC_C, first_name="Emir")  # a third with the very same name
    assert len(engine.dedupe(table(twin_a, twin_b, same_name))) == 0
    assert len(engine.link(table(twin_b, same_name), table(twin_a))) == 0


def test_twins_without_numbers_differ_by_given_name():
    twins = table(record("a", first_name="Hasan"), record("b", first_name="Hüseyin"))
    pairs, _ = engine.dedupe_pairs(twins, settings=engine.Settings(review=0.0))
    # Surname, birth date, both parents and district agree; the given names share nothing, and that decides.
    assert pairs["match_probability"].to_pylist()[0] < engine.DEFAULT.review / 10
    assert engine.evidence(pairs["evidence"].to_pylist()[0])["name"] == "different"
    assert len(engine.dedupe(twins)) == 0


def test_siblings_are_not_merged():
    siblings = table(
        record("a", national_id=TC_A, first_name="Ayşe", birth_date=dt.date(1990, 3, 4)),
        record("b", first_name="Ayşe Nur", birth_date=dt.date(1992, 3, 4)),
        record("c", first_name="Fatma", birth_date=dt.date(1994, 3, 4)),
    )
    assert len(engine.dedupe(siblings)) == 0


def test_a_record_bridging_two_numbers_hangs_from_the_stronger_one():
    """a and c are two people (distinct numbers); b (no number) resembles both, a more: c stays apart."""
    rows = table(
        record("a", national_id=TC_A, phone="05321112233"),
        record("b", phone="05321112233"),
        record("c", national_id=TC_B, birth_date=dt.date(1990, 3, 5), father_name=None),
    )
    result = {r["record_id"]: r["cluster_id"] for r in engine.dedupe(rows).to_pylist()}
    assert result == {"a": "a", "b": "a"}


def test_a_record_matching_two_persons_goes_to_review():
    persons = table(
        record("p1", national_id=TC_A, father_name="Ali", mother_name="Fatma"),
        record("p2", national_id=TC_B, father_name="Veli", mother_name="Zehra", district="2"),
    )
    records = table(record("r1", father_name=None, mother_name=None, district=None, neighbourhood=None))
    result = engine.link(records, persons).to_pylist()
    assert {r["decision"] for r in result} == {engine.REVIEW}
    assert {r["person_id"] for r in result} == {"p1", "p2"}


def test_empty_inputs():
    assert len(engine.link(table(), table(record("p1")))) == 0
    assert len(engine.dedupe(table(record("a")))) == 0


def test_quality_on_a_generated_set():
    """20,000 records, 10 % noisy duplicates, twins and siblings among them."""
    data = synthetic.generate(20_000, seed=3)
    clusters = engine.dedupe(data.records)
    n_orig = 20_000 - len(data.true_pairs)
    index = {f"p{i}": i for i in range(n_orig)} | {f"d{k}": n_orig + k for k in range(len(data.true_pairs))}
    members: dict[str, list[int]] = {}
    for row in clusters.to_pylist():
        members.setdefault(row["cluster_id"], []).append(index[row["record_id"]])
    found = {(a, b) for group in members.values() for i, a in enumerate(group) for b in group[i + 1 :]}
    precision, recall = synthetic.quality(found, data.true_pairs)
    assert precision >= 0.998
    assert recall >= 0.985
