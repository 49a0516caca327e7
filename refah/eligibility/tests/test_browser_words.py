"""The screens of issue 12, item 4 in Chromium, Turkish and English, at phone width: the household's audit
trail, the counter application form and the programme pages read as words (no snake_case codes, no ISO
timestamps, no internal notes, no English units on Turkish pages) and do not scroll sideways."""

import datetime as dt
import os
import re

import pytest
from django.db import transaction

from refah.accounts.enums import Role
from refah.audit.services import audit_record
from refah.registry.tests.factories import household_with_members

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop in this thread

PHONE = {"width": 390, "height": 844}
PASSWORD = "pw-Refah-2026"
SNAKE = re.compile(r"\b[a-z]+_[a-z0-9_]+\b")
ISO = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
ENGLISH_UNITS = re.compile(r"\b(places|points|cards)\b")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(merkez, office_merkez, make_staff):
    household = household_with_members(merkez)
    worker = make_staff(office_merkez, Role.CASEWORKER, Role.PROGRAM_MANAGER)
    at = dt.datetime(2026, 3, 3, 21, 30, tzinfo=dt.UTC).isoformat()
    with transaction.atomic():
        for action, before, after in (
            ("case_decide", {}, {"at": at}),
            ("aidcard_load", None, {"purse": "food", "amount": 50_000}),
            ("vote_cast", None, {}),
            ("item_decide", None, {}),
        ):
            audit_record(
                actor=worker, action=action, obj=household, before=before, after=after, household_id=household.pk
            )
    return household, worker


def _check(page, lang: str, where: str) -> None:
    text = page.inner_text("main")
    assert not SNAKE.findall(text), (where, lang, SNAKE.findall(text))
    assert not ISO.search(text) and "DOMAIN.md" not in text, (where, lang)
    if lang == "tr":
        assert not ENGLISH_UNITS.search(text), (where, ENGLISH_UNITS.findall(text))
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    wide = page.evaluate(
        """[...document.querySelectorAll('body *')].filter(e => {
            if (e.getBoundingClientRect().right <= document.documentElement.clientWidth + 1) return false;
            for (let a = e.parentElement; a; a = a.parentElement) {
                if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(a).overflowX)) return false;
            }
            return true;
        }).slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').slice(0, 60))"""
    )
    assert overflow <= 0, (where, lang, overflow, wide)


@pytest.mark.parametrize("lang", ["tr", "en"])
def test_screens_read_as_words_on_a_phone(browser, live_server, world, lang):
    household, worker = world
    context = browser.new_context(viewport=PHONE, locale="tr-TR" if lang == "tr" else "en-GB")
    context.add_cookies([{"name": "django_language", "value": lang, "url": live_server.url}])
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_username").fill(worker.username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Giriş yap" if lang == "tr" else "Sign in").click()
    page.wait_for_url(re.compile(r".*/registry/.*"))
    screens = {
        "audit trail": f"/registry/households/{household.pk}/",
        "counter form": f"/cases/new/?household={household.pk}",
        "programmes": "/eligibility/",
        "cct_health": "/eligibility/programs/cct_health/",
        "free_creche": "/eligibility/programs/free_creche/",
    }
    for where, path in screens.items():
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200 and "/accounts/login" not in page.url, (where, response.status, page.url)
        _check(page, lang, where)
    context.close()
