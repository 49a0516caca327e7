"""Issue 17's path in Chromium: a manager of the provincial directorate opens the strategic plan's indicators and
finds Iğdır's districts with their figures, opens the social risk map and finds every district of the province on
it (and one district's neighbourhoods), then asks for the province booklet, follows it on "My reports" while the
worker makes it, and downloads the PDF — whose text names the province and its districts. On a phone (390 px), in
Turkish; no page scrolls sideways."""

import datetime as dt
import os

import pytest

from refah.accounts.enums import Role
from refah.committees.tests.pdftext import pdf_text
from refah.common.tests.timers import pending, run_pending
from refah.reports.kpi.refresh import indicators_refresh
from refah.reports.tasks import report_job_run
from refah.reports.tests import booklet_world

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop in this thread

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
YEAR = booklet_world.YEAR
DISTRICTS = ("ARALIK", "IĞDIR", "KARAKOYUNLU", "TUZLUCA")


def no_sideways_scroll(page) -> None:
    wide, seen = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert wide <= seen, f"{page.url} scrolls sideways ({wide} px in {seen} px)"


def test_dashboard_risk_map_and_booklet(live_server, browser, make_staff, merkez, tuzluca, office_merkez,
                                         office_tuzluca, office_province, settings, tmp_path):  # fmt: skip
    settings.MEDIA_ROOT = tmp_path
    booklet_world.build(
        merkez=merkez,
        tuzluca=tuzluca,
        office_merkez=office_merkez,
        office_tuzluca=office_tuzluca,
        office_province=office_province,
        make_staff=make_staff,
    )
    indicators_refresh(as_of=dt.date(YEAR, 12, 31))
    manager = make_staff(office_province, Role.PROGRAM_MANAGER)

    page = browser.new_page(viewport=PHONE, locale="tr-TR", is_mobile=True, has_touch=True)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Kullanıcı adı").fill(manager.username)
    page.get_by_label("Parola").fill("pw-Refah-2026")
    page.get_by_role("button", name="Giriş yap").click()
    page.wait_for_load_state()

    # The indicators: PG4.1.1 of the year, with Iğdır's districts in its breakdown.
    page.goto(f"{live_server.url}/reports/indicators/?year={YEAR}")
    assert page.get_by_role("heading", level=1).inner_text().strip()
    body = page.locator("main").inner_text()
    assert "PG4.1.1" in body
    for name in ("IĞDIR", "TUZLUCA"):
        assert name in body.upper(), name
    no_sideways_scroll(page)

    # The risk map: every district of the province drawn and named, then one district's neighbourhoods.
    page.goto(f"{live_server.url}/reports/risk-map/?period={YEAR}-03")
    areas = page.locator("svg a.riskmap-area")
    assert sorted(areas.evaluate_all("els => els.map(e => e.dataset.pcode)")) == [
        "TUR076001",
        "TUR076002",
        "TUR076003",
        "TUR076004",
    ]
    labels = " ".join(areas.evaluate_all("els => els.map(e => e.getAttribute('aria-label'))")).upper()
    for name in DISTRICTS:
        assert name in labels, name
    no_sideways_scroll(page)
    page.locator('svg a.riskmap-area[data-pcode="TUR076004"]').click()
    page.wait_for_load_state()
    assert "TUZLUCA" in page.locator("main").inner_text().upper()
    no_sideways_scroll(page)

    # The booklet: asked for on its page, made by the worker while "My reports" follows it, then downloaded.
    page.goto(f"{live_server.url}/reports/booklet/")
    page.get_by_label("Yıl").fill(str(YEAR))
    page.get_by_role("button", name="Bülteni hazırla").click()
    page.wait_for_url("**/reports/jobs/**")
    assert pending(report_job_run).count() == 1
    assert "Bekliyor" in page.locator("#job-status").inner_text()  # waiting for the worker
    run_pending(report_job_run)  # the worker (`refah db_worker`) makes it, while the page keeps asking
    link = page.get_by_role("link", name="dosyasını indir")
    link.wait_for(timeout=30_000)  # the page refreshes itself every two seconds until the file is ready
    with page.expect_download() as download:
        link.click()
    with open(download.value.path(), "rb") as handle:
        data = handle.read()
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    assert "IĞDIR" in text.upper() and "TUZLUCA" in text.upper()
    no_sideways_scroll(page)
