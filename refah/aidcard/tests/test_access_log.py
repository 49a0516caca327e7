"""The household's aid card page (members, cards, purses, statement) leaves exactly one access-log row;
a refused read leaves none."""

import pytest
from django.test import Client
from django.urls import reverse

from refah.audit.models import AccessEvent

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_card_page_is_one_row(finance, household):
    assert _client(finance).get(reverse("aidcard:household_card", args=[household.pk])).status_code == 200
    event = AccessEvent.objects.get()
    assert (event.actor, event.kind, event.channel, event.purpose) == (finance, "household", "screen", "payment")
    assert (event.object_type, event.object_id) == ("registry.household", str(household.pk))
    assert (event.household_id, event.district_id) == (household.pk, household.district_id)


def test_refused_card_page_logs_nothing(other_caseworker, household):
    assert _client(other_caseworker).get(reverse("aidcard:household_card", args=[household.pk])).status_code == 404
    assert not AccessEvent.objects.exists()
