"""The portal's refusal of a program the household already has approved: in force, by its name (issue 12, item 5)."""

import pytest

from refah.portal.tests.test_views_apply import _apply

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "words", "label"),
    [("tr", "zaten onaylanmış", "Aile Destek Programı"), ("en", "already approved", "Family Support Programme")],
)
def test_applying_for_an_approved_program_says_it_is_in_force(portal, household, staff_case, lang, words, label):
    approved = staff_case(household)
    portal.cookies["django_language"] = lang
    response = _apply(portal, household)
    error = response.context["form"].non_field_errors()[0]
    assert words in error and label in error and approved.reference in error, error
    assert "family_support" not in error and "decided, withdrawn" not in error
