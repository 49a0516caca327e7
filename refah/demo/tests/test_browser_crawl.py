"""Every role's screens in Chromium, as a newcomer tries them (issue 12): each menu page and one detail page of
each kind reachable from it, the citizen portal signed in and the public pages, in Turkish and in English, at
desktop and phone width. A page fails on a 4xx/5xx answer, a console error, a horizontal scroll, a snake_case
code or (on Turkish pages) English words and raw ISO timestamps in its visible text.

The world is the demo scenario on a small synthetic Iğdır, made through the apps' services: applications in
every state, a closed and a planned committee meeting, a paid payment cycle, coal, aid cards and a market.
"""

import hashlib
import io
import os
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.db import connection
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from refah.accounts.enums import Role
from refah.aidcard.models import MerchantCategory
from refah.aidcard.reference import merchant_categories_seed
from refah.cases.models import Application
from refah.demo.management.commands.demo_users import USERS
from refah.eligibility.rules import PROGRAMS
from refah.notifications import backends
from refah.synth.generate import generate
from refah.synth.load import load_batches

# Playwright's sync API runs an event loop in this thread; Django's ORM would refuse to run.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
LANGUAGES = ["tr", "en"]  # each checked at DESKTOP and PHONE width
CITIZEN_PHONE = "05550001122"  # the 0555 000 range is not assigned to subscribers

# One detail page of each kind per role, found by following the links of the menu pages (first match wins).
DETAIL_KINDS = {
    "household": r"/registry/households/[^/]+/",
    "application": r"/cases/[0-9a-f-]{36}/",
    "visit": r"/cases/visits/[0-9a-f-]{36}/",
    "meeting": r"/committees/meetings/[^/]+/",
    "committee": r"/committees/admin/[^/]+/",
    "cycle": r"/payments/cycles/[0-9a-f-]{36}/",
    "batch": r"/payments/batches/[0-9a-f-]{36}/",
    "warehouse": r"/payments/stock/[0-9a-f-]{36}/",
    "merchant": r"/aidcard/merchants/[^/]+/",
    "card": r"/aidcard/households/[^/]+/",
    "program": r"/eligibility/programs/[^/]+/",
    "determinations": r"/eligibility/households/[^/]+/",
    "import": r"/registry/import/[0-9a-f-]{36}/",
    "portal application": r"/portal/applications/[^/]+/",
    "portal decision": r"/portal/decisions/[^/]+/",
    "service referral": r"/casework/referrals/[0-9a-f-]{36}/",
    "social case": r"/casework/cases/[0-9a-f-]{36}/",
    "group programme": r"/casework/programmes/[0-9a-f-]{36}/",
    "care institution": r"/care/institutions/[0-9a-f-]{36}/",
    "care waiting entry": r"/care/entries/[0-9a-f-]{36}/",
    "care child": r"/care/children/[0-9a-f-]{36}/",
    "foster family": r"/care/foster/[0-9a-f-]{36}/",
    "veteran record": r"/entitlements/records/[0-9a-f-]{36}/",
    "travel card": r"/entitlements/cards/[0-9a-f-]{36}/",
    "card print batch": r"/entitlements/batches/[0-9a-f-]{36}/",
    "protection unit": r"/shelters/units/[0-9a-f-]{36}/",
    "protection case": r"/shelters/cases/[0-9a-f-]{36}/",
    "asdep round": r"/asdep/rounds/[0-9a-f-]{36}/",
    "asdep visit": r"/asdep/visits/[0-9a-f-]{36}/",
    "asdep checklist": r"/asdep/visits/[0-9a-f-]{36}/record/",
}
# Second-level list pages linked from a menu page (not in the menu itself).
SUB_PAGES = [
    "/payments/stock/",
    "/committees/deviation/",
    "/committees/admin/",
    "/eligibility/custom/",
    "/eligibility/simulate/",
    "/casework/services/",
    "/casework/caseload/",
    "/casework/programmes/",
    "/care/waiting/",
    "/care/priority/",
    "/care/creche/",
    "/entitlements/batches/",
    "/asdep/rounds/new/",
    "/asdep/proposals/",
]
PUBLIC_PAGES = ["/screener/", "/ledger/", "/api/v1/docs", "/accounts/login/", "/portal/sign-in/"]
# Swagger UI is English in every language and shows the API's field names: only answers, errors and width count.
TEXT_UNCHECKED = {"/api/v1/docs"}

