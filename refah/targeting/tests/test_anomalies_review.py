"""Reviewing a flag: a note (or a reason) is required, the review is audited, the evidence reads in words in
Turkish and English, and only inspectors and managers review."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from refah.accounts.enums import Role
from refah.audit.models import AuditEvent
from refah.common.errors import PermissionDeniedError, RefahError
from refah.targeting.anomalies import selectors, services
from refah.targeting.anomalies.models import AnomalyFlag
from refah.targeting.tests.outreach_world import household

pytestmark = pytest.mark.django_db


@pytest.fixture
def flag(merkez):
    for s in ("Arslan", "Bulut", "Ceylan"):
        household(district=merkez, surname=s, address="Cumhuriyet Sk. No 7")
    services.anomalies_find()
    return AnomalyFlag.objects.get()


@pytest.fixture
def inspector(make_staff, office_merkez):
    return make_staff(office_merkez, Role.INSPECTOR)


def test_a_review_needs_a_note_and_leaves_an_audit_record(flag, inspector):
    with pytest.raises(RefahError) as caught:
        services.flag_review(actor=inspector, flag_id=flag.pk, note="  ok ")
    assert caught.value.field == "note"
    flag.refresh_from_db()
    assert flag.status == "open"
    services.flag_review(actor=inspector, flag_id=flag.pk, note="Adreste yurt var, üç aile ayrı daireler.")
    flag.refresh_from_db()
    assert (flag.status, flag.reviewer) == ("reviewed", inspector)
    event = AuditEvent.objects.get(action="anomaly_flag_review")
    assert event.after["status"] == "reviewed" and event.household_id == flag.household_id
    with pytest.raises(RefahError):  # closed: no second review
        services.flag_dismiss(actor=inspector, flag_id=flag.pk, reason="Bir daha kapatmayı deniyorum.")


def test_a_dismissal_needs_a_reason(flag, inspector):
    with pytest.raises(RefahError) as caught:
        services.flag_dismiss(actor=inspector, flag_id=flag.pk, reason="")
    assert caught.value.field == "note"
    services.flag_dismiss(actor=inspector, flag_id=flag.pk, reason="Kayıt hatası, adres düzeltildi.")
    assert AnomalyFlag.objects.get().status == "dismissed"
    assert AuditEvent.objects.filter(action="anomaly_flag_dismiss").count() == 1


def test_a_caseworker_cannot_review(flag, caseworker):
    with pytest.raises(PermissionDeniedError):
        services.flag_review(actor=caseworker, flag_id=flag.pk, note="Bakmadan kapatıyorum, olmaz.")


def test_the_evidence_in_words_in_both_languages(flag, inspector):
    with translation.override("en"):
        words = selectors.flag_get(user=inspector, flag_id=flag.pk).words
    assert words.startswith("3 households with different surnames") and "Cumhuriyet Sk. No 7" in words
    with translation.override("tr"):
        words = selectors.flag_get(user=inspector, flag_id=flag.pk).words
    assert "Farklı soyadlı" in words and "Cumhuriyet Sk. No 7" in words


def test_the_review_screen(flag, inspector):
    client = Client()
    client.force_login(inspector)
    assert flag.household.reference_code in client.get(reverse("anomalies:list")).content.decode()
    url = reverse("anomalies:detail", args=[flag.pk])
    page = client.post(url, {"action": "review", "note": "kısa"})
    assert page.status_code == 400 and "aria-invalid" in page.content.decode()
    page = client.post(url, {"action": "dismiss", "note": "Aynı binada ayrı daireler, sorun yok."})
    assert page.status_code == 302 and AnomalyFlag.objects.get().status == "dismissed"
