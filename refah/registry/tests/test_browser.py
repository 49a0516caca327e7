"""A caseworker in Chromium: sign in, find "Şükrü Işık" by typing, open the household, see its members."""

import datetime as dt
import os

import pytest

from refah.registry import enums
from refah.registry.tests.factories import HouseholdFactory, MembershipFactory, PersonFactory

# Playwright's sync API runs an event loop in this thread; Django's ORM would refuse to run.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def isik_household(merkez):
    household = HouseholdFactory(district=merkez, reference_code="76-02-0004711")
    for first, role, born, sex in [
        ("Şükrü", enums.Role.REFERENCE, dt.date(1979, 4, 12), enums.Sex.MALE),
        ("Gülşen", enums.Role.SPOUSE, dt.date(1983, 9, 2), enums.Sex.FEMALE),
        ("Çağrı", enums.Role.CHILD, dt.date(2011, 1, 20), enums.Sex.MALE),
    ]:
        person = PersonFactory(first_name=first, last_name="Işık", birth_date=born, sex=sex)
        MembershipFactory(household=household, person=person, role=role)
    PersonFactory(first_name="Şükran", last_name="Yıldız")  # not in any household: never listed
    return household


def test_caseworker_finds_a_household_by_turkish_name_and_sees_its_members(
    live_server, browser, make_staff, office_merkez, isik_household
):
    user = make_staff(office_merkez)
    # A Turkish office PC: the browser asks for Turkish, as does a browser with no preference.
    page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="tr-TR")
    page.goto(f"{live_server.url}/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "tr"
    page.get_by_label("Kullanıcı adı").fill(user.username)
    page.get_by_label("Parola").fill("pw-Refah-2026")
    page.get_by_role("button", name="Giriş yap").click()
    page.wait_for_url("**/registry/")

    search = page.get_by_role("searchbox", name="TC Kimlik No veya ad soyad")
    search.press_sequentially("Şükrü Işık", delay=30)  # htmx searches as the user types, no submit
    result = page.locator("#results").get_by_role("link", name="Şükrü Işık")
    result.wait_for()
    assert "1 kişi bulundu" in page.locator("#search-status").inner_text()

    result.click()
    page.wait_for_url(f"**/registry/households/{isik_household.pk}/")
    members = page.locator("#members")
    assert page.get_by_role("heading", level=1).inner_text() == "Şükrü Işık hanesi"
    names = members.locator(".person-name").all_inner_texts()
    assert sorted(names) == ["Gülşen Işık", "Çağrı Işık", "Şükrü Işık"]
    assert members.get_by_text("Hane reisi").is_visible()