SNAKE_CASE = re.compile(r"\b[a-z]+_[a-z_]+\b")
ISO_TIMESTAMP = re.compile(r"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
PYTHON_REPR = re.compile(r"\b(?:Decimal|datetime\.date|datetime\.datetime|UUID)\(")  # [Decimal('1250.00')]
DOUBLED = re.compile(r"(\([^()]+\)) \1")  # "Şifre (isteğe bağlı) (isteğe bağlı)"
US_DATE = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, \d{4}\b")
# English that turned up on Turkish screens: words of the UI, not names (whole words, case-sensitive).
ENGLISH_ON_TURKISH = [
    "places",
    "points",
    "cards",
    "Status",
    "not eligible",
    "eligible",
    "Household",
    "household",
    "Application",
    "Payment",
    "Amount",
    "Date",
    "Yes",
    "None",
    "and",
    "the",
    "of",
    "per",
    "month",
    "unverified",
]
ENGLISH_WORDS = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in ENGLISH_ON_TURKISH) + r")\b")

# Findings that other engineers of issue 12 are fixing on their branches: (item, page path regex, finding regex).
# The checks stay strict; the lead removes an entry when merging the branch that fixes it.
HOUSEHOLD, PROGRAM_CODES = r"/registry/households/[^/]+/", r"code '(" + "|".join(PROGRAMS) + ")'"
KNOWN_FINDINGS_OTHER_BRANCHES: list[tuple[str, str, str]] = []  # items 3, 4 and 9 are merged: none left


@dataclass
class Crawl:
    """What a crawl found: one line per problem."""

    problems: list[str] = field(default_factory=list)
    known_seen: set = field(default_factory=set)  # entries of KNOWN_FINDINGS_OTHER_BRANCHES that still matched
    # (language, digest of the page's <main> as the server sent it) of every page checked in Chromium, and the
    # number of visits whose <main> was byte for byte one already checked (see _already_checked)
    checked: set = field(default_factory=set)
    same: int = 0
    opened: set = field(default_factory=set)  # (language, url) opened in Chromium by any role

    def add(self, where: str, what: str) -> None:
        path = where.split(" ", 1)[0]
        for known in KNOWN_FINDINGS_OTHER_BRANCHES:
            if re.fullmatch(known[1], path) and re.search(known[2], what):
                self.known_seen.add(known)
                return
        self.problems.append(f"{where}: {what}")


@pytest.fixture
def world(settings, tmp_path):
    """The demo users and scenario on 200 synthetic Iğdır households; a citizen of an approved case has a phone."""
    if connection.vendor != "sqlite":
        # What the crawl checks — words, widths, console errors, answers — is what the browser shows, the same on
        # either database; it runs on SQLite, the embedded database the demo ships with. On PostgreSQL every screen
        # and API operation is opened by the jurisdiction test (refah/common/tests/test_jurisdiction_entry_points.py)
        # and the issues' own browser tests run. One crawl per CI run keeps the suite within its ten minutes.
        pytest.skip("the browser crawl runs on SQLite (what it checks does not depend on the database)")
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.REFAH_NOTIFICATION_BACKEND = "refah.notifications.backends.LocmemBackend"
    backends.outbox.clear()
    if not MerchantCategory.objects.exists():  # an earlier transactional test flushed the migration's rows
        merchant_categories_seed(MerchantCategory)
    load_batches(generate(provinces=[76], households=200, seed=11), seed=11)
    call_command("demo_users", stdout=io.StringIO())
    call_command("demo_scenario", stdout=io.StringIO())
    approved = Application.objects.filter(status="approved").order_by("created_at").first()
    citizen = approved.household.memberships.get(role="reference").person
    citizen.phone = CITIZEN_PHONE
    citizen.save(update_fields=["phone"])
    yield citizen
    backends.outbox.clear()


def crawl_staff() -> list:
    """The first demo user of each role."""
    staff = list({spec.role: spec for spec in reversed(USERS)}.values())
    assert {spec.role for spec in staff} == set(Role.values), "a role has no demo user to crawl with"
    return staff


