"""The counter application form names programs in the UI language, never in English on a Turkish page."""

import pytest
from django.urls import reverse

from refah.eligibility.rules import PROGRAMS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang", ["tr", "en"])
def test_counter_form_lists_programs_by_their_label_in_the_ui_language(client, caseworker, household, lang):
    client.force_login(caseworker)
    client.cookies["django_language"] = lang
    form = client.get(reverse("cases:application_new"), {"household": household.pk}).context["form"]
    choices = dict(form.fields["programs"].choices)
    assert choices["family_support"] == PROGRAMS["family_support"].LABEL[lang]
    assert choices["heating_aid"] == PROGRAMS["heating_aid"].LABEL[lang]
