"""Applying again for a program the household has: the refusal says why (in force, decided, or still open),
names the program as people do, in Turkish and English, and never shows its code (issue 12, item 5)."""

import pytest
from django.urls import reverse
from django.utils import translation

from refah.cases import services
from refah.cases.models import Application
from refah.cases.tests.conftest import adults
from refah.common.errors import ConflictError
from refah.eligibility.catalogue import program_label

pytestmark = pytest.mark.django_db


def _decide(application, committee, outcome="approved"):
    decisions = [{"program": "family_support", "outcome": outcome, "amount_kurus": 125_000, "reason_codes": []}]
    services.case_record_decision(
        actor=committee, application=application, decisions=decisions, meeting_ref="2026/03", justification="Seen."
    )


def _refusal(submit, household, lang: str) -> ConflictError:
    with translation.override(lang), pytest.raises(ConflictError) as exc:
        submit(household, programs=["family_support"])
    return exc.value


def test_open_application_refusal_names_the_program_and_reference(submit, household):
    first = submit(household)
    for lang, words in (("tr", "açık bir başvurusu"), ("en", "open application")):
        refusal = _refusal(submit, household, lang)
        text = str(refusal.message)
        assert refusal.code == "open_application"
        assert program_label("family_support", lang) in text and first.reference in text and words in text, text
        assert "family_support" not in text


def test_approved_program_refusal_says_it_is_in_force(awaiting, committee, submit, household):
    _decide(awaiting, committee)
    for lang, words in (("tr", "zaten onaylanmış"), ("en", "already approved")):
        refusal = _refusal(submit, household, lang)
        text = str(refusal.message)
        assert refusal.code == "program_in_force"
        assert program_label("family_support", lang) in text and awaiting.reference in text and words in text, text
        assert "family_support" not in text and "must be decided" not in text


def test_rejected_program_under_objection_is_refused_as_decided(awaiting, committee, caseworker, submit, household):
    _decide(awaiting, committee, outcome="rejected")
    services.objection_file(actor=caseworker, application=awaiting, reason="The visit missed the rent.")
    refusal = _refusal(submit, household, "en")
    assert refusal.code == "program_decided" and "Rejected" in str(refusal.message)


def test_counter_screen_shows_the_in_force_refusal(client, awaiting, committee, caseworker, household):
    _decide(awaiting, committee)
    client.force_login(caseworker)
    data = {"household": household.pk, "programs": ["family_support"], "consents": [p.pk for p in adults(household)]}
    response = client.post(reverse("cases:application_new"), data, HTTP_ACCEPT_LANGUAGE="tr")
    page = response.content.decode()
    assert response.status_code == 200 and Application.objects.count() == 1
    assert "zaten onaylanmış" in page and "Aile Destek Programı" in page and awaiting.reference in page
    assert "family_support" not in response.context["form"].non_field_errors()[0]
