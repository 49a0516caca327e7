"""The import refuses what the services refuse, row by row in the report: amounts in other scripts' digits,
invisible and direction-changing characters, birth dates before 1900."""

import pytest
from django.core.exceptions import ValidationError

from refah.registry import imports
from refah.registry.forms import parse_tl
from refah.registry.imports.messages import ERR_NOT_MOBILE
from refah.registry.models import Household, Person
from refah.registry.models_import import ImportBatch

pytestmark = pytest.mark.django_db

HEADER = (
    "hane_no,il,ilce,mahalle,adres,konut_tipi,mulkiyet,isinma,yakinlik,tc_kimlik_no,ad,soyad,dogum_tarihi,cinsiyet,"
    "medeni_hal,calisma_durumu,aylik_gelir,gelir_turu\n"
)


def row(**over) -> bytes:
    values = {
        "address": "Atatürk Cd. 12",
        "first_name": "Ayşe",
        "last_name": "Kaya",
        "birth_date": "1980-01-01",
        "income": "",
        "kind": "",
    }
    values.update(over)
    line = (
        f"N-1,Iğdır,Merkez,Bağlar,{values['address']},daire,kiracı,odun,hane reisi,,{values['first_name']},"
        f"{values['last_name']},{values['birth_date']},K,evli,işsiz,{values['income']},{values['kind']}\n"
    )
    return (HEADER + line).encode()


def run(user, data: bytes) -> ImportBatch:
    return imports.household_import(actor=user, file_name="hane.csv", data=data)


@pytest.mark.parametrize("text", ["٣٥٠٠", "۳۵۰۰,50", "３５００", "३५००"])
def test_amounts_in_other_digits_are_refused(text):
    with pytest.raises(imports.FieldProblem) as problem:
        imports.COLUMN_BY_KEY["aylik gelir"].parse(text)
    assert problem.value.reason is imports.ERR_BAD_AMOUNT


@pytest.mark.parametrize("text", ["٣٥٠٠", "۳۵۰۰,50", "３５００"])
def test_screen_amounts_in_other_digits_are_refused(text):
    with pytest.raises(ValidationError):
        parse_tl(text)


def test_an_income_in_arabic_indic_digits_is_a_row_error_and_nothing_is_written(caseworker):
    batch = run(caseworker, row(income="٣٥٠٠", kind="maaş"))

    assert batch.status == ImportBatch.Status.VALIDATED_WITH_ERRORS
    assert [(i["row"], i["column"]) for i in batch.errors] == [(2, "aylik_gelir")]
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    ("over", "column"),
    [
        ({"first_name": "Ay\u202eşe"}, "ad"),
        ({"last_name": "Ka\u200bya"}, "soyad"),
        ({"address": "Atatürk\u2066 Cd."}, "adres"),
    ],
)
def test_hidden_characters_are_a_row_error_in_both_languages(caseworker, over, column):
    batch = run(caseworker, row(**over))

    (item,) = batch.errors
    assert (item["row"], item["column"]) == (2, column)
    char = next(f"U+{ord(c):04X}" for c in next(iter(over.values())) if ord(c) > 0x2000)
    assert item["en"] == imports.ERR_HIDDEN_CHARACTER.text("en", char=char)
    assert item["tr"].startswith("Görünmeyen ya da yazı yönünü değiştiren bir karakter içeriyor")
    assert not Household.objects.exists()


def test_birth_date_of_1800_is_a_row_error(caseworker):
    batch = run(caseworker, row(birth_date="1800-01-01"))

    assert [(i["row"], i["column"], i["en"]) for i in batch.errors] == [(2, "dogum_tarihi", "The date is before 1900.")]
    assert not Person.objects.exists()


def test_a_line_break_in_an_address_cell_is_still_a_space():
    assert imports.COLUMN_BY_KEY["adres"].parse("Atatürk Cd.\r\nNo 12\tD 3") == "Atatürk Cd. No 12 D 3"
    with pytest.raises(imports.FieldProblem):
        imports.COLUMN_BY_KEY["adres"].parse("Atatürk Cd.\x1bNo 12")


@pytest.mark.parametrize(
    ("cell", "stored"),
    [("0532 123 45 67", "05321234567"), ("+90 532 123 4567", "05321234567"), (5321234567.0, "05321234567"), ("", "")],
)
def test_a_phone_cell_is_stored_as_the_services_store_a_mobile(cell, stored):
    assert imports.COLUMN_BY_KEY["telefon"].parse(cell) == stored


@pytest.mark.parametrize("cell", ["0476 227 00 00", "0532 123 45", "٠٥٣٢١٢٣٤٥٦٧"])
def test_a_phone_cell_that_is_not_a_turkish_mobile_is_a_row_error_in_both_languages(cell):
    with pytest.raises(imports.FieldProblem) as problem:
        imports.COLUMN_BY_KEY["telefon"].parse(cell)
    assert problem.value.reason is ERR_NOT_MOBILE
    assert ERR_NOT_MOBILE.text("tr").startswith("5 ile başlayan 10 haneli bir Türkiye cep telefonu")
