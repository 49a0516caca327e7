"""In Chromium on a phone (390 px): a caseworker puts an elderly man who lives alone on the elderly home's waiting
list from his household's number; the home is full; a social worker discharges a resident, the freed place is
offered to him (the top of the list, with his points and why), she accepts it and he is placed — no page scrolls
sideways."""

import os

import pytest
from django.utils import timezone

from refah.accounts.enums import Role
from refah.care.enums import WaitingStatus
from refah.care.models import Placement, WaitingEntry
from refah.care.services import placement_create
from refah.care.tests.factories import InstitutionFactory, alone
from refah.registry.enums import Dependency

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
    wide, seen = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert wide <= seen, f"{page.url} scrolls sideways ({wide} px in {seen} px)"


def test_waiting_list_then_a_place_freed_offered_and_accepted(
    live_server, browser, make_staff, office_merkez, office_province, directorate, merkez
):
    caseworker = make_staff(office_merkez, Role.CASEWORKER)
    social_worker = make_staff(office_province, Role.SOCIAL_WORKER)
    home = InstitutionFactory(name="Iğdır Huzurevi", capacity=60, office=directorate, district=merkez)
    residents = []
    for _ in range(60):
        household, person = alone(merkez, age=75)
        residents.append(placement_create(actor=social_worker, institution=home, person=person, household=household))
    household, veli = alone(merkez, age=84, dependency=Dependency.FULL, first_name="Veli", last_name="Arslanoğlu")

    page = sign_in(browser, live_server, caseworker)
    page.goto(f"{live_server.url}/care/waiting/")
    page.get_by_label("Hanenin bir üyesini ekleyin").fill(household.reference_code)
    page.get_by_role("button", name="Bekleme listesine ekle").click()
    page.wait_for_url(f"**/care/households/{household.pk}/waiting/new/")
    no_sideways_scroll(page)
    page.get_by_label("Kuruluş türü").select_option(label="Huzurevi")
    page.get_by_role("button", name="Kaydet").click()
    page.wait_for_url("**/care/entries/*/")
    assert "70 puan" in page.inner_text("body")  # lives alone 30 + fully dependent 30 + aged 80 or over 10
    no_sideways_scroll(page)
    page.close()

    page = sign_in(browser, live_server, social_worker)
    page.goto(f"{live_server.url}/care/institutions/{home.pk}/")
    body = page.inner_text("body")
    assert "60 yerden 60 dolu" in body and "Veli Arslanoğlu" in body
    no_sideways_scroll(page)
    page.goto(f"{live_server.url}/care/placements/{residents[0].pk}/discharge/")
    page.get_by_label("Ayrılış nedeni").select_option(label="Evine döndü")
    page.get_by_role("button", name="Kaydet").click()
    page.wait_for_url(f"**/care/institutions/{home.pk}/")
    assert "Yer önerildi" in page.inner_text("body")
    page.get_by_role("link", name="Veli Arslanoğlu").click()
    page.wait_for_url("**/care/entries/*/")
    no_sideways_scroll(page)
    page.get_by_role("button", name="Kabul et: kişiyi yerleştir").click()
    page.wait_for_url("**/care/entries/*/")
    assert "Öneri kabul edildi: Veli Arslanoğlu yerleştirildi." in page.inner_text("body")
    assert Placement.objects.get(person=veli, ended_on__isnull=True).started_on == timezone.localdate()
    assert WaitingEntry.objects.get(person=veli).status == WaitingStatus.PLACED
