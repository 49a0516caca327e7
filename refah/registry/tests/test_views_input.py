"""The registry screens refuse what the services refuse, next to the field: birth dates before 1900, invisible and
direction-changing characters, amounts in other scripts' digits."""

import html

import pytest
from django.urls import reverse

from refah.registry import enums
from refah.registry.models import Household, IncomeSource, Person
from refah.registry.tests.factories import household_with_members
from refah.registry.tests.test_views import person_post, register_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_for(client):
    def make(user):
        client.force_login(user)
        return client

    return make


@pytest.fixture
def household(merkez):
    return household_with_members(merkez)


def test_register_with_a_birth_date_of_1800_shows_the_error_next_to_the_date(client_for, caseworker, merkez):
    data = register_post(merkez, person_post(birth_date="1800-01-01"))

    response = client_for(caseworker).post(reverse("registry:household_register"), data)

    assert response.status_code == 400
    assert 'id="id_members-0-birth_date_error"' in response.text
    assert "Doğum tarihi 1 Ocak 1900&#x27;den önce olamaz." in response.text
    assert not Household.objects.exists() and not Person.objects.exists()


def test_register_with_a_right_to_left_override_in_the_name_names_the_field(client_for, caseworker, merkez):
    data = register_post(merkez, person_post(first_name="Şükrü\u202eQO"))

    response = client_for(caseworker).post(reverse("registry:household_register"), data)

    assert response.status_code == 400
    text = html.unescape(response.text)
    assert "Ad alanında görünmeyen ya da yazı yönünü değiştiren bir karakter var (U+202E)" in text
    assert not Household.objects.exists() and not Person.objects.exists()


def test_add_member_with_a_zero_width_space_in_the_surname_is_a_field_error(client_for, caseworker, household):
    data = {k.removeprefix("members-0-"): v for k, v in person_post(role="child", last_name="Iş\u200bık").items()}
    data["joined_on"] = "2024-05-01"
    persons = Person.objects.count()

    response = client_for(caseworker).post(reverse("registry:member_add", args=[household.pk]), data)

    assert response.status_code == 400
    assert 'id="id_last_name_error"' in response.text
    assert Person.objects.count() == persons


def test_edit_household_with_a_bidi_isolate_in_the_address_is_a_field_error(client_for, caseworker, household):
    data = {
        "district": str(household.district_id),
        "neighbourhood": "Karaağaç",
        "address_line": "İnönü Sok.\u2066 3",
        "dwelling_type": "apartment",
        "tenure": "owner",
        "heating": "stove_wood",
        "rooms": "2",
    }

    response = client_for(caseworker).post(reverse("registry:household_edit", args=[household.pk]), data)

    assert response.status_code == 400
    assert 'id="id_address_line_error"' in response.text
    household.refresh_from_db()
    assert household.address_line == ""


@pytest.mark.parametrize("amount", ["٣٥٠٠", "３５００", "۳.۵۰۰,۰۰"])
def test_income_in_other_digits_stores_nothing(client_for, caseworker, household, amount):
    data = {
        "person": str(household.memberships.get(role=enums.Role.REFERENCE).person_id),
        "kind": "wage",
        "amount": amount,
        "period": "monthly",
        "start_date": "2025-01-01",
        "source": "declared",
    }

    response = client_for(caseworker).post(reverse("registry:income_record", args=[household.pk]), data)

    assert response.status_code == 400
    assert 'id="id_amount_error"' in response.text
    assert not IncomeSource.objects.exists()


def test_rooms_in_other_digits_are_refused(client_for, caseworker, household):
    data = {
        "district": str(household.district_id),
        "neighbourhood": "Bağlar",
        "dwelling_type": "apartment",
        "tenure": "owner",
        "heating": "stove_wood",
        "rooms": "٣",
    }

    response = client_for(caseworker).post(reverse("registry:household_edit", args=[household.pk]), data)

    assert response.status_code == 400
    assert 'id="id_rooms_error"' in response.text
