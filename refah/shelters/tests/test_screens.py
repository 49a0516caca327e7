"""The sealed screens: named staff work a case through them; anyone else gets the 404 of a wrong id (pages) or
the 403 of a missing permission (the unit list), and never the address."""

import html

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from refah.shelters import errors
from refah.shelters.models import ShelterStay
from refah.shelters.tests.conftest import ADDRESS

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_named_staff_work_a_case_through_the_screens(sealed, case):
    worker = _client(sealed.worker)
    home = worker.get(reverse("shelters:home")).content.decode()
    assert sealed.sonim.name in home and sealed.shelter.name not in home
    page = worker.get(reverse("shelters:unit", args=[sealed.sonim.pk])).content.decode()
    assert case.reference in page and sealed.shelter.name in page and ADDRESS not in page
    assert worker.get(reverse("shelters:case", args=[case.pk])).status_code == 200
    today = timezone.localdate().isoformat()
    steps = [
        ("shelters:note_add", {"text": "Görüşme yapıldı"}),
        ("shelters:case_risk", {"risk_level": "high"}),
        (
            "shelters:order_add",
            {"kind": "no_approach", "issuer": "judge", "issued_on": today, "starts_on": today, "ends_on": today},
        ),
        ("shelters:stay_add", {"shelter": str(sealed.shelter.pk), "children": "2", "started_on": today}),
        ("shelters:referral_add", {"to_kind": "legal_aid", "reason": "Nafaka davası"}),
    ]
    for name, data in steps:
        response = worker.post(reverse(name, args=[case.pk]), data)
        assert response.status_code == 302, (name, response.content.decode()[:2000])
    case.refresh_from_db()
    assert case.risk_level == "high" and case.orders.count() == 1 and case.referrals_out.count() == 1
    page = worker.get(reverse("shelters:case", args=[case.pk])).content.decode()
    assert "Görüşme yapıldı" in page and sealed.shelter.name in page and ADDRESS not in page
    # the shelter's own staff see the address and who stays
    keeper = _client(sealed.keeper)
    shelter_page = keeper.get(reverse("shelters:unit", args=[sealed.shelter.pk])).content.decode()
    assert ADDRESS in shelter_page and case.person.last_name in shelter_page
    stay = ShelterStay.objects.get()
    assert keeper.post(reverse("shelters:stay_end", args=[stay.pk]), {}).status_code == 302
    assert worker.post(reverse("shelters:case_close", args=[case.pk]), {"reason": "safe"}).status_code == 302
    case.refresh_from_db()
    assert case.status == "closed"


def test_a_full_shelter_is_a_form_error(sealed, case):
    response = _client(sealed.worker).post(
        reverse("shelters:stay_add", args=[case.pk]), {"shelter": str(sealed.shelter.pk), "children": "3"}
    )
    with translation.override(settings.LANGUAGE_CODE):
        message = html.escape(str(errors.ERR_SHELTER_FULL % {"free": 3, "asked": 4}))
    assert response.status_code == 200 and message in response.content.decode()
    assert not ShelterStay.objects.exists()


def test_everyone_else_gets_not_found_and_never_the_address(sealed, case):
    others = [sealed.supervisor, sealed.auditor, sealed.admin, sealed.outsider, sealed.keeper]
    for user in others:
        client = _client(user)
        for url in (
            reverse("shelters:case", args=[case.pk]),
            reverse("shelters:unit", args=[sealed.sonim.pk]),
            reverse("shelters:unit_audit", args=[sealed.sonim.pk]),
            reverse("shelters:intake", args=[sealed.sonim.pk]),
        ):
            response = client.get(url)
            assert response.status_code == 404, (user, url)
            assert case.reference not in response.content.decode()
        assert client.get(reverse("shelters:home")).status_code == (200 if user == sealed.keeper else 403)
    naming = _client(sealed.admin).get(reverse("shelters:naming")).content.decode()
    assert sealed.shelter.name in naming and ADDRESS not in naming and case.reference not in naming


def test_break_glass_screen(sealed, case):
    client = _client(sealed.supervisor)
    refused = client.post(reverse("shelters:break_glass"), {"who": case.reference, "reason": "acil"})
    assert refused.status_code == 200 and "errorlist" in refused.content.decode()
    opened = client.post(
        reverse("shelters:break_glass"), {"who": case.reference, "reason": "Kolluk acil bilgi istiyor, hayati risk"}
    )
    assert opened.status_code == 302 and opened["Location"] == reverse("shelters:case", args=[case.pk])
    page = client.get(opened["Location"]).content.decode()
    assert case.reference in page and "Add the note" not in page and ADDRESS not in page
    assert _client(sealed.auditor).get(reverse("shelters:break_glass")).status_code == 403
