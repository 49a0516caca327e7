"""The household's audit trail reads as words and local times, never action codes or ISO timestamps."""

import datetime as dt
import re

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from refah.audit.services import audit_record
from refah.registry.tests.factories import household_with_members

pytestmark = pytest.mark.django_db
# 21:30 UTC on 3 March is 00:30 on 4 March in Istanbul (UTC+3).
AT = dt.datetime(2026, 3, 3, 21, 30, tzinfo=dt.UTC)


@pytest.fixture
def trail(caseworker, merkez):
    household = household_with_members(merkez)
    with transaction.atomic():
        for action, before, after in (
            ("case_decide", {}, {"at": AT.isoformat()}),
            ("aidcard_load", None, {"purse": "food", "amount": 50_000}),
            ("vote_cast", None, {}),
            ("item_decide", None, {}),
        ):
            audit_record(
                actor=caseworker, action=action, obj=household, before=before, after=after, household_id=household.pk
            )
    return household


def _trail_text(client, user, household, lang):
    client.force_login(user)
    client.cookies["django_language"] = lang
    page = client.get(reverse("registry:household_detail", args=[household.pk])).content.decode()
    return re.sub(r"<[^>]+>", " ", page.split('id="audit-title"', 1)[1])


def test_audit_trail_in_turkish_has_words_and_istanbul_time(client, caseworker, trail):
    text = _trail_text(client, caseworker, trail, "tr")
    for code in ("case_decide", "aidcard_load", "vote_cast", "item_decide", "purse"):
        assert code not in text
    assert "Dosya karara bağlandı" in text and "Yardım kartına yükleme yapıldı" in text
    assert "Komisyon üyesi oy kullandı" in text and "Komisyon gündem maddesi karara bağlandı" in text
    assert "2026-03-03T21:30" not in text and "04 Mar 2026 00:30" in text, text  # the Turkish short format


def test_audit_trail_in_english(client, caseworker, trail):
    text = _trail_text(client, caseworker, trail, "en")
    assert "Case decided" in text and "Aid card loaded" in text and "Committee vote cast" in text
    assert "case_decide" not in text and "T21:30" not in text
    assert timezone.localtime(AT).strftime("%H:%M") == "00:30"
