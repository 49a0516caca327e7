"""The staff menu shows exactly the screens a role can open: every entry answers 200 for a role that sees it and
403 for one that does not, and the menu drawn on a page is refah.accounts.menu's, nothing more."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from refah.accounts.enums import Role
from refah.accounts.menu import MENU, menu_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def role_client(make_staff, office_merkez):
    def make(role: str) -> tuple[Client, object]:
        user = make_staff(office_merkez, role)
        client = Client()
        client.force_login(user)
        return client, user

    return make


def _nav_links(html: str) -> list[str]:
    nav = re.search(r'<nav class="site-nav".*?</nav>', html, re.S)
    return re.findall(r'href="([^"]+)"', nav.group(0)) if nav else []


@pytest.mark.parametrize("role", Role.values)
def test_every_menu_entry_opens_for_the_roles_that_see_it_and_is_refused_to_the_others(role_client, role):
    client, user = role_client(role)
    shown = menu_for(user)
    assert shown, f"{role} sees an empty menu"

    for entry in MENU:
        status = client.get(entry.url).status_code
        assert status == (200 if entry in shown else 403), (role, entry.url_name, status)


@pytest.mark.parametrize("role", Role.values)
def test_the_page_draws_exactly_the_roles_menu(role_client, role):
    client, user = role_client(role)

    html = client.get(reverse("registry:household_search")).content.decode()

    assert _nav_links(html) == [entry.url for entry in menu_for(user)]


def test_visits_are_in_the_menu_of_inspectors_only(role_client):
    visits = reverse("cases:visit_list")
    for role in Role.values:
        client, _ = role_client(role)
        html = client.get(reverse("registry:household_search")).content.decode()
        assert (visits in _nav_links(html)) == (role == Role.INSPECTOR), role


def test_the_page_being_shown_is_marked_current(role_client):
    client, _ = role_client(Role.INSPECTOR)
    html = client.get(reverse("cases:visit_list")).content.decode()
    assert f'href="{reverse("cases:visit_list")}" aria-current="page"' in html
    assert html.count('aria-current="page"') == 1
