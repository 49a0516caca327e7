"""The portal names a program and its amount in the program's unit, in the citizen's language (issue 12, item 4)."""

import pytest

from refah.cases.models import ProgramDecision

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "label", "amount"), [("tr", "Sosyal Market", "150.000 puan"), ("en", "Social Market", "150,000 points")]
)
def test_points_decision_is_shown_in_points(portal, household, staff_case, lang, label, amount):
    staff_case(household, program="social_market")
    decision = ProgramDecision.objects.get()
    portal.cookies["django_language"] = lang
    page = portal.get(f"/portal/decisions/{decision.pk}/").content.decode()
    assert label in page and amount in page, page
    assert "social_market" not in page and "1.500,00 TL" not in page and "1,500.00 TL" not in page
