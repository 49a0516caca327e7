"""Staff screens of the registry: rendering, jurisdiction, forms mapped to services, language."""

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from refah.accounts.enums import Role
from refah.audit.models import AuditEvent
from refah.registry import enums
from refah.registry.forms import parse_tl
from refah.registry.identity import ERR_CHECK_11
from refah.registry.models import Asset, Household, IncomeSource, Membership, Person
from refah.registry.tests.factories import (
    HouseholdFactory,
    MembershipFactory,
    PersonFactory,
    household_with_members,
    valid_tc,
)
from refah.registry.views.helpers import mask_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_for(client):
    def make(user):
        client.force_login(user)
        return client

    return make


@pytest.fixture
def household(merkez):
    household = household_with_members(merkez)
    household.reference_person = household.memberships.get(role=enums.Role.REFERENCE)
    return household


@pytest.fixture
def far_household(tuzluca):
    return household_with_members(tuzluca, children=1)


def household_urls(household) -> list[str]:
    membership = household.memberships.filter(left_on__isnull=True).first()
    urls = [
        reverse(f"registry:{name}", args=[household.pk])
        for name in ("household_detail", "household_edit", "member_add", "income_record", "asset_record")
    ]
    urls += [
        reverse(f"registry:{name}", args=[household.pk, membership.pk]) for name in ("member_remove", "member_move")
    ]
    return urls


def person_post(prefix: str = "members-0", **over) -> dict:
    data = {
        "role": "reference",
        "id_kind": "tc",
        "national_id": valid_tc(),
        "first_name": "Şükrü",
        "last_name": "Işık",
        "birth_date": "1979-04-12",
        "sex": "M",
        "marital_status": "married",
        "education_level": "primary",
        "employment_status": "unemployed",
        "social_security": "none",
        "health_insurance": "gss_state",
        "school_level": "none",
        "phone": "",
        "disability_percent": "0",
        "dependency": "none",
    }
    data.update(over)
    return {f"{prefix}-{k}": v for k, v in data.items()}


def register_post(district, *members: dict, **over) -> dict:
    data = {
        "district": str(district.pk),
        "neighbourhood": "Bağlar",
        "address_line": "Atatürk Cad. No: 47",
        "phone": "",
        "dwelling_type": "apartment",
        "tenure": "tenant",
        "monthly_rent": "1.250,50",
        "heating": "stove_coal",
        "rooms": "3",
        "members-TOTAL_FORMS": str(len(members) or 1),
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "1",
        "members-MAX_NUM_FORMS": "30",
    }
    for member in members or (person_post(),):
        data.update(member)
    data.update(over)
    return data


# Rendering and jurisdiction


