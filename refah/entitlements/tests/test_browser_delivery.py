"""In Chromium at phone width (390 px): the supervisor requests the cards the free-travel rule gives, prepares and
prints a batch; the caseworker finds the card by its number and records its delivery at a PTT branch to a proxy (the
proxy's name asked for first). No page scrolls sideways."""

import os

import pytest

from refah.entitlements.models import TravelCard
from refah.registry.tests.factories import valid_tc

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop in this thread

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def sign_in(browser, live_server, user):
    page = browser.new_page(viewport=PHONE, locale="tr-TR")
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Kullanıcı adı").fill(user.username)
    page.get_by_label("Parola").fill("pw-Refah-2026")
    page.get_by_role("button", name="Giriş yap").click()
    page.wait_for_url("**/registry/")
    return page


def no_sideways_scroll(page) -> None:
    page.wait_for_load_state()  # a form's answer may still be loading: its document is not there yet
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), page.url


def test_cards_printed_and_delivered_on_a_phone(live_server, browser, supervisor, clerk, travellers):
    boss = sign_in(browser, live_server, supervisor)
    boss.goto(f"{live_server.url}/entitlements/cards/")
    boss.get_by_role("button", name="Hak sahiplerine kart talep et").click()
    boss.get_by_text("4 kart talep edildi").wait_for()
    no_sideways_scroll(boss)
    boss.goto(f"{live_server.url}/entitlements/batches/")
    boss.get_by_role("button", name="Parti hazırla").click()
    boss.get_by_role("button", name="Basıldı olarak işaretle").click()
    boss.get_by_text("Parti basıldı").wait_for()
    no_sideways_scroll(boss)

    card = TravelCard.objects.get(person=travellers["old"])
    page = sign_in(browser, live_server, clerk)
    page.goto(f"{live_server.url}/entitlements/cards/")
    page.get_by_label("Kart numarası veya T.C. Kimlik No").fill(card.number)
    page.get_by_role("button", name="Süz").click()
    page.get_by_role("link", name=travellers["old"].full_name).click()
    page.get_by_role("link", name="Teslimi kaydet").click()
    no_sideways_scroll(page)
    page.get_by_label("PTT şubesi").check()
    page.get_by_label("Vekil", exact=True).check()
    page.get_by_role("button", name="Teslimi kaydet").click()
    page.get_by_text("Vekilin adını yazın.").first.wait_for()
    page.get_by_label("Vekilin adı").fill("Hasan Kaya")
    page.get_by_label("Vekilin T.C. Kimlik No'su").fill(valid_tc())
    page.get_by_role("button", name="Teslimi kaydet").click()
    page.get_by_text("Teslim kaydedildi.").wait_for()
    assert "Hasan Kaya" in page.inner_text("main")
    no_sideways_scroll(page)
    card.refresh_from_db()
    assert card.status == "delivered" and card.proxy_name == "Hasan Kaya" and card.delivery_place == "ptt"
