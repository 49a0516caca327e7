"""The household's audit trail survives a change whose amount is empty: a rejected decision has no amount
(the household page answered 500 on any household with one, issue 12's crawl)."""

import pytest
from django.db import transaction

from refah.audit.services import audit_record
from refah.registry.tests.factories import household_with_members

pytestmark = pytest.mark.django_db


def test_a_rejected_decision_without_an_amount_does_not_break_the_household_page(client, caseworker, merkez):
    household = household_with_members(merkez)
    with transaction.atomic():
        audit_record(
            actor=caseworker,
            action="decision_record",
            obj=household,
            after={"program": "family_support", "outcome": "rejected", "amount_kurus": None},
            household_id=household.pk,
        )
    client.force_login(caseworker)
    response = client.get(f"/registry/households/{household.pk}/")
    assert response.status_code == 200
