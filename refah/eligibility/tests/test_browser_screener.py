"""A citizen on a phone (390 × 844) goes through the screener's three steps with htmx, in Turkish."""

import os

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's event loop runs in this thread

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OVERFLOW = "document.documentElement.scrollWidth > document.documentElement.clientWidth"


def test_a_phone_goes_through_the_three_steps(live_server, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="tr-TR")
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(f"{live_server.url}/screener/")
    assert page.evaluate("document.documentElement.scrollHeight") < 2500  # it was a 7,000-pixel form
    page.locator('[name="h-ilce"]').select_option("TUR076002")
    page.locator('[name="m-0-birth_date"]').fill("1950-03-01")
    page.locator('[name="m-0-sex"]').select_option("F")
    page.get_by_role("button", name="Üye ekle").click()
    page.locator('[name="m-1-role"]').wait_for()
    page.locator('[name="m-1-role"]').select_option("spouse")
    page.locator('[name="m-1-birth_date"]').fill("1948-06-01")
    page.locator('[name="m-1-sex"]').select_option("M")
    page.get_by_role("button", name="Devam").click()

    page.get_by_role("heading", name="Adım 2 / 3: birkaç soru").wait_for()
    assert not page.evaluate(OVERFLOW)
    assert page.locator('[name="m-0-school_level"]').count() == 0  # a 76-year-old is not asked about school
    page.locator('[name="m-0-monthly_income"]').fill("0")
    page.locator('[name="m-1-monthly_income"]').fill("0")
    page.get_by_role("button", name="Sonucu gör").click()

    page.get_by_role("heading", name="Adım 3 / 3").wait_for()
    assert not page.evaluate(OVERFLOW)
    text = page.locator("#screener").inner_text()
    assert "Muhtemelen hak sahibi" in text or "Kontrol edilmesi gerekenler" in text
    assert " TL" in text and ".00 TL" not in text
    assert errors == []