def crawl_run(live_server, browser, world, *, staff: list, citizen_and_public: bool) -> None:
    """Crawl as each of `staff` (and the citizen and the public pages) and fail on any problem found. The roles are
    crawled in two tests, in two files (this one and test_browser_crawl_more.py), so that the suite's two workers
    (`--dist loadfile`) crawl side by side."""
    crawl = Crawl()
    origin = live_server.url
    visits = 0
    for spec in staff:
        page = _new_page(browser, crawl, origin)
        _staff_sign_in(page, origin, spec)
        visits += _crawl(page, origin, _menu(page) + _household_of_case(), crawl, spec.username)
        page.context.close()
    if citizen_and_public:
        page = _new_page(browser, crawl, origin)
        _citizen_sign_in(page, origin, world)
        visits += _crawl(page, origin, ["/portal/"], crawl, "citizen")
        page.context.close()
        page = _new_page(browser, crawl, origin)
        visits += _crawl(page, origin, PUBLIC_PAGES, crawl, "public")
        page.context.close()
    stale = [known for known in KNOWN_FINDINGS_OTHER_BRANCHES if known not in crawl.known_seen]
    print(
        f"Crawl: {visits} page visits, {crawl.same} of them answered with a <main> already checked; known findings of "
        f"other branches no longer seen: {stale or 'none'}"
    )
    assert visits > 150, f"the crawl saw only {visits} pages"
    assert not crawl.problems, f"{len(crawl.problems)} problems on {visits} page visits:\n" + "\n".join(crawl.problems)


def test_every_role_every_menu_page_in_both_languages_at_desktop_and_phone_width(live_server, browser, world):
    """Half of the roles (every other one); the other half, the citizen and the public pages are
    test_browser_crawl_more.py's."""
    crawl_run(live_server, browser, world, staff=crawl_staff()[0::2], citizen_and_public=False)


def _new_page(browser, crawl: Crawl, origin: str):
    context = browser.new_context(viewport=DESKTOP, locale="tr-TR")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.crawl_where = "?"

    def on_response(response):
        if response.status >= 400 and response.url.startswith(origin):
            crawl.add(page.crawl_where, f"{response.status} for {response.url[len(origin) :]}")

    page.on("response", on_response)
    page.on("console", lambda msg: msg.type == "error" and crawl.add(page.crawl_where, f"console: {msg.text}"))
    page.on("pageerror", lambda exc: crawl.add(page.crawl_where, f"script error: {exc}"))
    return page


