"""The state machine: every pair of statuses outside TRANSITIONS is refused."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from refah.audit.actions import AuditAction
from refah.cases.enums import Status
from refah.cases.models import Application, CaseEvent
from refah.cases.workflow import OPEN_STATUSES, TRANSITIONS, case_transition

ALLOWED = [(a, b) for a in Status for b in Status if b in TRANSITIONS[a]]
FORBIDDEN = [(a, b) for a in Status for b in Status if b not in TRANSITIONS[a]]


def _at(application: Application, status: str) -> Application:
    Application.objects.filter(pk=application.pk).update(status=status)
    application.refresh_from_db()
    return application


@pytest.mark.django_db
@pytest.mark.parametrize(("current", "target"), FORBIDDEN)
def test_forbidden_transition_refused(submit, household, caseworker, current, target):
    application = _at(submit(household), current)
    with pytest.raises(ValidationError), transaction.atomic():
        case_transition(actor=caseworker, application=application, target=target, action=AuditAction.CASE_CLOSE)
    application.refresh_from_db()
    assert application.status == current


@pytest.mark.django_db
@pytest.mark.parametrize(("current", "target"), ALLOWED)
def test_allowed_transition_recorded(submit, household, caseworker, current, target):
    application = _at(submit(household), current)
    with transaction.atomic():
        case_transition(
            actor=caseworker, application=application, target=target, action=AuditAction.CASE_CLOSE, reason="why"
        )
    application.refresh_from_db()
    assert application.status == target
    event = CaseEvent.objects.filter(application=application, action="close").get()
    assert (event.from_status, event.to_status, event.reason, event.actor) == (current, target, "why", caseworker)
    assert application.programs.get().is_open == (target in OPEN_STATUSES)


def test_matrix_is_complete():
    assert set(TRANSITIONS) == set(Status)
    assert len(ALLOWED) + len(FORBIDDEN) == len(Status) ** 2
