"""Input the registry services refuse whatever the channel (API, screens, import): birth dates before 1900 or in
the future, invisible and direction-changing characters in names, addresses and phone numbers."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from refah.common.errors import validation_error_items
from refah.common.text import hidden_character
from refah.registry import errors
from refah.registry.models import Household, Person
from refah.registry.services import MemberInput, household_register, household_update, person_update
from refah.registry.tests.factories import household_with_members, valid_tc

pytestmark = pytest.mark.django_db

# Bidi embeddings and overrides, isolates, zero-width space, joiners and direction marks, the BOM, controls.
HIDDEN = [
    "\u200b",
    "\u200c",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\ufeff",
    "\u00ad",
    "\u0000",
    "\u001b",
    "\u007f",
    "\u2028",
]


def person_data(**over):
    data = {
        "id_kind": "tc",
        "national_id": valid_tc(),
        "first_name": "Ayşe",
        "last_name": "Yılmaz",
        "birth_date": dt.date(1980, 2, 3),
        "sex": "F",
        "marital_status": "married",
        "employment_status": "homemaker",
    }
    data.update(over)
    return data


def register(actor, district, neighbourhood="Bağlar", **over):
    members = [MemberInput(role="reference", person_data=person_data(**over.pop("person", {})))]
    return household_register(
        actor=actor,
        district=district,
        neighbourhood=neighbourhood,
        members=members,
        dwelling_type="apartment",
        tenure="owner",
        heating="stove_coal",
        **over,
    )


def refusal(exc: ValidationError, lang: str) -> dict:
    with translation.override(lang):
        return {i["field"]: i["reason"] for i in validation_error_items(exc)}


@pytest.mark.parametrize("born", [dt.date(1800, 1, 1), dt.date(1899, 12, 31)])
def test_birth_date_before_1900_is_refused_in_both_languages(caseworker, merkez, born):
    with pytest.raises(ValidationError) as exc:
        register(caseworker, merkez, person={"birth_date": born})

    assert refusal(exc.value, "en") == {"birth_date": "The birth date cannot be before 1 January 1900."}
    assert refusal(exc.value, "tr") == {"birth_date": "Doğum tarihi 1 Ocak 1900'den önce olamaz."}
    assert not Household.objects.exists() and not Person.objects.exists()


def test_birth_date_in_the_future_is_refused_and_1900_is_accepted(caseworker, merkez):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        register(caseworker, merkez, person={"birth_date": tomorrow})
    assert refusal(exc.value, "en") == {"birth_date": "The birth date cannot be in the future."}
    assert refusal(exc.value, "tr") == {"birth_date": "Doğum tarihi ileri bir tarih olamaz."}

    household = register(caseworker, merkez, person={"birth_date": dt.date(1900, 1, 1)})
    assert household.memberships.get().person.birth_date == dt.date(1900, 1, 1)


def test_person_update_refuses_a_birth_date_of_1800_and_keeps_the_old_one(caseworker, merkez):
    person = household_with_members(merkez).memberships.get(role="reference").person

    with pytest.raises(ValidationError) as exc:
        person_update(actor=caseworker, person=person, data={"birth_date": dt.date(1800, 5, 17)})

    assert exc.value.message_dict["birth_date"] == [str(errors.ERR_BIRTH_DATE_TOO_EARLY)]
    person.refresh_from_db()
    assert person.birth_date == dt.date(1985, 5, 17)


@pytest.mark.parametrize("char", HIDDEN, ids=[f"U+{ord(c):04X}" for c in HIDDEN])
def test_every_hidden_character_is_found(char):
    assert hidden_character(f"Ay{char}şe") == f"U+{ord(char):04X}"


@pytest.mark.parametrize("text", ["Şükrü Işık", "Çağrı-Gülşen", "O'Neil", "محمد", "Мария", "Atatürk Cd. No: 12/3"])
def test_ordinary_names_in_any_script_have_no_hidden_character(text):
    assert hidden_character(text) is None


@pytest.mark.parametrize("field", ["first_name", "last_name", "phone"])
def test_person_text_with_a_hidden_character_is_refused_naming_the_field(caseworker, merkez, field):
    with pytest.raises(ValidationError) as exc:
        register(caseworker, merkez, person={field: "Ali\u202eQO"})

    assert set(refusal(exc.value, "en")) == {field}
    assert "(U+202E)" in refusal(exc.value, "en")[field]
    assert not Person.objects.exists()


def test_the_message_names_the_field_in_english_and_turkish(caseworker, merkez):
    with pytest.raises(ValidationError) as exc:
        register(caseworker, merkez, person={"first_name": "Ay\u200bşe"})

    assert refusal(exc.value, "en") == {
        "first_name": "First name contains an invisible or direction-changing character (U+200B); "
        "type it again without it."
    }
    assert refusal(exc.value, "tr") == {
        "first_name": "Ad alanında görünmeyen ya da yazı yönünü değiştiren bir karakter var (U+200B); "
        "bu karakter olmadan yeniden yazın."
    }


def test_household_address_phone_and_neighbourhood_with_hidden_characters_are_refused(caseworker, merkez):
    for over in (
        {"address_line": "Atatürk Cd.\u2067 12"},
        {"phone": "0555\u200d1234567"},
        {"neighbourhood": "Bağ\ufefflar"},
    ):
        with pytest.raises(ValidationError) as exc:
            register(caseworker, merkez, **over)
        assert set(refusal(exc.value, "en")) == set(over)
    assert not Household.objects.exists()


def test_household_update_refuses_hidden_characters_and_changes_nothing(caseworker, merkez):
    household = household_with_members(merkez)

    for data in ({"address_line": "Evil\u202e12"}, {"neighbourhood": "Yeni\u2066Mahalle"}):
        with pytest.raises(ValidationError):
            household_update(actor=caseworker, household=household, data=data)

    household.refresh_from_db()
    assert (household.address_line, household.neighbourhood.name) == ("", "BAĞLAR")


def test_person_update_refuses_a_right_to_left_override_in_the_surname(caseworker, merkez):
    person = household_with_members(merkez).memberships.get(role="reference").person
    surname = person.last_name

    with pytest.raises(ValidationError) as exc:
        person_update(actor=caseworker, person=person, data={"last_name": f"{surname}\u202e"})

    assert set(exc.value.message_dict) == {"last_name"}
    person.refresh_from_db()
    assert person.last_name == surname