def _staff_sign_in(page, origin: str, spec) -> None:
    page.goto(f"{origin}/accounts/login/")
    page.locator("#id_username").fill(spec.username)
    page.locator("#id_password").fill(spec.password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/registry/.*"))


def _citizen_sign_in(page, origin: str, citizen) -> None:
    page.goto(f"{origin}/portal/sign-in/")
    page.locator("input[name=national_id]").fill(citizen.national_id)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/portal/sign-in/code/")
    code = re.search(r"\b(\d{6})\b", backends.outbox[-1].text_en).group(1)
    page.locator("input[name=code]").fill(code)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{origin}/portal/")


def _menu(page) -> list[str]:
    hrefs = page.locator("nav.site-nav a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    return [h for h in hrefs if h.startswith("/")]


def _household_of_case() -> list[str]:
    """The household search answers as one types; a household of a case stands for a search result."""
    application = Application.objects.filter(status="approved").order_by("created_at").first()
    return [f"/registry/households/{application.household_id}/"]


def _links(page) -> list[str]:
    hrefs = page.locator("main a[href]").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    return [urlsplit(h).path for h in hrefs if h.startswith("/")]


def _crawl(page, origin: str, start: list[str], crawl: Crawl, who: str) -> int:
    """The start pages, the sub-pages they link to and one detail page of each kind (found breadth first on the
    first pass), then the same pages in the other language. Each page is loaded once per language and checked at
    desktop width, then again after the window is narrowed to a phone's: the stylesheet's media queries apply on a
    resize as on a load (no script reads the width), so one load serves both widths.

    A page another role already opened is first asked for as the server answers it: when its <main> is byte for
    byte one already checked in Chromium (the same template, words and data: most pages read the same for the
    roles that may open them), the browser would find the same, and the visit ends there. The first page of each
    role and language is always opened (the header and menu are the role's own), and so is any page with
    sections htmx loads afterwards (their answers can differ). Returns the number of checks (page × language ×
    width)."""
    urls, kinds, queue = [], {_kind(url) for url in start}, list(start)
    for number, language in enumerate(LANGUAGES):
        _set_language(page, origin, language)
        opened = False
        for url in queue if number == 0 else urls:
            if url in urls and number == 0:
                continue
            repeat = (language, url) in crawl.opened  # another role opened it: the server's answer may be the same
            if opened and repeat and _already_checked(page, origin + url, language, crawl):
                crawl.same += 1
                if number == 0:
                    urls.append(url)  # its links are those of the page already checked: queued then
                continue
            opened = True
            page.set_viewport_size(DESKTOP)
            page.crawl_where = f"{url} [{who}, {language}]"
            answer = page.goto(origin + url)
            crawl.opened.add((language, url))
            _remember(answer, language, crawl)
            _settle(page, page.crawl_where, crawl)
            for viewport in (DESKTOP, PHONE):
                if viewport is PHONE:
                    page.set_viewport_size(PHONE)
                where = f"{url} [{who}, {language}, {viewport['width']} px]"
                _check(page, where, language if url not in TEXT_UNCHECKED else None, crawl)
            if number == 0:
                urls.append(url)
                queue += _next(_links(page), queue, kinds)
    return len(urls) * len(LANGUAGES) * 2


MAIN = re.compile(r"<main\b.*?</main>", re.S)
VOLATILE = re.compile(r'(?:name="csrfmiddlewaretoken" value|nonce)="[^"]*"')  # differ on every answer


def _main_digest(html: str) -> str | None:
    """SHA-256 of the page's <main> without its per-answer tokens; None when it has sections htmx loads later."""
    found = MAIN.search(html)
    if found is None or 'hx-trigger="load"' in found.group(0):
        return None
    return hashlib.sha256(VOLATILE.sub("", found.group(0)).encode()).hexdigest()


def _remember(answer, language: str, crawl: Crawl) -> None:
    if answer is not None and answer.ok:
        digest = _main_digest(answer.text())
        if digest is not None:
            crawl.checked.add((language, digest))


def _already_checked(page, url: str, language: str, crawl: Crawl) -> bool:
    """Whether the server's answer (the browser's session and language, no rendering) has a <main> already
    checked in Chromium in this language. Any other answer (an error, a redirect to sign in) is opened."""
    answer = page.context.request.get(url, max_redirects=0)
    if not answer.ok:
        return False
    digest = _main_digest(answer.text())
    return digest is not None and (language, digest) in crawl.checked


def _kind(url: str) -> str | None:
    return next((kind for kind, pattern in DETAIL_KINDS.items() if re.fullmatch(pattern, url)), None)


def _next(links: list[str], queue: list[str], kinds: set) -> list[str]:
    """Sub-pages not queued yet, and the first link of each detail kind not seen yet."""
    found = []
    for link in links:
        kind = _kind(link)
        if link in queue or link in found:
            continue
        if link in SUB_PAGES or (kind and kind not in kinds):
            kinds.add(kind)
            found.append(link)
    return found


# Sections that htmx loads after the page (hx-trigger="load", swapped outerHTML) are in and no request is running.
SETTLED = "!document.querySelector('[hx-trigger=\"load\"], .htmx-request')"


def _settle(page, where: str, crawl: Crawl) -> None:
    """Wait for the page's late sections, so that they are checked too (most pages have none: asked once)."""
    if page.evaluate(SETTLED):
        return
    try:
        page.wait_for_function(SETTLED, timeout=10_000)
    except PlaywrightTimeoutError:
        crawl.add(where, "a section loaded after the page did not arrive within 10 s")


def _set_language(page, origin: str, language: str) -> None:
    host = urlsplit(origin).hostname
    page.context.add_cookies([{"name": "django_language", "value": language, "domain": host, "path": "/"}])


def _check(page, where: str, language: str | None, crawl: Crawl) -> None:
    wide, seen, text, literal = page.evaluate(
        "[document.scrollingElement.scrollWidth, window.innerWidth, document.body.innerText,"
        " [...document.querySelectorAll('main code')].map(c => c.innerText)]"
    )
    if wide > seen:
        crawl.add(where, f"scrolls sideways ({wide} px wide in {seen} px)")
    if language is None:
        return
    for code in literal:  # what the user must type, e.g. a CSV column or a parameter name, is no leaked code
        if code.strip():  # a hidden <code> reads "": replacing "" would put a space between every two letters
            text = text.replace(code, " ")
    for pattern, what in _text_checks(language):
        for found in sorted(set(pattern.findall(text))):
            crawl.add(where, f"{what} {found!r}")


def _text_checks(language: str) -> list[tuple[re.Pattern, str]]:
    checks = [
        (SNAKE_CASE, "code"),
        (ISO_TIMESTAMP, "ISO timestamp"),
        (DOUBLED, "said twice"),
        (PYTHON_REPR, "Python value"),
    ]
    return checks + ([(ENGLISH_WORDS, "English")] if language == "tr" else [(US_DATE, "US date")])
