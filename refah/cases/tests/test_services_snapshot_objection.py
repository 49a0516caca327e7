import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from refah.accounts.enums import Role
from refah.cases import services
from refah.cases.enums import ObjectionStatus, Status, VisitKind
from refah.cases.models import Application, ProgramDecision
from refah.registry import services as registry

pytestmark = pytest.mark.django_db


def _decide(application, actor, outcome="rejected"):
    services.case_record_decision(
        actor=actor,
        application=application,
        meeting_ref="2026/04",
        decisions=[
            {
                "program": "family_support",
                "outcome": outcome,
                "amount_kurus": None,
                "reason_codes": ["income"],
                "justification": "Committee view.",
            }
        ],
    )
    application.refresh_from_db()
    return application


def test_snapshot_frozen_against_registry_edits(awaiting, caseworker):
    frozen = awaiting.snapshots.get()
    before = (frozen.need_score, frozen.determinations)
    assert frozen.determination("family_support") is not None
    registry.household_update(actor=caseworker, household=awaiting.household, data={"rooms": 7, "heating": "central"})
    frozen.refresh_from_db()
    assert (frozen.need_score, frozen.determinations) == before


def test_objection_reexamined_by_a_different_inspector(
    awaiting, committee, caseworker, inspector, make_staff, office_merkez, outbox, django_capture_on_commit_callbacks
):
    second = make_staff(office_merkez, Role.INSPECTOR)
    application = _decide(awaiting, committee)
    assert application.status == Status.REJECTED
    with django_capture_on_commit_callbacks(execute=True):
        services.objection_file(actor=caseworker, application=application, reason="Our income fell last month.")
    objection = services.objection_assign(actor=caseworker, application=application)
    assert objection.visit.inspector == second != inspector
    assert objection.visit.kind == VisitKind.RE_EXAMINATION
    services.visit_record(actor=second, visit=objection.visit, living_conditions="poor", observations="Confirmed.")
    services.case_send_to_committee(actor=caseworker, application=application)
    application = _decide(application, committee, outcome="approved")
    objection.refresh_from_db()
    assert application.status == Status.APPROVED and objection.status == ObjectionStatus.DECIDED
    rounds = ProgramDecision.objects.filter(application=application).order_by("round")
    assert [(d.round, d.ended_on is None) for d in rounds] == [(1, False), (2, True)]
    assert "objection_received" in [n.template for n in outbox]


def test_objection_after_deadline_refused(awaiting, committee, caseworker):
    application = _decide(awaiting, committee)
    Application.objects.filter(pk=application.pk).update(decided_at=application.decided_at - dt.timedelta(days=31))
    with pytest.raises(ValidationError):
        services.objection_file(actor=caseworker, application=application, reason="Late")
