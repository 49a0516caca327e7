"""The whole path in Chromium: a citizen applies on the portal → a caseworker assigns the visit → the inspector
records it on a phone → the committee meets with quorum, one member recused, and approves → the citizen reads
the decision and its reasons, in English and then in Turkish.

Screens are used in English (language cookie) so the test reads the same before and after translation.
"""

import datetime as dt
import os
import re

import pytest

from refah.accounts.enums import Role
from refah.committees import services as committee_services
from refah.committees.enums import CommitteeKind, MemberRole
from refah.notifications import backends
from refah.registry.tests.factories import household_with_members

# Playwright's sync API runs an event loop in this thread; Django's ORM would refuse to run.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
PASSWORD = "pw-Refah-2026"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PROGRAM = "family_support"
MUHTARS = ["Muhtar Ayşe Kılıç", "Muhtar Rıza Öztürk", "Muhtar İsmail Şen"]

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _locmem_notifications(settings, tmp_path):
    settings.REFAH_NOTIFICATION_BACKEND = "refah.notifications.backends.LocmemBackend"
    settings.MEDIA_ROOT = tmp_path / "media"
    backends.outbox.clear()
    yield
    backends.outbox.clear()


@pytest.fixture
def people(merkez, office_merkez, make_staff, caseworker):
    """The household (reference person with a phone), the inspector and a board of four (chair + three muhtars)."""
    household = household_with_members(merkez)
    citizen = household.memberships.get(role="reference").person
    citizen.phone = "05321234567"
    citizen.save(update_fields=["phone"])
    admin = make_staff(office_merkez, Role.ADMIN)
    chair = make_staff(office_merkez, Role.COMMITTEE_MEMBER)
    board = committee_services.committee_create(
        actor=admin, office=office_merkez, name="Merkez Mütevelli Heyeti", kind=CommitteeKind.SYDV_BOARD
    )
    since = dt.date(2024, 1, 1)
    committee_services.member_add(
        actor=admin, committee=board, full_name="Kaymakam Aydın Toprak", role=MemberRole.CHAIR, user=chair, since=since
    )
    for name in MUHTARS:
        committee_services.member_add(actor=admin, committee=board, full_name=name, since=since)
    inspector = make_staff(office_merkez, Role.INSPECTOR)
    return {"citizen": citizen, "caseworker": caseworker, "inspector": inspector, "chair": chair}


def _page(browser, live_server, viewport):
    context = browser.new_context(viewport=viewport, locale="en-GB")
    context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    context.set_default_timeout(10_000)
    return context.new_page()


def _staff_login(page, live_server, user):
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r".*/registry/.*"))


def _citizen_applies(page, live_server, citizen) -> str:
    page.goto(f"{live_server.url}/portal/")
    page.wait_for_url("**/portal/sign-in/")
    page.get_by_label("TC Kimlik No").fill(citizen.national_id)
    page.get_by_role("button", name="Send me a code").click()
    page.wait_for_url("**/portal/sign-in/code/")
    code = backends.outbox[-1].text_en.split(": ")[1][:6]
    page.get_by_label("One-time code").fill(code)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/portal/")
    page.get_by_role("link", name="Apply for support").first.click()
    page.locator(f"input[name=programs][value={PROGRAM}]").check()
    for box in page.locator("input[name=consents]").all():
        box.check()
    page.get_by_label("Document type").select_option("income_statement")
    page.locator("#id_document").set_input_files({"name": "gelir.pdf", "mimeType": "application/pdf", "buffer": PDF})
    page.get_by_role("button", name="Send application").click()
    page.wait_for_url(re.compile(r".*/portal/applications/[0-9a-f-]{36}/$"))
    assert page.locator("#status").inner_text() == "Received"
    assert "gelir.pdf" in page.locator("#documents").inner_text()
    return page.url.rstrip("/").rsplit("/", 1)[1]


def _caseworker_action(page, live_server, application_id, button):
    page.goto(f"{live_server.url}/cases/{application_id}/")
    page.get_by_role("button", name=button).click()
    page.wait_for_url(f"**/cases/{application_id}/")
    assert page.locator(".messages").inner_text().strip() == "Done."


