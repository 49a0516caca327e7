"""A household's determinations name amounts in the program's unit in the UI language (issue 12, item 4)."""

import re

import pytest
from django.test import Client

from refah.eligibility import services
from refah.eligibility.models import Determination
from refah.eligibility.tests.test_determinations import PERIOD, registry  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def test_points_and_places_in_turkish_words(registry, caseworker):  # noqa: F811 - the imported fixture
    household = registry[0]
    services.determinations_for_household(household=household, period=PERIOD)
    Determination.objects.filter(household_id=household.pk, program="social_market").update(
        eligible=True, amount_kurus=1500
    )
    client = Client()
    client.force_login(caseworker)
    client.cookies["django_language"] = "tr"
    page = re.sub(
        r"<[^>]+>", " ", client.get(f"/eligibility/households/{household.pk}/?period={PERIOD}").content.decode()
    )
    assert "1.500 puan" in page and not re.search(r"\b(points|places|cards)\b", page)
