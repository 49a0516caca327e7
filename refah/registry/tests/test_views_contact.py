"""Staff change a member's mobile on the household page: Turkish mobile format, permission, jurisdiction, audited."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from refah.accounts.enums import Role
from refah.audit.models import AuditEvent
from refah.registry import enums, errors
from refah.registry.models import Person
from refah.registry.services import person_update
from refah.registry.tests.factories import household_with_members

pytestmark = pytest.mark.django_db


@pytest.fixture
def household(merkez):
    return household_with_members(merkez)


def _reference(household):
    return household.memberships.get(role=enums.Role.REFERENCE, left_on__isnull=True)


def _url(household, membership) -> str:
    return reverse("registry:member_contact", args=[household.pk, membership.pk])


def test_a_caseworker_sets_a_phone_written_any_usual_way_and_it_is_audited(client, caseworker, household):
    membership = _reference(household)
    client.force_login(caseworker)

    page = client.get(reverse("registry:household_detail", args=[household.pk]))
    assert _url(household, membership) in page.content.decode()
    response = client.post(_url(household, membership), {"phone": "+90 (532) 123 45-67"})

    assert response.status_code == 302
    person = Person.objects.get(pk=membership.person_id)
    assert person.phone == "05321234567"
    event = AuditEvent.objects.filter(action="person_update", object_id=str(person.pk)).latest("at")
    assert (event.before["phone"], event.after["phone"]) == ("", "05321234567")
    assert event.household_id == household.pk
    detail = client.get(reverse("registry:household_detail", args=[household.pk])).content.decode()
    assert 'href="tel:05321234567"' in detail


@pytest.mark.parametrize("typed", ["0312 123 45 67", "0532 123 45", "٠٥٣٢١٢٣٤٥٦٧", "abc"])
def test_a_number_that_is_not_a_turkish_mobile_is_refused_in_the_users_language(client, caseworker, household, typed):
    membership = _reference(household)
    client.force_login(caseworker)

    response = client.post(_url(household, membership), {"phone": typed}, HTTP_ACCEPT_LANGUAGE="tr")

    assert response.status_code == 400
    with translation.override("tr"):
        assert str(errors.ERR_MOBILE_FORMAT) in response.content.decode()
        assert "Türkiye cep telefonu" in str(errors.ERR_MOBILE_FORMAT)
    assert Person.objects.get(pk=membership.person_id).phone == ""


def test_roles_without_the_person_permission_get_403_and_see_no_button(client, make_staff, office_merkez, household):
    membership = _reference(household)
    committee = make_staff(office_merkez, Role.COMMITTEE_MEMBER)
    client.force_login(committee)

    assert client.get(_url(household, membership)).status_code == 403
    assert client.post(_url(household, membership), {"phone": "05321234567"}).status_code == 403
    page = client.get(reverse("registry:household_detail", args=[household.pk])).content.decode()
    assert _url(household, membership) not in page
    assert Person.objects.get(pk=membership.person_id).phone == ""


def test_another_districts_caseworker_gets_404(client, other_caseworker, household):
    client.force_login(other_caseworker)
    assert client.get(_url(household, _reference(household))).status_code == 404


def test_the_service_normalises_a_new_phone_and_keeps_an_old_one_as_it_was(caseworker, household):
    person = _reference(household).person
    Person.objects.filter(pk=person.pk).update(phone="0476 227 00 00")  # a landline from before the rule
    person.refresh_from_db()

    renamed = person_update(actor=caseworker, person=person, data={"first_name": "Ayşegül"})
    assert renamed.phone == "0476 227 00 00"
    with pytest.raises(ValidationError) as refused:
        person_update(actor=caseworker, person=person, data={"phone": "0476 227 00 01"})
    assert refused.value.message_dict == {"phone": [str(errors.ERR_MOBILE_FORMAT)]}
    assert person_update(actor=caseworker, person=person, data={"phone": "5051112233"}).phone == "05051112233"
