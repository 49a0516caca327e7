"""What one partner submission costs in queries, and that the one-statement inserts keep every check.

A submission reads the token with the user's permissions (1), the household (1), then, together, the current
members with their persons (the consents are checked against them), the district's office, and the household's
open programs with the application already sent with the key (3), then inserts the application, its programs,
the consents, the case event, the audit row and the message — one statement on PostgreSQL, six on SQLite —
and marks the message sent after commit (1). Inside a test's transaction the service's atomic block adds a
SAVEPOINT and its RELEASE. Every one of them is a hand-written statement (refah.common.sql), prepared on
PostgreSQL.
"""

import threading
import uuid

import pytest
from django.db import connection

from refah.accounts.enums import Role
from refah.audit.models import AuditEvent
from refah.cases import services
from refah.cases.models import Application, ApplicationProgram, CaseEvent
from refah.cases.tests.conftest import adults
from refah.common.errors import ConflictError
from refah.notifications.models import Notification

pytestmark = pytest.mark.django_db
URL = "/api/v1/cases/applications"
POSTGRES = connection.vendor == "postgresql"
SUBMISSION_QUERIES = 9 if POSTGRES else 14


def _body(household, programs=("family_support",)):
    return {
        "household_id": str(household.pk),
        "programs": list(programs),
        "consents": [str(p.pk) for p in adults(household)],
    }


@pytest.fixture
def province_client(api_client_for, make_staff, office_province, office_merkez):
    """A province office's caseworker, as in bench/intake.py: the application goes to the district's office."""
    return api_client_for(make_staff(office_province, Role.CASEWORKER))


def test_one_submission_query_budget(
    province_client, household, office_merkez, outbox, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    province_client.get(f"/api/v1/registry/households/{household.pk}")  # warm: the first request imports modules
    body = _body(household, ["home_care"])
    with (
        django_assert_max_num_queries(SUBMISSION_QUERIES) as captured,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = province_client.post(URL, body, content_type="application/json", headers={"Idempotency-Key": "k-1"})
    assert len(captured) == SUBMISSION_QUERIES
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["office"], body["programs"], body["missing_documents"]) == (
        office_merkez.name,
        ["home_care"],
        ["disability_report"],
    )
    application = Application.objects.get(pk=body["id"])
    assert list(application.programs.values_list("program", "is_open")) == [("home_care", True)]
    assert CaseEvent.objects.filter(application=application, action="submit").count() == 1
    assert AuditEvent.objects.filter(action="case_submit", object_id=str(application.pk)).count() == 1
    assert [n.status for n in Notification.objects.all()] == ["sent"] and len(outbox) == 1


def test_replay_and_refusals_answer_as_before(province_client, household, office_merkez):
    first = province_client.post(
        URL, _body(household), content_type="application/json", headers={"Idempotency-Key": "a"}
    )
    again = province_client.post(
        URL, _body(household), content_type="application/json", headers={"Idempotency-Key": "a"}
    )
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == again.json()
    mismatch = province_client.post(
        URL, _body(household, ["heating_aid"]), content_type="application/json", headers={"Idempotency-Key": "a"}
    )
    assert (mismatch.status_code, mismatch.json()["errors"][0]["code"]) == (409, "idempotency_mismatch")
    open_one = province_client.post(
        URL,
        _body(household, ["heating_aid", "family_support"]),
        content_type="application/json",
        headers={"Idempotency-Key": "b"},
    )
    assert (open_one.status_code, open_one.json()["errors"][0]["code"]) == (409, "open_application")
    assert first.json()["reference"] in open_one.json()["detail"]
    # The refused request left nothing behind: not its application, not the program that was free.
    assert Application.objects.count() == 1
    assert not ApplicationProgram.objects.filter(program="heating_aid").exists()


def test_unknown_program_still_refused_without_custom_programs(province_client, household, office_merkez):
    response = province_client.post(URL, _body(household, ["free_money"]), content_type="application/json")
    assert response.status_code == 422


@pytest.mark.skipif(not POSTGRES, reason="concurrent writers need PostgreSQL; SQLite serialises them")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("same_key", [True, False])
def test_concurrent_submissions_leave_one_application(caseworker, household, same_key):
    """Same key twice: one application, the other call replays it. Different keys: one wins, one is refused."""
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def submit(key: str) -> None:
        try:
            barrier.wait()
            application = services.application_submit(
                actor=caseworker,
                household=household,
                programs=["family_support"],
                consents=adults(household),
                idempotency_key=key,
            )
            outcomes.append("replayed" if getattr(application, "replayed", False) else "created")
        except ConflictError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    keys = ["same", "same"] if same_key else [uuid.uuid4().hex, uuid.uuid4().hex]
    threads = [threading.Thread(target=submit, args=(k,)) for k in keys]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == (["created", "replayed"] if same_key else ["created", "open_application"])
    assert Application.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_submission_outside_a_transaction_is_all_or_nothing(caseworker, household, outbox, monkeypatch):
    """Outside a transaction (a request), PostgreSQL gets the writes as one statement and no BEGIN/COMMIT:
    everything is there, the message is sent once the statement went in; a failed write leaves nothing."""
    from django.db import IntegrityError

    from refah.cases.models import Consent
    from refah.cases.services import applications

    def submit(program):
        return services.application_submit(
            actor=caseworker, household=household, programs=[program], consents=adults(household)
        )

    first = submit("family_support")
    assert list(first.programs.values_list("program", flat=True)) == ["family_support"]
    assert Consent.objects.filter(application=first).count() == len(adults(household))
    assert CaseEvent.objects.filter(application=first, action="submit").count() == 1
    assert AuditEvent.objects.filter(action="case_submit", object_id=str(first.pk)).count() == 1
    assert [n.status for n in Notification.objects.all()] == ["sent"] and len(outbox) == 1
    monkeypatch.setattr(applications, "_new_reference", lambda: first.reference)  # every number taken
    with pytest.raises(IntegrityError):
        submit("heating_aid")
    assert Application.objects.count() == 1 and not ApplicationProgram.objects.filter(program="heating_aid").exists()
    assert (CaseEvent.objects.count(), AuditEvent.objects.filter(action="case_submit").count()) == (1, 1)
    assert Notification.objects.count() == 1 and len(outbox) == 1
