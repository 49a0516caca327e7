import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from refah.cases import services
from refah.cases.enums import Channel, Status
from refah.cases.models import Application, Consent
from refah.cases.tests.conftest import adults
from refah.common.errors import ConflictError, NotFoundError
from refah.registry.tests.factories import household_with_members

pytestmark = pytest.mark.django_db


def test_submit_records_consents_deadline_and_acknowledges(
    submit, household, outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = submit(household, programs=["family_support", "heating_aid"])
    assert application.status == Status.RECEIVED
    assert sorted(application.programs.values_list("program", flat=True)) == ["family_support", "heating_aid"]
    assert Consent.objects.filter(application=application).count() == 2
    # The deadline counts from the Istanbul date of receipt, not the UTC one (they differ after 21:00 UTC).
    assert (application.due_on - timezone.localdate(application.created_at)).days == 30
    assert [n.template for n in outbox] == ["application_received"]


def test_every_adult_must_consent(caseworker, household):
    only_one = adults(household)[:1]
    with pytest.raises(ValidationError) as exc:
        services.application_submit(
            actor=caseworker, household=household, programs=["family_support"], consents=only_one
        )
    assert "consents" in exc.value.error_dict


def test_unknown_program_refused(submit, household):
    with pytest.raises(ValidationError):
        submit(household, programs=["free_money"])


def test_second_open_application_for_same_program_refused(submit, household):
    first = submit(household, programs=["family_support"])
    with pytest.raises(ConflictError) as exc:
        submit(household, programs=["heating_aid", "family_support"])
    assert first.reference in str(exc.value.message)
    assert submit(household, programs=["heating_aid"]).pk != first.pk  # another program is fine


def test_new_application_allowed_after_withdrawal(submit, household, caseworker):
    first = submit(household)
    services.application_withdraw(actor=caseworker, application=first, reason="Citizen asked")
    assert submit(household).pk != first.pk


def test_same_idempotency_key_creates_one_application(submit, household):
    one = submit(household, channel=Channel.API, idempotency_key="req-1")
    two = submit(household, channel=Channel.API, idempotency_key="req-1")
    assert one.pk == two.pk
    assert Application.objects.count() == 1


def test_same_key_other_request_is_a_conflict(submit, household):
    submit(household, channel=Channel.API, idempotency_key="req-1")
    with pytest.raises(ConflictError):
        submit(household, programs=["heating_aid"], channel=Channel.API, idempotency_key="req-1")


def test_household_of_another_office_is_not_found(other_caseworker, household):
    with pytest.raises(NotFoundError):
        services.application_submit(
            actor=other_caseworker, household=household, programs=["family_support"], consents=adults(household)
        )


def test_citizen_applies_for_own_household_only(household, tuzluca, office_merkez):
    person = adults(household)[0]
    application = services.application_submit(
        actor=None,
        person=person,
        household=household,
        programs=["family_support"],
        consents=adults(household),
        channel=Channel.PORTAL,
    )
    assert (application.submitted_by_person, application.office) == (person, office_merkez)
    other = household_with_members(tuzluca)
    with pytest.raises(NotFoundError):
        services.application_submit(
            actor=None,
            person=person,
            household=other,
            programs=["family_support"],
            consents=adults(other),
            channel=Channel.PORTAL,
        )


def test_a_taken_application_number_is_drawn_again(submit, household, monkeypatch):
    """Numbers are random (8 digits a year): a number already given is drawn again, never a server error."""
    from refah.cases.services import applications

    first = submit(household, programs=["family_support"])
    taken_then_free = iter([first.reference, first.reference, "2699999999"])
    monkeypatch.setattr(applications, "_new_reference", lambda: next(taken_then_free))
    second = submit(household, programs=["heating_aid"], channel=Channel.API, idempotency_key="k-2")
    assert second.reference == "2699999999" and not getattr(second, "replayed", False)
    assert Application.objects.count() == 2
    monkeypatch.setattr(applications, "_new_reference", lambda: first.reference)
    with pytest.raises(IntegrityError):
        submit(household, programs=["home_care"])
    assert Application.objects.count() == 2
