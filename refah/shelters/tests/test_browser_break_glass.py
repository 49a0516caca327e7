"""In Chromium, on a phone: the provincial supervisor, named in no ŞÖNİM, is refused a break-glass without a
reason, opens the case with one and reads it under the break-glass banner without its forms; the ŞÖNİM's
supervisor finds the alert with the reason among her alerts and marks it read."""

import os

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop in this thread

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
REASON = "Kolluk, koruma kararının tebliği için kişinin durumunu soruyor"


def sign_in(browser, live_server, user):
    page = browser.new_page(viewport=PHONE, locale="tr-TR")
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Kullanıcı adı").fill(user.username)
    page.get_by_label("Parola").fill("pw-Refah-2026")
    page.get_by_role("button", name="Giriş yap").click()
    page.wait_for_url("**/registry/")
    return page


def test_break_glass_on_a_phone_alerts_the_units_supervisor(live_server, browser, sealed, case):
    page = sign_in(browser, live_server, sealed.supervisor)
    page.get_by_role("link", name="Acil erişim").first.click()
    page.get_by_label("Dosya numarası veya TC Kimlik No").fill(case.reference)
    page.get_by_label("Gerekçe").fill("acil")
    page.get_by_role("button", name="Vakayı aç").click()
    assert page.locator(".errorlist").count() >= 1 and case.person.last_name not in page.content()
    page.get_by_label("Gerekçe").fill(REASON)
    page.get_by_role("button", name="Vakayı aç").click()
    page.wait_for_url(f"**/shelters/cases/{case.pk}/")
    assert "acil erişimle görüntülüyorsunuz" in page.content() and case.person.last_name in page.content()
    assert page.get_by_role("button", name="Notu ekle").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    chief = sign_in(browser, live_server, sealed.chief)
    chief.goto(f"{live_server.url}/shelters/")
    alerts = chief.locator("#alerts")
    assert REASON in alerts.inner_text() and "Acil erişim" in alerts.inner_text()
    chief.get_by_role("button", name="Okundu işaretle").first.click()
    chief.wait_for_url("**/shelters/")
    assert REASON not in chief.locator("#alerts").inner_text()
