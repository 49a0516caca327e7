"""A caseworker in Chromium opens a household and sees, on its page, what SGK and the land registry have on record
(with the institution named), a disagreement with the declaration flagged, and the aid the municipality gave."""

import datetime as dt
import os

import pytest

from refah.accounts.enums import OfficeKind, Role
from refah.accounts.services import office_create
from refah.aidrecords import services as aid
from refah.exchange import services as exchange
from refah.exchange.tests.conftest import (
    hides,
    simulators,  # noqa: F401 (fixture)
    tc_where,
)
from refah.registry import enums
from refah.registry.tests.factories import HouseholdFactory, MembershipFactory, PersonFactory

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop in this thread

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def family(merkez):
    """Şükrü works unregistered by his declaration, SGK knows his earnings; Gülşen owns a plot she did not declare."""
    household = HouseholdFactory(district=merkez)
    husband = PersonFactory(
        national_id=tc_where(hides("sgk.hidden", 0.05)),
        first_name="Şükrü",
        last_name="Işık",
        sex=enums.Sex.MALE,
        birth_date=dt.date(1979, 4, 12),
        employment_status=enums.EmploymentStatus.EMPLOYED_INFORMAL,
    )
    wife = PersonFactory(
        national_id=tc_where(lambda tc: hides("tapu.hidden", 0.03)(tc) and not hides("sgk.hidden", 0.05)(tc)),
        first_name="Gülşen",
        last_name="Işık",
        sex=enums.Sex.FEMALE,
        birth_date=dt.date(1983, 9, 2),
    )
    MembershipFactory(household=household, person=husband, role=enums.Role.REFERENCE)
    MembershipFactory(household=household, person=wife, role=enums.Role.SPOUSE)
    return household, husband, wife


def test_caseworker_sees_institutions_facts_a_disagreement_and_the_municipalitys_aid(
    simulators,  # noqa: F811
    live_server,
    browser,
    make_staff,
    office_merkez,
    merkez,
    family,
):
    household, husband, wife = family
    caseworker = make_staff(office_merkez, Role.CASEWORKER)
    exchange.household_refresh(actor=caseworker, household=household, purpose="application")
    municipality = office_create(actor=None, name="Iğdır Belediyesi", kind=OfficeKind.MUNICIPALITY, district=merkez)
    town_clerk = make_staff(municipality, Role.CASEWORKER)
    aid.aid_records_submit(
        actor=town_clerk,
        idempotency_key="browser-1",
        records=[
            {
                "reference": "IB-2026-77",
                "kind": "fuel",
                "need": "heating",
                "amount_kurus": 320_000,
                "given_on": "2026-11-05",
                "period_start": "2026-11-01",
                "period_end": "2026-11-30",
                "national_id": wife.national_id,
                "first_name": wife.first_name,
                "last_name": wife.last_name,
            }
        ],
    )

    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="tr-TR")
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Kullanıcı adı").fill(caseworker.username)
    page.get_by_label("Parola").fill("pw-Refah-2026")
    page.get_by_role("button", name="Giriş yap").click()
    page.wait_for_url("**/registry/")
    page.goto(f"{live_server.url}/registry/households/{household.pk}/")

    aid_section = page.locator("section#aid")
    aid_section.get_by_text("Iğdır Belediyesi").first.wait_for()
    assert "3.200,00 TL" in aid_section.inner_text()

    page.locator("#institutions").scroll_into_view_if_needed()  # its panel loads when revealed
    panel = page.locator("#exchange-panel")
    panel.wait_for()
    sgk = panel.locator("#source-sgk")
    assert "SGK (sosyal güvenlik)" in sgk.inner_text()
    assert "Kayıtlı aylık kazanç" in sgk.inner_text()
    land = panel.locator("#source-tapu")
    assert "Tapu kaydı (TKGM)" in land.inner_text()
    assert "Gülşen Işık" in land.inner_text()
    flagged = panel.locator("#discrepancies tr.flagged")
    texts = " ".join(flagged.all_inner_texts())
    assert "Şükrü Işık" in texts and "SGK" in texts  # earnings he did not declare
    assert "Gülşen Işık" in texts and "Tapu kaydı (TKGM)" in texts  # the plot she did not declare