def test_every_screen_renders_for_a_caseworker(client_for, caseworker, household):
    client = client_for(caseworker)
    urls = [
        reverse("registry:household_search"),
        reverse("registry:household_search") + "?q=Mehmet",
        reverse("registry:household_register"),
        reverse("registry:member_row") + "?members-TOTAL_FORMS=1",
        *household_urls(household),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"<label" in response.content or b"<table" in response.content or b"<fieldset" in response.content


def test_household_of_another_district_is_not_found_on_every_url(client_for, caseworker, far_household):
    client = client_for(caseworker)
    for url in household_urls(far_household):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "registry/household_detail.html" not in [t.name for t in response.templates]
        assert "404.html" in [t.name for t in response.templates]
    assert client.post(household_urls(far_household)[1], {"rooms": "9"}).status_code == 404


def test_malformed_household_id_is_not_found(client_for, caseworker):
    response = client_for(caseworker).get(reverse("registry:household_detail", args=["not-a-uuid"]))
    assert response.status_code == 404


def test_anonymous_user_is_sent_to_login(client, household):
    response = client.get(reverse("registry:household_detail", args=[household.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_login_page_is_turkish_by_default(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "tr"
    assert "Giriş yap" in response.text


def test_role_without_write_permission_gets_403_page(client_for, make_staff, office_merkez, household):
    manager = make_staff(office_merkez, Role.PROGRAM_MANAGER)
    client = client_for(manager)
    assert client.get(reverse("registry:household_register")).status_code == 403
    response = client.get(reverse("registry:household_edit", args=[household.pk]))
    assert response.status_code == 403
    assert "403.html" in [t.name for t in response.templates]


# Search


def test_search_by_turkish_name_finds_the_person_and_masks_the_number(client_for, caseworker, merkez):
    person = PersonFactory(first_name="Şükrü", last_name="Işık")
    MembershipFactory(person=person, household=HouseholdFactory(district=merkez))
    client = client_for(caseworker)
    for query in ("Şükrü Işık", "sukru isik", "ŞÜKRÜ"):
        response = client.get(reverse("registry:household_search"), {"q": query})
        assert "Şükrü Işık" in response.text, query
    assert mask_id(person.national_id) in response.text
    assert person.national_id not in response.text
    assert str(person.birth_date.year) in response.text


def test_search_does_not_show_people_of_another_district(client_for, caseworker, tuzluca):
    person = PersonFactory(first_name="Gülşen", last_name="Öztürk")
    MembershipFactory(person=person, household=HouseholdFactory(district=tuzluca))
    response = client_for(caseworker).get(reverse("registry:household_search"), {"q": "Gülşen Öztürk"})
    assert 'class="row-link"' not in response.text
    assert person.internal_id not in response.text and mask_id(person.national_id) not in response.text


def test_search_by_identity_number(client_for, caseworker, household):
    person = household.reference_person.person
    response = client_for(caseworker).get(reverse("registry:household_search"), {"q": person.national_id})
    assert person.full_name in response.text
    assert household.reference_code in response.text


def test_htmx_search_returns_only_the_results_with_a_live_status(client_for, caseworker, household):
    name = household.reference_person.person.first_name
    response = client_for(caseworker).get(
        reverse("registry:household_search"), {"q": name}, headers={"HX-Request": "true"}
    )
    assert "<html" not in response.text
    assert 'hx-swap-oob="innerHTML"' in response.text
    assert "HX-Request" in response["Vary"]


# Register


def test_invalid_tc_shows_the_field_error_and_stores_nothing(client_for, caseworker, merkez):
    good = valid_tc()
    bad = good[:10] + str((int(good[10]) + 1) % 10)
    response = client_for(caseworker).post(
        reverse("registry:household_register"), register_post(merkez, person_post(national_id=bad))
    )
    assert response.status_code == 400
    assert str(ERR_CHECK_11) in response.text
    assert 'id="id_members-0-national_id_error"' in response.text
    assert 'class="error-summary"' in response.text
    assert not Household.objects.exists()
    assert not Person.objects.exists()


def test_register_household_end_to_end(client_for, caseworker, merkez):
    client = client_for(caseworker)
    child = person_post(
        "members-1",
        role="child",
        first_name="Elif",
        birth_date="2016-06-05",
        sex="F",
        marital_status="single",
        employment_status="child",
        school_level="primary",
    )
    response = client.post(reverse("registry:household_register"), register_post(merkez, person_post(), child))
    household = Household.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("registry:household_detail", args=[household.pk])
    assert household.monthly_rent_kurus == 125_050
    assert household.neighbourhood.name == "BAĞLAR"
    assert household.registered_by == caseworker.staff.office
    assert Membership.objects.filter(household=household, left_on__isnull=True).count() == 2
    assert AuditEvent.objects.filter(action="household_register", household_id=household.pk).exists()
    detail = client.get(response["Location"])
    assert "Şükrü Işık" in detail.text and "Elif Işık" in detail.text
    assert "1.250,50 TL" in detail.text
    assert household.reference_code in detail.text


def test_register_needs_exactly_one_reference_person(client_for, caseworker, merkez):
    data = register_post(merkez, person_post(role="child"))
    response = client_for(caseworker).post(reverse("registry:household_register"), data)
    assert response.status_code == 400
    assert not Household.objects.exists()


def test_rent_for_an_owner_is_refused_by_the_service_next_to_the_field(client_for, caseworker, merkez):
    data = register_post(merkez, person_post(), tenure="owner")
    response = client_for(caseworker).post(reverse("registry:household_register"), data)
    assert response.status_code == 400
    assert 'id="id_monthly_rent_error"' in response.text
    assert not Household.objects.exists()


def test_add_member_row_without_javascript_keeps_the_data_and_adds_a_row(client_for, caseworker, merkez):
    data = register_post(merkez, person_post(first_name="Gülşen"), add_member="1")
    response = client_for(caseworker).post(reverse("registry:household_register"), data)
    assert response.status_code == 200
    assert 'name="members-1-first_name"' in response.text
    assert 'value="Gülşen"' in response.text
    assert not Household.objects.exists()


def test_htmx_member_row_updates_the_form_count(client_for, caseworker):
    response = client_for(caseworker).get(reverse("registry:member_row"), {"members-TOTAL_FORMS": "2"})
    assert 'name="members-2-first_name"' in response.text
    assert 'name="members-TOTAL_FORMS" id="id_members-TOTAL_FORMS" value="3" hx-swap-oob="true"' in response.text


# Edit, members, incomes, assets


def test_edit_household_records_before_and_after(client_for, caseworker, household):
    client = client_for(caseworker)
    data = {
        "district": str(household.district_id),
        "neighbourhood": "Karaağaç",
        "address_line": "İnönü Sok. 3",
        "dwelling_type": "gecekondu",
        "tenure": "tenant",
        "monthly_rent": "4500",
        "heating": "stove_wood",
        "rooms": "2",
    }
    response = client.post(reverse("registry:household_edit", args=[household.pk]), data)
    assert response.status_code == 302
    household.refresh_from_db()
    assert household.monthly_rent_kurus == 450_000
    assert household.neighbourhood.name == "KARAAĞAÇ"
    detail = client.get(reverse("registry:household_detail", args=[household.pk]))
    assert "Gecekondu" in detail.text
    assert "4.500,00 TL" in detail.text


def test_add_member(client_for, caseworker, household):
    data = {k.removeprefix("members-0-"): v for k, v in person_post(role="child", first_name="Ömer").items()}
    data["joined_on"] = "2024-05-01"
    response = client_for(caseworker).post(reverse("registry:member_add", args=[household.pk]), data)
    assert response.status_code == 302
    assert household.memberships.filter(person__first_name="Ömer", joined_on=dt.date(2024, 5, 1)).exists()


def test_add_member_as_second_reference_person_shows_the_service_error(client_for, caseworker, household):
    data = {k.removeprefix("members-0-"): v for k, v in person_post(role="reference").items()}
    data["joined_on"] = "2024-05-01"
    response = client_for(caseworker).post(reverse("registry:member_add", args=[household.pk]), data)
    assert response.status_code == 400
    assert 'id="id_role_error"' in response.text
    assert not Person.objects.filter(first_name="Şükrü", last_name="Işık").exists()


def test_remove_member_with_date_and_reason(client_for, caseworker, household):
    membership = household.memberships.filter(role=enums.Role.CHILD).first()
    url = reverse("registry:member_remove", args=[household.pk, membership.pk])
    response = client_for(caseworker).post(url, {"left_on": "2025-09-01", "reason": "Evlendi"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.left_on == dt.date(2025, 9, 1)
    assert membership.left_reason == "Evlendi"


def test_remove_member_in_the_future_is_refused_next_to_the_date(client_for, caseworker, household):
    membership = household.memberships.filter(role=enums.Role.CHILD).first()
    url = reverse("registry:member_remove", args=[household.pk, membership.pk])
    response = client_for(caseworker).post(url, {"left_on": "2999-01-01", "reason": "x"})
    assert response.status_code == 400
    assert 'id="id_left_on_error"' in response.text


def test_move_member_to_another_household(client_for, caseworker, household, merkez):
    target = household_with_members(merkez, children=0)
    membership = household.memberships.filter(role=enums.Role.CHILD).first()
    url = reverse("registry:member_move", args=[household.pk, membership.pk])
    data = {"to_household": target.reference_code, "role": "other", "on_date": "2025-10-01", "reason": "Evlilik"}
    response = client_for(caseworker).post(url, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("registry:household_detail", args=[target.pk])
    assert target.memberships.filter(person=membership.person, left_on__isnull=True).exists()


def test_move_member_to_a_household_of_another_district_is_a_field_error(
    client_for, caseworker, household, far_household
):
    membership = household.memberships.filter(role=enums.Role.CHILD).first()
    url = reverse("registry:member_move", args=[household.pk, membership.pk])
    data = {"to_household": far_household.reference_code, "role": "other", "on_date": "2025-10-01"}
    response = client_for(caseworker).post(url, data)
    assert response.status_code == 400
    assert 'id="id_to_household_error"' in response.text


def test_record_income_in_turkish_lira(client_for, caseworker, household):
    person = household.reference_person.person
    data = {
        "person": str(person.pk),
        "kind": "wage",
        "amount": "17.002,12",
        "period": "monthly",
        "start_date": "2025-01-01",
        "source": "declared",
    }
    client = client_for(caseworker)
    response = client.post(reverse("registry:income_record", args=[household.pk]), data)
    assert response.status_code == 302
    assert IncomeSource.objects.get(person=person).amount_kurus == 1_700_212
    assert "17.002,12 TL" in client.get(reverse("registry:household_detail", args=[household.pk])).text


def test_record_income_with_a_bad_amount_stores_nothing(client_for, caseworker, household):
    data = {
        "person": str(household.reference_person.person_id),
        "kind": "wage",
        "amount": "on yedi bin",
        "period": "monthly",
        "start_date": "2025-01-01",
        "source": "declared",
    }
    response = client_for(caseworker).post(reverse("registry:income_record", args=[household.pk]), data)
    assert response.status_code == 400
    assert 'id="id_amount_error"' in response.text
    assert not IncomeSource.objects.exists()


def test_record_asset(client_for, caseworker, household):
    data = {"kind": "vehicle", "description": "2009 Fiat Doblo", "value": "185000.00", "owner": "", "source": "egm"}
    response = client_for(caseworker).post(reverse("registry:asset_record", args=[household.pk]), data)
    assert response.status_code == 302
    asset = Asset.objects.get(household=household)
    assert asset.value_kurus == 18_500_000
    assert asset.owner is None


# Language and sensitive data


def test_turkish_is_the_default_and_english_works_with_the_cookie(client_for, caseworker, household):
    client = client_for(caseworker)
    url = reverse("registry:household_detail", args=[household.pk])
    turkish = client.get(url)
    assert turkish.headers["Content-Language"] == "tr"
    assert "Mevcut üyeler" in turkish.text
    assert "Hane reisi" in turkish.text
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url)
    assert english.headers["Content-Language"] == "en"
    assert "Current members" in english.text
    assert "Reference person" in english.text


def test_language_switcher_sets_the_cookie(client_for, caseworker):
    client = client_for(caseworker)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/registry/"})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_sensitive_data_hidden_without_permission(client_for, make_staff, office_merkez, caseworker, household):
    person = household.reference_person.person
    person.disability_percent, person.dependency = 72, enums.Dependency.FULL
    person.save()
    url = reverse("registry:household_detail", args=[household.pk])
    manager = make_staff(office_merkez, Role.PROGRAM_MANAGER)
    hidden = client_for(manager).get(url)
    assert hidden.status_code == 200
    assert "Tam bağımlı" not in hidden.text
    assert "%72" not in hidden.text
    assert "Sağlık ve engellilik bilgileri rolünüz için gizlidir." in hidden.text
    shown = client_for(caseworker).get(url)
    assert "Tam bağımlı" in shown.text
    assert "%72" in shown.text


# Money input


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1.250,50", Decimal("1250.50")),
        ("1250.50", Decimal("1250.50")),
        ("1,250.50", Decimal("1250.50")),
        ("1250,5", Decimal("1250.5")),
        ("1.250", Decimal("1250")),
        ("17.002,12 TL", Decimal("17002.12")),
        ("1.000.000", Decimal("1000000")),
        ("0", Decimal("0")),
    ],
)
def test_parse_tl_reads_turkish_and_english_amounts(text, amount):
    assert parse_tl(text) == amount


@pytest.mark.parametrize("text", ["abc", "-5", "1,2,3.4.5,6x", "12.345,678"])
def test_parse_tl_refuses_what_is_not_an_amount(text):
    with pytest.raises(ValidationError):
        parse_tl(text)


def test_screens_are_turkish_even_when_the_browser_prefers_english(caseworker):
    client = Client(headers={"Accept-Language": "en-US,en;q=0.9"})
    client.force_login(caseworker)
    response = client.get(reverse("registry:household_search"))
    assert response.headers["Content-Language"] == "tr"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.get(reverse("registry:household_search")).headers["Content-Language"] == "en"
