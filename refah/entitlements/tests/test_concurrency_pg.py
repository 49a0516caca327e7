"""At once on PostgreSQL: the martyr's relatives asking for the one public employment right get it once, and two
issue runs request one card a person."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from refah.common.errors import RefahError
from refah.entitlements import services
from refah.entitlements.enums import EntitlementKind, VeteranStatus
from refah.entitlements.models import Entitlement, TravelCard
from refah.entitlements.tests.conftest import record

pytestmark = pytest.mark.django_db(transaction=True)


def _at_once(calls) -> list:
    start = threading.Barrier(len(calls))

    def run(call):
        start.wait()
        try:
            return call()
        except RefahError as exc:
            return exc
        finally:
            connections.close_all()

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def test_one_public_employment_right_per_martyr(clerk, family):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")
    records = [
        record(clerk, family["mother"]),
        record(clerk, family["sibling"], VeteranStatus.MARTYR_SIBLING),
        record(clerk, family["sister"], VeteranStatus.MARTYR_SIBLING),
    ]
    results = _at_once(
        [
            lambda r=r: services.entitlement_grant(actor=clerk, record=r, kind=EntitlementKind.PUBLIC_EMPLOYMENT)
            for r in records
        ]
    )
    refused = [r for r in results if isinstance(r, RefahError)]
    assert len(refused) == 2 and all(r.field == "kind" for r in refused)
    assert Entitlement.objects.filter(kind=EntitlementKind.PUBLIC_EMPLOYMENT).count() == 1


def test_two_issue_runs_at_once_request_one_card_a_person(supervisor, travellers):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")
    runs = _at_once([lambda: services.cards_issue(actor=supervisor)] * 2)
    assert sum(run.cards_requested for run in runs) == TravelCard.objects.count() == 4
