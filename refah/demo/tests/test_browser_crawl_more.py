"""The browser crawl's second half (refah/demo/tests/test_browser_crawl.py holds the checks and the first half): the
other roles, the citizen portal signed in and the public pages. A file of its own so that the suite's two workers
(`--dist loadfile`) crawl side by side."""

import pytest

from refah.demo.tests.test_browser_crawl import crawl_run, crawl_staff, world  # noqa: F401 — the fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_other_roles_the_citizen_and_the_public_pages_in_both_languages_at_both_widths(
    live_server,
    browser,
    world,  # noqa: F811
):
    crawl_run(live_server, browser, world, staff=crawl_staff()[1::2], citizen_and_public=True)
