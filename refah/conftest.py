"""Fixtures shared by every app: Iğdır's districts, offices with jurisdictions, staff by role."""

import itertools
import os
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connections
from django.test import Client
from django.test.testcases import LiveServerThread
from django.utils import translation
from playwright.sync_api import sync_playwright

from refah.accounts.enums import OfficeKind, Role
from refah.accounts.services import api_token_create, office_create, staff_create
from refah.geo.models import District, Province

_counter = itertools.count()


class _TakingTurns(ThreadedWSGIServer):
    """The live server on the in-memory SQLite test database: its request threads share the test's one connection
    (Django hands it to them), and a page's htmx panels arrive at once; sqlite3 refuses two statements on one
    connection at the same time ("bad parameter or other API misuse"), so the requests take turns."""

    _turn = threading.Lock()

    def set_app(self, application):
        def one_at_a_time(environ, start_response):
            with self._turn:  # the whole answer, body and close included (a streamed export reads as it goes)
                answer = application(environ, start_response)
                try:
                    return list(answer)
                finally:
                    if hasattr(answer, "close"):
                        answer.close()

        super().set_app(one_at_a_time)


if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    LiveServerThread.server_class = _TakingTurns
# Debian's Chromium, driven by Playwright; these flags make it start cleanly on a closed network.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language. A request made through Django's test client activates its
    language in the test's own thread (LocaleMiddleware never deactivates it), so an English request would
    otherwise carry over into whichever test that worker runs next."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def igdir(db) -> Province:
    return Province.objects.get(pcode="TUR076")


@pytest.fixture
def merkez(db) -> District:
    """Iğdır's central district."""
    return District.objects.get(pcode="TUR076002")


@pytest.fixture
def tuzluca(db) -> District:
    return District.objects.get(pcode="TUR076004")


@pytest.fixture
def office_merkez(merkez):
    return office_create(actor=None, name="Iğdır Merkez SYDV", kind=OfficeKind.SYDV, district=merkez)


@pytest.fixture
def office_tuzluca(tuzluca):
    return office_create(actor=None, name="Tuzluca SYDV", kind=OfficeKind.SYDV, district=tuzluca)


@pytest.fixture
def office_province(igdir):
    return office_create(actor=None, name="Iğdır İl Müdürlüğü", kind=OfficeKind.SHM, province=igdir)


@pytest.fixture
def make_staff(db):
    """make_staff(office, *roles) -> User, with a unique username and password 'pw-Refah-2026'."""

    def make(office, *roles: str):
        profile = staff_create(
            actor=None,
            username=f"user{next(_counter)}",
            password="pw-Refah-2026",
            office=office,
            roles=list(roles) or [Role.CASEWORKER],
        )
        return profile.user

    return make


@pytest.fixture
def caseworker(make_staff, office_merkez):
    return make_staff(office_merkez, Role.CASEWORKER)


@pytest.fixture
def other_caseworker(make_staff, office_tuzluca):
    """A caseworker of another district: must never see Merkez households."""
    return make_staff(office_tuzluca, Role.CASEWORKER)


@pytest.fixture
def api_client_for():
    """api_client_for(user) -> django Client that sends the user's bearer token."""

    def make(user):
        _, secret = api_token_create(actor=None, user=user, name="test")
        return Client(headers={"Authorization": f"Bearer {secret}"})

    return make


@pytest.fixture
def browser():
    """A headless Chromium for browser tests (they also need DJANGO_ALLOW_ASYNC_UNSAFE, set per module)."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium is not installed at {CHROMIUM}")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
        # Playwright's event loop gives the test its own context: the database connection the test opened there
        # is not the one pytest-django closes at the end, and PostgreSQL would refuse to drop the test database.
        connections.close_all()


def _uses_database(item) -> bool:
    """Whether a test can reach a database: pytest-django refuses database access to any test without the
    django_db mark or a database fixture (db, transactional_db, live_server and the fixtures that request them)."""
    if item.get_closest_marker("django_db"):
        return True
    return bool(
        {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback", "live_server"}
        & set(getattr(item, "fixturenames", ()))
    )


def pytest_collection_modifyitems(config, items):
    """The longest files first (see _longest_first). REFAH_TEST_DATABASE_ONLY=1 keeps only the tests that reach
    the database: CI runs the suite on PostgreSQL whole and, side by side, on SQLite with this set (the SQLite run has
    the browser crawl, so the two take about as long); a test that cannot reach a database gives the same answer on
    both, so running it twice only costs time."""

    _longest_first(items)
    if os.environ.get("REFAH_TEST_DATABASE_ONLY") != "1":
        return
    kept, dropped = [], []
    for item in items:
        (kept if _uses_database(item) else dropped).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


# The files that take longest (their worlds and browsers), measured with `make test` (--durations): run first.
LONGEST = (
    "refah/demo/tests/test_browser_crawl.py",
    "refah/demo/tests/test_browser_crawl_more.py",
    "refah/common/tests/test_jurisdiction_entry_points.py",
    "refah/demo/tests/test_demo_scenario.py",
    "refah/shelters/tests/test_sealed_crawl.py",
    "refah/cases/tests/test_workflow.py",
    "refah/accounts/tests/test_settings_prod.py",
)


def _longest_first(items) -> None:
    """The suite's workers (`-n 2 --dist loadfile`) take whole files in collection order: the longest files and
    the browser tests go first, so that no worker is left with a long file at the end while the other waits."""

    def rank(item) -> int:
        path = item.nodeid.split("::", 1)[0]
        if path in LONGEST:
            return LONGEST.index(path)
        return len(LONGEST) if item.get_closest_marker("browser") else len(LONGEST) + 1

    items.sort(key=rank)  # stable: a file's tests keep their order
