"""A bulk answer read by columns gives the facts the careful reading gives; anything the column reading does not
expect — a form of date it does not take, a wrong type, a negative amount, an item that is not an object — sends the
answer to the careful reading, which takes what it can and names the wrong field."""

import datetime as dt

import pytest

from refah.exchange.client import Columns, Fact, MalformedAnswer, Reader
from refah.exchange.client.answers import Careful
from refah.exchange.sources import SOURCES

TCS = ["10000000146", "10000000278"]


def _nvi(tc, **change):
    record = {
        "tc": tc,
        "first_name": "Şükrü",
        "last_name": "Işık",
        "father_name": "Ali",
        "mother_name": "Ayşe",
        "birth_date": "1979-04-12",
        "sex": "M",
        "marital_status": "married",
        "deceased_on": None,
        "family_register": "AS-1",
        "address": {"district": "Merkez", "neighbourhood": "Bağlar"},
    }
    return {**record, **change}


def _careful(code, records):
    return [f for i, r in enumerate(records) for f in SOURCES[code].parse(r["tc"], Reader(r, f"records[{i}]"))]


def _answer(code, records):
    return {"as_of": dt.date.today().isoformat(), "records": records, "not_found": []}


def test_the_columns_give_the_careful_facts_in_their_order():
    records = [_nvi(TCS[0]), _nvi(TCS[1], deceased_on="2024-02-29", first_name="Ç" * 250)]
    frame = SOURCES["nvi"].read_columns(Columns.of_answer(records, set(TCS)))
    assert [Fact(*row) for row in frame.iter_rows()] == _careful("nvi", records)


@pytest.mark.parametrize(
    ("code", "records"),
    [
        ("nvi", [_nvi(TCS[0]), _nvi(TCS[1], birth_date="19790412")]),  # other forms of date fromisoformat takes
        ("iskur", [{"tc": TCS[0], "registered": True, "registered_on": "2024-W01-1", "benefit_kurus": 0}]),
        ("gib", [{"tc": TCS[0], "taxpayer": False, "activity": None, "yearly_income_kurus": None}]),  # not read
    ],
)
def test_what_the_columns_do_not_take_is_read_carefully_to_the_same_facts(code, records):
    with pytest.raises(Careful):
        SOURCES[code].read_columns(Columns.of_answer(records, set(TCS)))
    _as_of, frame, known, _unknown = SOURCES[code]._bulk_answer(_answer(code, records), set(TCS))
    assert [Fact(*row) for row in frame.iter_rows()] == _careful(code, records)
    assert known == {r["tc"] for r in records}


@pytest.mark.parametrize(
    ("code", "records", "field"),
    [
        (
            "sgk",
            [{"tc": TCS[0], "status": "none", "employer": "", "monthly_earnings_kurus": True, "pension_kurus": 0}],
            "records[0].monthly_earnings_kurus",
        ),
        (
            "sgk",
            [{"tc": TCS[0], "status": "none", "employer": 5, "monthly_earnings_kurus": 0, "pension_kurus": 0}],
            "records[0].employer",
        ),
        (
            "egm",
            [{"tc": TCS[0], "vehicles": [{"plate": "76 A", "make": "Fiat", "model_year": 2012, "value_kurus": -1}]}],
            "records[0].vehicles[0].value_kurus",
        ),
        ("meb", [{"tc": TCS[0], "level": "primary", "absences": ["2024-01"]}], "records[0].absences[0]"),
        ("nvi", [_nvi(TCS[0]), _nvi(TCS[1], birth_date="1979-02-30")], "records[1].birth_date"),
        ("nvi", [_nvi("12345678950")], "records[0].tc"),
    ],
)
def test_a_wrong_field_is_named_by_the_careful_reading(code, records, field):
    with pytest.raises(MalformedAnswer) as err:
        SOURCES[code]._bulk_answer(_answer(code, records), set(TCS))
    assert err.value.field == field
