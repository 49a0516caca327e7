"""The care screens: the institutions list with occupancy, an institution's residents and waiting list with
points, the discharge that offers the place, the entry page's acceptance, the children's pages."""

import datetime as dt

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from refah.care import errors
from refah.care.enums import InstitutionKind, WaitingStatus
from refah.care.models import Placement, WaitingEntry
from refah.care.services import decision_record, placement_create, waiting_add
from refah.care.tests.factories import InstitutionFactory, alone
from refah.registry.tests.factories import household_with_members

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def home(directorate, merkez):
    return InstitutionFactory(
        kind=InstitutionKind.UMUT_EVI, capacity=1, office=directorate, district=merkez, name="Iğdır Umut Evi"
    )


def test_list_institution_discharge_and_accept(supervisor, home, merkez):
    client = _client(supervisor)
    household, resident = alone(merkez, age=40, disability_percent=90)
    placement = placement_create(actor=supervisor, institution=home, person=resident, household=household)
    waiting_household, waiting = alone(merkez, age=40, disability_percent=90)
    entry = waiting_add(actor=supervisor, person=waiting, household=waiting_household, kind=home.kind)

    page = client.get(reverse("care:home")).content.decode()
    assert "Iğdır Umut Evi" in page and "<meter" in page
    page = client.get(reverse("care:institution", args=[home.pk])).content.decode()
    assert resident.full_name in page and waiting.full_name in page
    assert "+30" in page  # lives alone

    answer = client.post(
        reverse("care:discharge", args=[placement.pk]),
        {"ended_on": timezone.localdate().isoformat(), "reason": "returned_home", "note": ""},
    )
    assert answer.status_code == 302
    entry.refresh_from_db()
    assert entry.status == WaitingStatus.OFFERED
    answer = client.post(reverse("care:entry", args=[entry.pk]), {"action": "accept"})
    assert answer.status_code == 302
    assert Placement.objects.get(person=waiting, ended_on__isnull=True).institution == home


def test_a_full_institution_says_so(supervisor, home, merkez):
    client = _client(supervisor)
    household, resident = alone(merkez, age=40, disability_percent=90)
    placement_create(actor=supervisor, institution=home, person=resident, household=household)
    other_household, other = alone(merkez, age=40, disability_percent=90)
    entry = waiting_add(actor=supervisor, person=other, household=other_household, kind=home.kind)
    answer = client.post(reverse("care:place", args=[home.pk]), {"entry": str(entry.pk)}, follow=True)
    with translation.override(settings.LANGUAGE_CODE):
        said = str(errors.ERR_FULL % {"name": home.name, "occupied": 1, "capacity": 1})
    assert escape(said) in answer.content.decode()
    assert WaitingEntry.objects.get(pk=entry.pk).status == WaitingStatus.WAITING


def test_waiting_add_from_the_household(caseworker, merkez, home):
    household, person = alone(merkez, age=40, disability_percent=90)
    client = _client(caseworker)
    url = reverse("care:waiting_add", args=[household.pk])
    assert client.get(url).status_code == 200
    answer = client.post(url, {"person": str(person.pk), "kind": "umut_evi", "institution": "", "referral": ""})
    assert answer.status_code == 302
    assert WaitingEntry.objects.get().owner == caseworker
    # found from the list page by the household number
    answer = client.get(reverse("care:waiting"), {"household": household.reference_code})
    assert answer.status_code == 302 and answer.url == url


def test_children_pages(social_worker, merkez):
    household = household_with_members(merkez)
    child = household.memberships.filter(role="child").first().person
    today = timezone.localdate()
    decision_record(
        actor=social_worker,
        child=child,
        household=household,
        kind="care",
        court="Iğdır 1. Aile Mahkemesi",
        decided_on=today,
        review_on=today + dt.timedelta(days=90),
    )
    client = _client(social_worker)
    assert child.full_name in client.get(reverse("care:children")).content.decode()
    page = client.get(reverse("care:child", args=[child.pk])).content.decode()
    assert "Iğdır 1. Aile Mahkemesi" in page
    assert client.get(reverse("care:creche")).status_code == 200
    assert client.get(reverse("care:decision_add", args=[household.pk])).status_code == 200


def test_priority_page_in_turkish(caseworker):
    client = _client(caseworker)
    page = client.get(reverse("care:priority"), headers={"accept-language": "tr"}).content.decode()
    assert "Yalnız yaşıyor" in page
