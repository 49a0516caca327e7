"""In Chromium: a caseworker refers a member to İŞKUR from the household page, asks İŞKUR for the offers, records
three refusals without a valid reason and judges them, sees the sanction on the household page; a finance
officer then opens next month's family support cycle and it pays the reduced amount."""

import os

import pytest
from django.utils import timezone

from refah.accounts.enums import Role
from refah.eligibility.blocks import div_half_up
from refah.eligibility.models import Determination
from refah.eligibility.services import determinations_for_household
from refah.employment.services._common import first_of_month
from refah.exchange.tests.conftest import simulators  # noqa: F401 (fixture)
from refah.payments.models import Entitlement
from refah.payments.tests.factories import decision

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop in this thread

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(browser, live_server, user):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="tr-TR")
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Kullanıcı adı").fill(user.username)
    page.get_by_label("Parola").fill("pw-Refah-2026")
    page.get_by_role("button", name="Giriş yap").click()
    page.wait_for_url("**/registry/")
    return page


def test_three_refusals_a_sanction_on_the_household_page_and_a_reduced_payment(
    simulators,  # noqa: F811
    live_server,
    browser,
    make_staff,
    office_merkez,
    family,
):
    household, murat, *_ = family
    caseworker = make_staff(office_merkez, Role.CASEWORKER)
    finance = make_staff(office_merkez, Role.FINANCE)
    decision(household, "family_support", office=office_merkez, user=caseworker)  # the household is paid it
    next_month = first_of_month(timezone.localdate(), 1)
    determinations_for_household(household=household, period=next_month)
    full = Determination.objects.get(household=household, period=next_month, program="family_support").amount_kurus

    page = sign_in(browser, live_server, caseworker)
    page.goto(f"{live_server.url}/registry/households/{household.pk}/")
    section = page.locator("section#employment")
    section.wait_for()
    section.locator("button[data-refer='Murat']").click()
    page.wait_for_url(f"**/employment/persons/{murat.pk}/")
    assert "İŞKUR'a yönlendirildi ve iş arayan olarak kaydedildi" in page.inner_text("body")
    page.get_by_role("button", name="İŞKUR'a sor").click()
    page.wait_for_url(f"**/employment/persons/{murat.pk}/")
    assert "4 yeni teklif" in page.inner_text("body")

    jobs = [link.get_attribute("href") for link in page.locator("#offers tbody tr:has-text('İş ·') a").all()]
    assert len(jobs) == 3
    for href in jobs:
        page.goto(f"{live_server.url}{href}")
        form = page.locator("#answer-form")
        form.get_by_label("Reddedildi").check()
        form.get_by_label("Ret nedeni").select_option("no_reason")
        form.get_by_role("button", name="Cevabı kaydet").click()
        judge = page.locator("#validity-form")
        judge.get_by_label("Geçerli neden yok").check()
        judge.get_by_label("Gerekçe").fill("Hiçbir neden gösterilmedi; teklif uygun.")
        judge.get_by_role("button", name="Kararı kaydet").click()
        page.locator("#validity").wait_for()
    assert "Geçerli neden olmadan üçüncü ret: gelecek ay yaptırım başlıyor." in page.inner_text("body")

    page.goto(f"{live_server.url}/registry/households/{household.pk}/")
    sanction = page.locator("#work-sanction")
    sanction.wait_for()
    text = sanction.inner_text()
    assert "İş reddi yaptırımı" in text and "%25" in text  # the first month withholds a quarter

    money = sign_in(browser, live_server, finance)
    money.goto(f"{live_server.url}/payments/")
    money.get_by_label("Program").select_option("family_support")
    money.get_by_label("Dönemin ilk günü").fill(next_month.isoformat())
    money.get_by_role("button", name="Ödeme dönemi aç").click()
    money.get_by_role("button", name="Hak edişleri hesapla ve dondur").click()
    money.get_by_text("Ödeme dönemi hesaplandı: 1 hak ediş.").wait_for()
    paid = Entitlement.objects.get(household=household, program="family_support", period_start=next_month)
    assert paid.amount_kurus == div_half_up(full * 3, 4)  # e.g. 1,600.00 TL × 3/4 = 1,200.00 TL
    assert paid.amount_kurus < full
