"""Issue 16's path through the social services, in Chromium on a phone (390 px), across the apps that share it:
an ASDEP team's visit finds an elderly woman living alone with care needs (refah.asdep) → the checklist refers her
to elderly care (refah.casework) → a social worker puts her on the elderly home's waiting list from the referral's
page (refah.care) → the home is full until a resident is discharged; the freed place is offered to her and she is
placed → the referral is done, and her household's page shows the services (the visit, the referral, the
placement) next to the aid, for the SYDV's caseworker. No page scrolls sideways."""

import os

import pytest

from refah.accounts.enums import OfficeKind, Role
from refah.accounts.services import office_create
from refah.asdep.checklist import AREAS
from refah.asdep.tests.conftest import elderly_alone, plan
from refah.care.enums import WaitingStatus
from refah.care.models import Placement, WaitingEntry
from refah.care.services import placement_create
from refah.care.tests.factories import InstitutionFactory, alone
from refah.casework.enums import ReferralStatus, ServiceKind
from refah.casework.models import Referral
from refah.casework.tests.factories import ServiceFactory
from refah.registry.tests.factories import NeighbourhoodFactory

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop in this thread

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
YES = {"elderly_alone", "elderly_daily_help", "elderly_no_carer"}  # the elderly-care questions answered yes


def sign_in(browser, live_server, user):
    page = browser.new_page(viewport=PHONE, locale="tr-TR", is_mobile=True, has_touch=True)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Kullanıcı adı").fill(user.username)
    page.get_by_label("Parola").fill("pw-Refah-2026")
    page.get_by_role("button", name="Giriş yap").click()
    page.wait_for_load_state()
    return page


def no_sideways_scroll(page) -> None:
    wide, seen = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert wide <= seen, f"{page.url} scrolls sideways ({wide} px in {seen} px)"


def test_a_visit_finds_an_elderly_woman_alone_and_she_is_placed_when_a_place_frees(
    live_server, browser, make_staff, office_merkez, office_province, merkez, igdir
):
    directorate = office_create(
        actor=None, name="Iğdır Aile ve Sosyal Hizmetler İl Müdürlüğü", kind=OfficeKind.DIRECTORATE, province=igdir
    )
    asdep_pair = make_staff(office_merkez, Role.ASDEP_WORKER), make_staff(office_merkez, Role.ASDEP_WORKER)
    planner = make_staff(office_merkez, Role.SUPERVISOR)
    social_worker = make_staff(office_province, Role.SOCIAL_WORKER)
    elderly_care = ServiceFactory(
        kind=ServiceKind.ELDERLY_CARE, name="Yaşlı Bakım Birimi", office=directorate, province=igdir
    )
    for kind in {kind for area in AREAS if not area.sealed for kind in area.kinds} - {ServiceKind.ELDERLY_CARE}:
        ServiceFactory(kind=kind, name=f"Merkez {kind}", district=merkez, province=igdir)
    home = InstitutionFactory(name="Iğdır Huzurevi", capacity=60, office=directorate, district=merkez)
    residents = []
    for _ in range(60):
        household, person = alone(merkez, age=76)
        residents.append(placement_create(actor=social_worker, institution=home, person=person, household=household))
    karaagac = NeighbourhoodFactory(district=merkez, name="KARAAĞAÇ")  # the residents live in BAĞLAR
    household = elderly_alone(karaagac, "Hatice", "Korkmaz")
    hatice = household.memberships.get().person
    plan(planner, office_merkez, [karaagac], [asdep_pair])

    # The ASDEP worker's phone: today's visit, the checklist, an elderly woman alone needing daily help.
    page = sign_in(browser, live_server, asdep_pair[0])
    page.goto(f"{live_server.url}/asdep/")
    page.locator("#today a").first.click()
    page.wait_for_url("**/record/")
    no_sideways_scroll(page)
    page.locator('label[for="id_outcome_0"]').click()  # visited
    for area in AREAS:
        for q in area.questions:
            page.locator(f'label[for="id_answers.{q.code}_{0 if q.code in YES else 1}"]').click()
    section = page.locator("#area-elderly_care")
    section.get_by_text("Yüksek (acil)").click()
    section.get_by_label("İlgili üye").select_option(str(hatice.pk))
    section.get_by_label("Ekibin gözlemi").fill("Yalnız yaşıyor; yemek, temizlik ve ilaçlarında yardım gerekiyor.")
    page.get_by_role("button", name="Ziyareti kaydet").click()
    page.locator("#risks, .error-summary").first.wait_for()
    assert not page.locator(".error-summary").count(), page.inner_text(".error-summary")
    assert "Yaşlı Bakım Birimi" in page.inner_text("body")
    referral = Referral.objects.get(service=elderly_care)
    assert referral.person == hatice and referral.status == ReferralStatus.OPEN
    page.close()

    # The social worker: from the referral's page to the elderly home's waiting list (all chosen already).
    page = sign_in(browser, live_server, social_worker)
    page.goto(f"{live_server.url}/casework/referrals/{referral.pk}/")
    no_sideways_scroll(page)
    page.get_by_role("link", name="Bekleme listesine al").click()
    page.wait_for_url(f"**/care/households/{household.pk}/waiting/new/**")
    assert page.get_by_label("Kuruluş türü").input_value() == "elderly_home"
    no_sideways_scroll(page)
    page.get_by_role("button", name="Kaydet").click()
    page.wait_for_url("**/care/entries/*/")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.IN_PROGRESS
    entry = WaitingEntry.objects.get(person=hatice)
    assert entry.status == WaitingStatus.WAITING

    # The home is full; a resident goes home, the freed place is offered to the top of the list: Hatice.
    page.goto(f"{live_server.url}/care/institutions/{home.pk}/")
    assert "60 yerden 60 dolu" in page.inner_text("body")
    page.goto(f"{live_server.url}/care/placements/{residents[0].pk}/discharge/")
    page.get_by_label("Ayrılış nedeni").select_option(label="Evine döndü")
    page.get_by_role("button", name="Kaydet").click()
    page.wait_for_url(f"**/care/institutions/{home.pk}/")
    assert "Yer önerildi" in page.inner_text("body")
    page.get_by_role("link", name="Hatice Korkmaz").click()
    page.wait_for_url("**/care/entries/*/")
    page.get_by_role("button", name="Kabul et: kişiyi yerleştir").click()
    page.wait_for_url("**/care/entries/*/")
    assert "Hatice Korkmaz yerleştirildi" in page.inner_text("body")
    assert Placement.objects.get(person=hatice, ended_on__isnull=True).institution == home
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DONE

    page.close()

    # Her household's page, as the SYDV's caseworker sees it: the social services beside the aid.
    page = sign_in(browser, live_server, make_staff(office_merkez, Role.CASEWORKER))
    page.goto(f"{live_server.url}/registry/households/{household.pk}/")
    page.locator("#aid").wait_for()  # both sections arrive by htmx after the page
    services = page.locator("#social-services")
    services.wait_for()
    text = services.inner_text()
    assert "Iğdır Huzurevi" in text and "Yaşlı Bakım Birimi" in text and "ASDEP" in text, text
    sections = page.evaluate("[...document.querySelectorAll('main section[id], main div[id]')].map(e => e.id)")
    assert sections.index("social-services") > sections.index("aid"), sections
    no_sideways_scroll(page)
