"""Two committee sessions recording a decision on the same case at once: exactly one wins (PostgreSQL)."""

import threading

import pytest
from django.db import connection

from refah.cases import services
from refah.cases.models import ProgramDecision
from refah.common.errors import ConflictError

POSTGRES = connection.vendor == "postgresql"


@pytest.mark.skipif(not POSTGRES, reason="row locks need PostgreSQL; SQLite serialises writers anyway")
@pytest.mark.django_db(transaction=True)
def test_concurrent_decisions_leave_one(awaiting, committee):
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def decide(outcome: str) -> None:
        try:
            barrier.wait()
            services.case_record_decision(
                actor=committee,
                application=awaiting,
                meeting_ref="2026/05",
                decisions=[
                    {
                        "program": "family_support",
                        "outcome": outcome,
                        "amount_kurus": None,
                        "reason_codes": [],
                        "justification": "Concurrent test.",
                    }
                ],
            )
            outcomes.append("ok")
        except ConflictError:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=decide, args=(o,)) for o in ("approved", "rejected")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict", "ok"]
    assert ProgramDecision.objects.filter(application=awaiting).count() == 1
