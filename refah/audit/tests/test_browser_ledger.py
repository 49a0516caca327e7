"""The public ledger on a phone (390×844) in Chromium: no sideways scroll, in Turkish and English; the coverage
line and local signing times are what a visitor reads."""

import os

import pytest
from django.db import transaction

from refah.audit import ledger

# Playwright's sync API runs an event loop in this thread; Django's ORM would refuse to run.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

PHONE = {"width": 390, "height": 844}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["tr", "en"])
def test_the_ledger_fits_a_phone(live_server, browser, language, settings):
    settings.REFAH_LEDGER_SIGN_SECONDS = 3600
    for i in range(7):
        with transaction.atomic():
            ledger.ledger_append(
                kind="payment",
                ref=f"line-{i}",
                data={},
                program="family_support",
                period="2026-03",
                amount_kurus=1_234_567_890,
                office_code="SYDV-76-01",
            )
    ledger.ledger_sign()
    ledger.ledger_sign(force=True)
    context = browser.new_context(viewport=PHONE, locale="en-GB" if language == "en" else "tr-TR")
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(f"{live_server.url}/ledger/")
    text = page.inner_text("main") if page.locator("main").count() else page.inner_text("body")
    covers = {"en": "The latest signed head covers all 7 entries.", "tr": "7 kaydın tümünü kapsıyor"}
    assert covers[language] in text
    assert ledger.ledger_head().root_hash in text  # shown whole (it wraps), not cut
    widths = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"the page scrolls sideways: {widths[0]} px wide in a {widths[1]} px window"
    assert errors == []
    context.close()
