"""The screens: refer from the household's section, record an offer, the offer/answer form, judge the refusals, the
sanction on the household page and its own page with the objection; the citizen's offers in the portal."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from refah.employment.enums import Answer, Validity
from refah.employment.models import Offer, Referral, Sanction
from refah.payments.tests.factories import decision
from refah.portal.session import PORTAL_KEY


@pytest.fixture
def staff(caseworker):
    client = Client()
    client.force_login(caseworker)
    return client


def citizen_client(person) -> Client:
    client = Client()
    session = client.session
    now = timezone.now().timestamp()
    session[PORTAL_KEY] = {"person": str(person.pk), "since": now, "seen": now}
    session.save()
    return client


def record_offer(staff, referral, **over):
    today = timezone.localdate()
    data = {
        "kind": "job",
        "title": "Depo görevlisi",
        "employer": "Aras Lojistik",
        "monthly_wage": "25.000,00",
        "distance_km": "8",
        "offered_on": today.isoformat(),
        "answer_by": (today + dt.timedelta(days=7)).isoformat(),
        **over,
    }
    return staff.post(reverse("employment:offer_add", args=[referral.pk]), data)


def test_refer_record_answer_and_judge_through_the_screens(staff, family, caseworker, office_merkez):
    household, murat, *_ = family
    decision(household, "family_support", office=office_merkez, user=caseworker)
    panel = staff.get(reverse("employment:household_panel", args=[household.pk]), headers={"HX-Request": "true"})
    assert panel.status_code == 200 and "İŞKUR'a yönlendir" in panel.content.decode()

    referred = staff.post(reverse("employment:refer", args=[murat.pk]), follow=True)
    assert referred.status_code == 200 and "İstihdam geçmişi" in referred.content.decode()
    referral = Referral.objects.get(person=murat)
    wrong = record_offer(staff, referral, answer_by=(timezone.localdate() - dt.timedelta(days=1)).isoformat())
    assert wrong.status_code == 400 and "Cevap tarihi teklif tarihinden önce olamaz" in wrong.content.decode()
    for _ in range(3):
        assert record_offer(staff, referral).status_code == 302
    for offer in Offer.objects.filter(referral=referral):
        page = reverse("employment:offer", args=[offer.pk])
        bad = staff.post(page, {"action": "answer", "answer": "refused", "reason": "weather"})
        assert bad.status_code == 400
        assert staff.post(page, {"action": "answer", "answer": "refused", "reason": "no_reason"}).status_code == 302
        judged = staff.post(page, {"action": "validity", "valid": "no", "justification": "Gerekçe yok."}, follow=True)
        assert judged.status_code == 200
    assert "gelecek ay yaptırım başlıyor" in judged.content.decode()
    assert Offer.objects.filter(validity=Validity.INVALID).count() == 3

    sanction = Sanction.objects.get()
    text = staff.get(reverse("employment:household_panel", args=[household.pk]), headers={"HX-Request": "true"})
    text = text.content.decode()
    assert 'id="work-sanction"' in text and "%25" in text  # the first month withholds a quarter
    page = staff.get(reverse("employment:sanction", args=[sanction.pk])).content.decode()
    assert "Neden: retler" in page and page.count("Gerekçe yok.") == 3 and 'id="object-form"' in page
    filed = staff.post(
        reverse("employment:sanction", args=[sanction.pk]),
        {"action": "object", "reason": "Tekliflerden haberi olmadı."},
        follow=True,
    )
    assert "İtiraz kaydedildi" in filed.content.decode()
    home = staff.get(reverse("employment:home")).content.decode()
    assert murat.full_name in home and household.reference_code in home


def test_the_citizen_sees_the_offers_and_answers_with_a_reason(family, caseworker):
    household, murat, selin, *_ = family
    staff = Client()
    staff.force_login(caseworker)
    staff.post(reverse("employment:refer", args=[murat.pk]))
    referral = Referral.objects.get(person=murat)
    record_offer(staff, referral)
    record_offer(staff, referral, offered_on="2026-01-05", answer_by="2026-01-10", title="Eski teklif")
    portal = citizen_client(murat)
    listed = portal.get(reverse("portal:work")).content.decode()
    assert "Depo görevlisi" in listed and "Eski teklif" in listed
    offer = Offer.objects.get(title="Depo görevlisi")
    form = portal.get(reverse("portal:offer_answer", args=[offer.pk]))
    assert form.status_code == 200 and "Neden reddediyorsunuz?" in form.content.decode()
    missing = portal.post(reverse("portal:offer_answer", args=[offer.pk]), {"answer": "refused"})
    assert missing.status_code == 400 and "Reddin nedeni yazılmalı" in missing.content.decode()
    sent = portal.post(reverse("portal:offer_answer", args=[offer.pk]), {"answer": "refused", "reason": "care_duty"})
    assert sent.status_code == 302
    offer.refresh_from_db()
    assert (offer.answer, offer.refusal_reason, offer.answer_channel) == (Answer.REFUSED, "care_duty", "portal")
    late = Offer.objects.get(title="Eski teklif")
    refused = portal.post(reverse("portal:offer_answer", args=[late.pk]), {"answer": "accepted"})
    assert refused.status_code == 400 and Offer.objects.get(pk=late.pk).answer == Answer.PENDING
    assert citizen_client(selin).get(reverse("portal:offer_answer", args=[offer.pk])).status_code == 404
