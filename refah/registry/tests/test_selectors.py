"""Jurisdiction scoping and person search (Turkish folding, typos)."""

import datetime as dt

import pytest

from refah.common.errors import NotFoundError, PermissionDeniedError
from refah.registry import selectors
from refah.registry.tests.factories import HouseholdFactory, MembershipFactory, PersonFactory, household_with_members

pytestmark = pytest.mark.django_db


def test_household_list_scoped_to_district(caseworker, other_caseworker, merkez, tuzluca):
    mine = household_with_members(merkez)
    theirs = household_with_members(tuzluca)
    assert list(selectors.household_list(user=caseworker)) == [mine]
    assert list(selectors.household_list(user=other_caseworker)) == [theirs]


def test_province_office_sees_all_districts(make_staff, office_province, merkez, tuzluca):
    a, b = household_with_members(merkez), household_with_members(tuzluca)
    user = make_staff(office_province, "caseworker")
    assert set(selectors.household_list(user=user)) == {a, b}


def test_household_get_outside_jurisdiction_is_not_found(caseworker, tuzluca):
    theirs = household_with_members(tuzluca)
    with pytest.raises(NotFoundError):
        selectors.access_household_by_id(user=caseworker, household_id=theirs.pk)
    with pytest.raises(NotFoundError):
        selectors.access_household_by_id(user=caseworker, household_id="not-a-uuid")


def test_user_without_office_sees_nothing(django_user_model, merkez):
    household_with_members(merkez)
    superuser = django_user_model.objects.create_superuser("root", password="x")
    assert list(selectors.household_list(user=superuser)) == []


def test_user_without_view_permission_refused(make_staff, office_merkez):
    user = make_staff(office_merkez, "caseworker")
    user.groups.clear()
    with pytest.raises(PermissionDeniedError):
        selectors.household_list(user=user)


@pytest.mark.parametrize(
    "query", ["Şükrü Yılmaz", "sukru yilmaz", "ŞÜKRÜ", "SUKRU YILMAZ", "Sukru Yilmz", "şükrü yılmas"]
)
def test_person_search_turkish_letters_and_typos(caseworker, merkez, query):
    hh = HouseholdFactory(district=merkez)
    target = MembershipFactory(household=hh, person=PersonFactory(first_name="Şükrü", last_name="Yılmaz")).person
    MembershipFactory(household=hh, role="child", person=PersonFactory(first_name="Ayten", last_name="Kaya"))
    assert target in selectors.person_search(user=caseworker, query=query)


def test_person_search_dotted_capital_i(caseworker, merkez):
    hh = HouseholdFactory(district=merkez)
    target = MembershipFactory(household=hh, person=PersonFactory(first_name="İbrahim", last_name="Işık")).person
    assert selectors.person_search(user=caseworker, query="ibrahim ışık") == [target]
    assert selectors.person_search(user=caseworker, query="IBRAHIM ISIK") == [target]


def test_person_search_by_tc_and_scope(caseworker, other_caseworker, merkez):
    person = MembershipFactory(household=HouseholdFactory(district=merkez)).person
    assert selectors.person_search(user=caseworker, query=person.national_id) == [person]
    assert selectors.person_search(user=other_caseworker, query=person.national_id) == []
    assert selectors.person_search(user=other_caseworker, query=person.first_name) == []


def test_person_who_moved_out_is_seen_by_new_office_only(caseworker, other_caseworker, merkez, tuzluca):
    person = PersonFactory()
    MembershipFactory(household=HouseholdFactory(district=merkez), person=person, left_on=dt.date(2024, 1, 1))
    MembershipFactory(household=HouseholdFactory(district=tuzluca), person=person, joined_on=dt.date(2024, 1, 1))
    assert selectors.person_search(user=other_caseworker, query=person.national_id) == [person]
    assert selectors.person_search(user=caseworker, query=person.national_id) == []