def _inspector_records_visit(page, live_server):
    page.goto(f"{live_server.url}/cases/visits/")
    page.locator("a.row-link").first.click()
    page.wait_for_url(re.compile(r".*/cases/visits/[0-9a-f-]{36}/$"))
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scrolling
    page.get_by_label("Living conditions").select_option("poor")
    page.get_by_label("Heating seen").select_option(index=1)
    page.get_by_label("Rooms").fill("2")
    for box in page.locator("input[name=members_present]").all():
        box.check()
    page.get_by_label("Observations").fill("Two rooms, damp walls, stove heating; children attend school.")
    page.get_by_role("button", name="Save visit").click()
    page.wait_for_url("**/cases/visits/")
    assert "Visit recorded." in page.locator(".messages").inner_text()


def _committee_meets(page, live_server):
    page.goto(f"{live_server.url}/committees/")
    page.get_by_label("Meeting number").fill("2026/7")
    page.get_by_label("Scheduled at").fill("2026-03-02T10:00")
    page.get_by_role("button", name="Plan meeting").click()
    page.get_by_role("link", name="2026/7").click()
    page.get_by_role("button", name="Build agenda from ready cases").click()
    for box in page.locator("input[name=present]").all():
        box.check()
    page.get_by_role("button", name="Record attendance and open").click()
    assert "Attendance recorded; the meeting is open." in page.locator(".messages").inner_text()
    item = page.locator("#item-1")
    recused = item.locator("tr", has_text=MUHTARS[2])
    recused.locator("input[name=reason]").fill("Neighbour of the family")
    recused.get_by_role("button", name="Recuse").click()
    assert "Recusal recorded." in page.locator(".messages").inner_text()
    for name in ["Kaymakam Aydın Toprak", *MUHTARS[:2]]:
        row = page.locator("#item-1 tr", has_text=name)
        row.locator("select[name=choice]").select_option("approve")
        row.get_by_role("button", name="Vote").click()
        page.locator("#item-1 tr", has_text=name).get_by_text("Approve", exact=True).first.wait_for()
    assert "recused" in page.locator("#item-1 tr", has_text=MUHTARS[2]).inner_text()
    item = page.locator("#item-1")
    item.locator(f"input[name=reason_codes_{PROGRAM}]").fill("N1, V2")
    item.locator(f"textarea[name=justification_{PROGRAM}]").fill("Severe need seen at the visit; children in school.")
    item.get_by_role("button", name="Record decision").click()
    assert "Decision recorded." in page.locator(".messages").inner_text()


def test_citizen_applies_and_reads_the_committees_decision(live_server, browser, people):
    citizen_page = _page(browser, live_server, PHONE)
    application_id = _citizen_applies(citizen_page, live_server, people["citizen"])

    caseworker = _page(browser, live_server, DESKTOP)
    _staff_login(caseworker, live_server, people["caseworker"])
    _caseworker_action(caseworker, live_server, application_id, "Assign household visit")

    inspector = _page(browser, live_server, PHONE)
    _staff_login(inspector, live_server, people["inspector"])
    _inspector_records_visit(inspector, live_server)

    _caseworker_action(caseworker, live_server, application_id, "Send to the committee")

    chair = _page(browser, live_server, DESKTOP)
    _staff_login(chair, live_server, people["chair"])
    _committee_meets(chair, live_server)

    citizen_page.reload()
    assert citizen_page.locator("#status").inner_text() == "Approved"
    decision = citizen_page.locator("#decision")
    assert "Family Support Programme: Approved" in decision.inner_text()
    assert "Severe need seen at the visit" in decision.inner_text()
    assert citizen_page.get_by_role("button", name="Send objection").is_visible()
    citizen_page.get_by_role("link", name="Reasons for this decision").click()
    assert citizen_page.get_by_role("heading", level=1).inner_text() == "Family Support Programme: Approved"
    assert "N1; V2" in citizen_page.locator(".facts").inner_text()
    english = citizen_page.locator("#reasons").inner_text()
    assert "per-capita income" in english
    citizen_page.locator(".lang-switch button[value=tr]").click()
    citizen_page.wait_for_load_state()
    assert citizen_page.locator("html").get_attribute("lang") == "tr"
    assert "Aile Destek Programı: Onaylandı" in citizen_page.get_by_role("heading", level=1).inner_text()
    assert "kişi başı" in citizen_page.locator("#reasons").inner_text().lower()  # the rules' reasons, in Turkish
