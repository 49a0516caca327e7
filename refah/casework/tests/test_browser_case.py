"""In Chromium on a phone (390 px): a social worker opens an SHM case from a referral, records a session held and
closes the case with its outcome; the pages never scroll sideways."""

import os

import pytest
from django.utils import timezone

from refah.casework.enums import CaseOutcome, CaseStatus, ReferralStatus
from refah.casework.models import Referral, SocialCase

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop in this thread

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_social_worker_on_a_phone_opens_a_case_records_a_session_and_closes_it(live_server, browser, worker, referral):
    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="tr-TR")
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Kullanıcı adı").fill(worker.username)
    page.get_by_label("Parola").fill("pw-Refah-2026")
    page.get_by_role("button", name="Giriş yap").click()
    page.wait_for_url("**/registry/")

    page.goto(f"{live_server.url}/casework/referrals/{referral.pk}/")
    _fits(page)
    page.locator("#open-case").click()
    page.wait_for_url("**/cases/new/**")
    person = referral.household.memberships.current().select_related("person").first().person
    page.get_by_label(person.full_name).check()
    page.get_by_role("button", name="Vakayı aç").click()
    page.wait_for_url("**/casework/cases/*/")
    _fits(page)
    assert page.locator("#case-status").inner_text() == "Ön görüşme"

    page.get_by_text("Görüşme veya randevu ekle").click()
    form = page.locator("#session-form")
    form.get_by_label("Tür").select_option("home_visit")
    form.get_by_label("Tarih").fill(timezone.localdate().isoformat())
    form.get_by_label("Zaman").fill("09:30")
    form.get_by_label("Durum").select_option("held")
    form.get_by_label("Notlar").fill("Ev ziyareti yapıldı; aile görüşmeye istekli.")
    form.get_by_role("button", name="Görüşmeyi kaydet").click()
    page.locator("#session-list").wait_for()
    assert "aile görüşmeye istekli" in page.locator("#session-list").inner_text()

    page.locator("#closure summary").click()
    close = page.locator("#close-form")
    close.get_by_label("Sonuç", exact=True).select_option(CaseOutcome.NO_NEED)
    close.get_by_label("Sonucun açıklaması").fill("Aile desteğe ihtiyaç duymadığını belirtti.")
    close.get_by_role("button", name="Vakayı kapat").click()
    page.locator("#case-outcome").wait_for()
    _fits(page)
    assert page.locator("#case-status").inner_text() == "Kapatıldı"
    case = SocialCase.objects.get()
    assert (case.status, case.outcome) == (CaseStatus.CLOSED, CaseOutcome.NO_NEED)
    assert case.sessions.get().notes.startswith("Ev ziyareti")
    assert Referral.objects.get(pk=referral.pk).status == ReferralStatus.DONE
