"""Screens: a person's page, merging a second record from it, the merged record's page, the merges with undo."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from refah.registry import enums
from refah.registry.models import Person, PersonMerge
from refah.registry.services import person_merge
from refah.registry.tests.factories import HouseholdFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(merkez):
    household = HouseholdFactory(district=merkez)
    hatice = PersonFactory(first_name="Hatice", last_name="Arslan")
    again = PersonFactory(first_name="Hatice", last_name="Arslan", national_id=None, id_kind=enums.IdKind.INTERNAL)
    MembershipFactory(household=household, person=hatice, role=enums.Role.REFERENCE)
    MembershipFactory(household=household, person=again, role=enums.Role.OTHER, joined_on=dt.date(2022, 5, 1))
    return household, hatice, again


@pytest.fixture
def client(caseworker):
    client = Client(headers={"Accept-Language": "tr"})
    client.force_login(caseworker)
    return client


def test_merge_from_the_person_page(client, pair):
    household, hatice, again = pair
    page = client.get(reverse("registry:household_detail", args=[household.pk])).content.decode()
    assert reverse("registry:person_detail", args=[hatice.pk]) in page  # members link to their page
    form = client.get(reverse("registry:person_merge", args=[hatice.pk]))
    assert form.status_code == 200 and "Bir kişinin iki kaydını birleştir" in form.content.decode()
    response = client.post(
        reverse("registry:person_merge", args=[hatice.pk]),
        {"other": again.internal_id, "keep": "this", "reason": "Aynı kişi."},
    )
    assert response.status_code == 302 and response["Location"] == reverse("registry:person_detail", args=[hatice.pk])
    assert Person.objects.get(pk=again.pk).merged_into == hatice


def test_the_merged_records_page_says_whom_it_was_merged_into(client, caseworker, pair):
    household, hatice, again = pair
    person_merge(actor=caseworker, keep=hatice, drop=again, reason="Aynı kişi.")
    page = client.get(reverse("registry:person_detail", args=[again.pk])).content.decode()
    assert "Başka bir kayda birleştirildi" in page
    assert reverse("registry:person_detail", args=[hatice.pk]) in page
    household = client.get(reverse("registry:household_detail", args=[household.pk])).content.decode()
    assert "Bir kişinin iki kaydı birleştirildi" in household  # on the household's audit trail
    assert "İki kez kaydedilmiş: başka bir kayda birleştirildi" in household  # the voided membership's reason


def test_a_refused_merge_is_a_form_error_and_nothing_changes(client, pair, merkez):
    _household, hatice, _again = pair
    twin = PersonFactory(first_name="Hatice", last_name="Arslan")
    MembershipFactory(household=HouseholdFactory(district=merkez), person=twin)
    response = client.post(
        reverse("registry:person_merge", args=[hatice.pk]),
        {"other": twin.national_id, "keep": "this", "reason": "Aynı kişi."},
    )
    assert response.status_code == 400 and "ikizler" in response.content.decode()
    unknown = client.post(
        reverse("registry:person_merge", args=[hatice.pk]), {"other": "R9999999999", "keep": "this", "reason": "X"}
    )
    assert unknown.status_code == 400 and "Kişi bulunamadı" in unknown.content.decode()
    assert not PersonMerge.objects.exists()


def test_the_merges_list_and_undo(client, caseworker, pair):
    _household, hatice, again = pair
    merge = person_merge(actor=caseworker, keep=hatice, drop=again, reason="Aynı kişi, iki kez kayıtlı.")
    page = client.get(reverse("registry:merge_list")).content.decode()
    assert "Birleştirilen kayıtlar" in page and "Aynı kişi, iki kez kayıtlı." in page
    refused = client.post(reverse("registry:merge_undo", args=[merge.pk]), {"reason": ""})
    assert refused.status_code == 302 and PersonMerge.objects.get().undone_at is None
    done = client.post(reverse("registry:merge_undo", args=[merge.pk]), {"reason": "Yanlış.", "back": "keep"})
    assert done["Location"] == reverse("registry:person_detail", args=[hatice.pk])
    assert PersonMerge.objects.get().undone_reason == "Yanlış."
