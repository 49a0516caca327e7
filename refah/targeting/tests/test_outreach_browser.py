"""In Chromium on a phone (390 px), in Turkish: the foundation's caseworker opens Outreach from the menu, sees the
take-up table, opens the call list with the household that has not applied, and runs the what-if with a bad budget
(the reason, in Turkish) and then a good one — no sideways scroll anywhere, no English or raw codes on the way."""

import os

import pytest

from refah.targeting.tests.outreach_world import eligible, household

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop in this thread

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def _no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_phone_outreach_in_turkish(live_server, browser, merkez, caseworker):
    waiting = household(district=merkez, surname="Bozkurt", phone="05551112233", wage_kurus=500_000)
    eligible(waiting)
    page = browser.new_page(viewport=PHONE, locale="tr-TR", is_mobile=True, has_touch=True)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Kullanıcı adı").fill(caseworker.username)
    page.get_by_label("Parola").fill("pw-Refah-2026")
    page.get_by_role("button", name="Giriş yap").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/targeting/outreach/")
    text = page.inner_text("body")
    assert "Başvurmamış, hak sahibi olması muhtemel haneler" in text and "İlçelere göre başvuru oranı" in text
    assert "Take-up" not in text and _no_sideways_scroll(page)

    page.get_by_role("link", name="Vakıf için arama listesi (adlar, adresler, telefonlar)").click()
    page.wait_for_url("**/calls/")
    text = page.inner_text("body")
    assert waiting.reference_code in text and "05551112233" in text and "Kurallar" in text
    assert _no_sideways_scroll(page)

    page.goto(f"{live_server.url}/targeting/outreach/gap/")
    page.get_by_label("Aylık bütçe (TL)").fill("çok")
    page.get_by_label("Yetişkin eşdeğeri başına aylık yoksulluk sınırı (TL)").fill("10000")
    with page.expect_navigation():
        page.get_by_role("button", name="Simüle et").click()
    assert "Bütçeyi sıfırdan büyük bir TL tutarı olarak girin" in page.inner_text("body")
    page.get_by_label("Aylık bütçe (TL)").fill("50000")
    with page.expect_navigation():
        page.get_by_role("button", name="Simüle et").click()
    text = page.inner_text("body")
    assert "Sonuç" in text and "Tüketim: yetişkin eşdeğeri başına beyan edilen gelir" in text
    assert "harcanmadan kalan" not in text  # one household: its cost is hidden, and so what is left of the budget
    assert _no_sideways_scroll(page)
