"""The targeting screen in Chromium on a phone (390 px), in Turkish: the checker opens the draft's card (tables and
chart), approves it, and reads a household's proposal with its reasons; no page scrolls sideways."""

import os

import pytest

from refah.targeting import services

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop in this thread

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def no_sideways_scroll(page) -> None:
    wide, seen = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert wide <= seen, f"{page.url} scrolls sideways ({wide} px in {seen} px)"


def test_checker_approves_and_reads_a_proposal_on_a_phone(live_server, browser, artifact, manager, checker,
                                                          registry, merkez):  # fmt: skip
    model = services.targeting_model_register(actor=manager, artifact=artifact)
    page = browser.new_page(viewport=PHONE, locale="tr-TR", is_mobile=True, has_touch=True)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Kullanıcı adı").fill(checker.username)
    page.get_by_label("Parola").fill("pw-Refah-2026")
    page.get_by_role("button", name="Giriş yap").click()
    page.wait_for_load_state()

    page.goto(f"{live_server.url}/targeting/")
    assert page.get_by_role("heading", level=1).inner_text().strip() == "Hedefleme modeli"
    no_sideways_scroll(page)
    page.get_by_role("link", name=model.version).click()
    page.wait_for_load_state()
    body = page.locator("main").inner_text()
    assert "Dışlama hatası" in body and "Gruplara göre hakkaniyet" in body
    assert page.locator("svg.targeting-chart").count() >= 1
    no_sideways_scroll(page)
    page.get_by_role("button", name="Modeli onayla").click()
    page.wait_for_load_state()
    assert "Model onaylandı." in page.locator("body").inner_text()

    services.scoring_run_request(actor=manager, district_id=merkez.pk, run_now=True)
    page.goto(f"{live_server.url}/targeting/")
    page.get_by_label("Hane numarası").fill(registry[0].reference_code)
    page.get_by_role("button", name="Göster").click()
    page.wait_for_load_state()
    body = page.locator("main").inner_text()
    assert "Tahmini en çok etkileyenler" in body and registry[0].reference_code in body
    no_sideways_scroll(page)
