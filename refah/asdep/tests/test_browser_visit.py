"""In Chromium on a phone (390 px): the ASDEP worker opens today's visit, fills the checklist finding an elderly
woman living alone with care needs, saves — and the referral to elderly care exists, shown on the visit page and,
with the risk profile, in the household page's social services."""

import os

import pytest

from refah.asdep.checklist import AREAS
from refah.asdep.tests.conftest import elderly_alone, plan
from refah.casework.enums import ReferralSource, ServiceKind
from refah.casework.models import Referral

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop in this thread

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
YES = {"elderly_alone", "elderly_daily_help", "elderly_no_carer"}


def _no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_phone_visit_finds_an_elderly_person_alone_and_refers_her(
    live_server, browser, office_merkez, planner, workers, baglar, catalogue
):
    household = elderly_alone(baglar, "Hatice", "Korkmaz")
    hatice = household.memberships.get().person
    plan(planner, office_merkez, [baglar], [workers])

    page = browser.new_page(viewport=PHONE, locale="tr-TR", is_mobile=True, has_touch=True)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Kullanıcı adı").fill(workers[0].username)
    page.get_by_label("Parola").fill("pw-Refah-2026")
    page.get_by_role("button", name="Giriş yap").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/asdep/")
    assert "Bugünkü ziyaretlerim" in page.inner_text("body") and _no_sideways_scroll(page)
    page.locator("#today a").first.click()
    page.wait_for_url("**/record/")
    assert _no_sideways_scroll(page)

    page.locator('label[for="id_outcome_0"]').click()  # Ziyaret edildi
    for area in AREAS:
        for q in area.questions:
            page.locator(f'label[for="id_answers.{q.code}_{0 if q.code in YES else 1}"]').click()
    section = page.locator("#area-elderly_care")
    section.get_by_text("Yüksek (acil)").click()
    section.get_by_label("İlgili üye").select_option(str(hatice.pk))
    section.get_by_label("Ekibin gözlemi").fill("Yalnız yaşıyor, yemek ve temizlikte yardıma ihtiyacı var.")
    page.get_by_role("button", name="Ziyareti kaydet").click()
    page.locator("#risks, .error-summary").first.wait_for()
    assert not page.locator(".error-summary").count(), page.inner_text(".error-summary")

    text = page.inner_text("body")
    assert "Ziyaret kaydedildi" in text and "Yaşlı bakımı" in text and _no_sideways_scroll(page)
    referral = Referral.objects.get()
    assert referral.service.kind == ServiceKind.ELDERLY_CARE and referral.person == hatice
    assert referral.source == ReferralSource.ASDEP_VISIT and referral.household == household
    assert referral.service.name in text

    # the household page shows the services next to the aid: the referral and the ASDEP risk profile
    page.goto(f"{live_server.url}/registry/households/{household.pk}/")
    section = page.locator("section#social-services")
    section.wait_for()
    services = section.inner_text()
    assert "ASDEP risk profili" in services and "Yaşlı bakımı" in services and _no_sideways_scroll(page)
