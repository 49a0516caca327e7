import pytest
from django.core.exceptions import ValidationError

from refah.cases import selectors, services
from refah.cases.enums import Status
from refah.cases.models import CaseEvent, ProgramDecision
from refah.common.errors import ConflictError


def _decision(application, outcome="approved", amount=125_000, justification="Visit confirmed need."):
    return [
        {
            "program": p,
            "outcome": outcome,
            "amount_kurus": amount,
            "reason_codes": ["need"],
            "justification": justification,
        }
        for p in application.programs.values_list("program", flat=True)
    ]


@pytest.mark.django_db
def test_decision_recorded_and_notified(awaiting, committee, outbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        rows = services.case_record_decision(
            actor=committee, application=awaiting, decisions=_decision(awaiting), meeting_ref="2026/03"
        )
    awaiting.refresh_from_db()
    assert awaiting.status == Status.APPROVED
    assert [r.program for r in rows] == ["family_support"]
    assert rows[0].amount_kurus == 125_000
    assert outbox[-1].template == "decision"
    # The program by its name in each language, never its code.
    from refah.eligibility.rules import PROGRAMS

    label = PROGRAMS["family_support"].LABEL
    assert f"{label['tr']}: Onaylandı" in outbox[-1].text_tr, outbox[-1].text_tr
    assert f"{label['en']}: Approved" in outbox[-1].text_en, outbox[-1].text_en
    assert "family_support" not in outbox[-1].text_tr + outbox[-1].text_en
    assert CaseEvent.objects.filter(application=awaiting, action="decide").exists()


@pytest.mark.django_db
def test_second_decision_refused(awaiting, committee):
    services.case_record_decision(
        actor=committee, application=awaiting, decisions=_decision(awaiting), meeting_ref="m1"
    )
    with pytest.raises(ConflictError):
        services.case_record_decision(
            actor=committee, application=awaiting, decisions=_decision(awaiting, "rejected"), meeting_ref="m1"
        )
    assert ProgramDecision.objects.filter(application=awaiting).count() == 1


@pytest.mark.django_db
def test_deviation_needs_justification(awaiting, committee):
    frozen = awaiting.snapshots.get().determination("family_support")
    contrary = "rejected" if frozen["eligible"] else "approved"
    with pytest.raises(ValidationError) as exc:
        services.case_record_decision(
            actor=committee,
            application=awaiting,
            decisions=_decision(awaiting, contrary, justification=""),
            meeting_ref="m1",
        )
    assert "justification" in exc.value.error_dict
    rows = services.case_record_decision(
        actor=committee,
        application=awaiting,
        decisions=_decision(awaiting, contrary, justification=""),
        meeting_ref="m1",
        justification="The household's situation was seen at the visit.",
    )
    assert rows[0].deviates_from_score


@pytest.mark.django_db
def test_ready_and_approved_selectors(awaiting, committee, office_merkez):
    assert list(selectors.cases_ready_for_committee(office=office_merkez)) == [awaiting]
    services.case_record_decision(actor=committee, application=awaiting, decisions=_decision(awaiting), meeting_ref="m")
    assert not selectors.cases_ready_for_committee(office=office_merkez).exists()
    awaiting.refresh_from_db()
    month = awaiting.decided_at.date().replace(day=1)
    rows = list(selectors.approved_program_decisions(period_start=month))
    assert [(r.household_id, r.program, r.amount_kurus) for r in rows] == [
        (awaiting.household_id, "family_support", 125_000)
    ]


@pytest.mark.django_db
def test_an_insured_household_cannot_be_approved_where_the_rule_excludes_it(
    submit, household, caseworker, inspector, committee
):
    """Heating aid excludes insured households unless their income is very low: SGK's record blocks approval."""
    from refah.registry import enums
    from refah.registry.tests.factories import IncomeFactory

    for m in household.memberships.filter(left_on__isnull=True):
        m.person.social_security = enums.SocialSecurity.ACTIVE
        m.person.save(update_fields=["social_security"])
    reference = household.memberships.get(role="reference").person
    IncomeFactory(person=reference, amount_kurus=4_000_000, source=enums.DataSource.SGK)  # well above 1/3 NMW each
    application = submit(household, programs=("heating_aid",))
    visit = services.visit_assign(actor=caseworker, application=application)
    services.visit_record(actor=inspector, visit=visit, living_conditions="poor", observations="Cold flat.")
    services.case_send_to_committee(actor=caseworker, application=application)
    assert application.snapshots.get().determination("heating_aid")["eligible"] is False
    with pytest.raises(ValidationError) as exc:
        services.case_record_decision(
            actor=committee,
            application=application,
            decisions=_decision(application, "approved", amount=None),
            meeting_ref="m1",
            justification="The committee saw the need at the visit.",
        )
    assert "Kömür Yardımı onaylanamaz" in str(exc.value) and "(SGK)" in str(exc.value)
    assert not ProgramDecision.objects.filter(application=application).exists()
    rows = services.case_record_decision(
        actor=committee, application=application, decisions=_decision(application, "rejected"), meeting_ref="m1"
    )
    assert rows[0].outcome == "rejected"
