"""`refah linkage duplicates`: a person registered twice is queued for review, twins are not."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from refah.linkage.apps import REGISTRY_PERSON
from refah.linkage.models import LinkReview
from refah.registry.enums import Role
from refah.registry.tests.factories import HouseholdFactory, MembershipFactory, PersonFactory


def test_a_person_registered_twice_is_queued_once(caseworker, merkez, registry):
    """Ayşe again, without a number and in ASCII letters, by another institution; Elif is her twin."""
    household = HouseholdFactory(district=merkez)
    again = PersonFactory(
        national_id=None,
        id_kind="internal",
        first_name="AYSE",
        last_name="YILMAZ",
        birth_date=dt.date(1990, 3, 4),
        father_name="Ali",
        mother_name="Fatma",
    )
    MembershipFactory(household=household, person=again, role=Role.REFERENCE)
    out = StringIO()
    call_command("linkage", "duplicates", "--user", caseworker.username, stdout=out)
    review = LinkReview.objects.get(kind=REGISTRY_PERSON)
    pair = {review.record_id, review.candidates[0]["person_id"]}
    assert pair == {str(again.pk), str(registry["Ayşe"].pk)}
    assert len(review.candidates) == 1  # never the twin, whose number differs from Ayşe's
    assert "1 review item" in out.getvalue()
    call_command("linkage", "duplicates", "--user", caseworker.username, stdout=StringIO())
    assert LinkReview.objects.count() == 1


def test_an_unknown_user_is_an_error(db):
    with pytest.raises(CommandError):
        call_command("linkage", "duplicates", "--user", "nobody")
