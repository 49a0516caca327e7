"""The citizen's home page: each member's name and role are separate lines, never "Emine CeylanÇocuk" (issue 12)."""

import pytest

pytestmark = pytest.mark.django_db


def test_member_names_and_roles_are_separate_blocks(portal, household):
    html = portal.get("/portal/").content.decode()
    for membership in household.memberships.all():
        name, role = membership.person.full_name, membership.get_role_display()
        assert f'<div class="what person-name">{name}</div><div class="summary">{role}</div>' in html
