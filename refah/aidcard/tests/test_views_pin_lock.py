"""The card's staff screen shows a PIN lock and why, and unlocks it for staff with the permission."""

import pytest
from django.test import override_settings
from django.urls import reverse

from refah.aidcard import services
from refah.aidcard.errors import DeclinedError
from refah.aidcard.models import Card
from refah.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def locked(finance, shop, household):
    card, number = services.card_issue(actor=finance, household=household, pin="4321")
    for n in range(3):
        with pytest.raises(DeclinedError):
            services.hold_authorise(
                merchant=shop, card_number=number, purse="food", amount=1, idempotency_key=f"w{n}", pin="0000"
            )
    return card


def test_the_page_shows_the_lock_and_unlocks_it(client, finance, household, locked):
    client.force_login(finance)
    url = reverse("aidcard:household_card", args=[household.pk])
    page = client.get(url).content.decode()
    assert "Şifre kilitli" in page and "art arda 3 yanlış şifre girildi, sonuncusu Ağrı Bakkal" in page  # why
    assert reverse("aidcard:card_pin_unblock", args=[household.pk]) in page
    response = client.post(reverse("aidcard:card_pin_unblock", args=[household.pk]), {"pin": "2468"})
    assert response.status_code == 302
    card = Card.objects.get(pk=locked.pk)
    assert not card.pin_locked and card.pin_failures == 0
    assert AuditEvent.objects.get(action="aidcard_pin_unblock").after["pin_changed"] is True
    assert "Şifre kilitli" not in client.get(url).content.decode()


def test_no_unlock_without_the_permission(client, make_staff, office_merkez, household, locked):
    auditor = make_staff(office_merkez, "auditor")
    client.force_login(auditor)
    page = client.get(reverse("aidcard:household_card", args=[household.pk])).content.decode()
    assert "Şifre kilitli" in page and reverse("aidcard:card_pin_unblock", args=[household.pk]) not in page
    response = client.post(reverse("aidcard:card_pin_unblock", args=[household.pk]))
    assert response.status_code == 403
    assert Card.objects.get(pk=locked.pk).pin_locked


@override_settings(AIDCARD_TERMINAL_FAILURES=2)
def test_the_merchant_page_marks_a_paused_terminal(client, finance, shop):
    terminal, _ = services.terminal_create(actor=finance, merchant=shop, name="Kasa 1")
    client.force_login(finance)
    url = reverse("aidcard:merchant_detail", args=[shop.pk])
    assert "duraklatıldı" not in client.get(url).content.decode()
    for n in range(2):
        with pytest.raises(DeclinedError):
            services.hold_authorise(
                merchant=shop, terminal=terminal, card_number="0", purse="food", amount=1, idempotency_key=f"u{n}"
            )
    assert "saatine kadar duraklatıldı: reddedilen kart sayısı çok fazla" in client.get(url).content.decode()
