"""Shelter stays: never above the shelter's capacity (the woman and her children), a refusal audited and nothing
kept; orders and closure."""

import datetime as dt

import pytest
from django.utils import timezone

from refah.audit.actions import AuditAction
from refah.audit.models import AuditEvent
from refah.common.errors import ConflictError, PermissionDeniedError, RefahError
from refah.shelters import errors, services
from refah.shelters.enums import CaseStatus
from refah.shelters.models import ShelterStay

pytestmark = pytest.mark.django_db


def _another_case(sealed, name):
    return services.case_open(actor=sealed.worker, unit=sealed.sonim, source="walk_in", reason="x", person_label=name)


def test_capacity_is_held(sealed, case):
    stay = services.stay_start(actor=sealed.worker, case=case, shelter=sealed.shelter, children=1)
    assert services.places_taken(sealed.shelter.pk) == 2
    second = _another_case(sealed, "Fatma")
    with pytest.raises(ConflictError) as caught:
        services.stay_start(actor=sealed.worker, case=second, shelter=sealed.shelter, children=1)
    assert caught.value.field == "shelter"
    assert str(caught.value.message) == str(errors.ERR_SHELTER_FULL % {"free": 1, "asked": 2})
    assert ShelterStay.objects.count() == 1
    refused = AuditEvent.sealed_objects.get(action=AuditAction.SHELTER_STAY_REFUSED)
    assert refused.object_id == str(second.pk) and refused.after["free"] == 1
    # one place is free: she alone fits; then the shelter is full until a stay ends
    services.stay_start(actor=sealed.worker, case=second, shelter=sealed.shelter)
    third = _another_case(sealed, "Zeynep")
    with pytest.raises(ConflictError):
        services.stay_start(actor=sealed.worker, case=third, shelter=sealed.shelter)
    services.stay_end(actor=sealed.keeper, stay=stay, note="Ailesinin yanına döndü")
    services.stay_start(actor=sealed.worker, case=third, shelter=sealed.shelter, children=1)
    assert services.places_taken(sealed.shelter.pk) == 3


def test_a_stay_needs_the_cases_staff_a_shelter_of_the_province_and_one_open_stay(sealed, case):
    with pytest.raises(PermissionDeniedError):
        services.stay_start(actor=sealed.keeper, case=case, shelter=sealed.shelter)
    with pytest.raises(RefahError) as caught:
        services.stay_start(actor=sealed.worker, case=case, shelter=sealed.sonim)
    assert caught.value.field == "shelter"
    with pytest.raises(RefahError) as caught:
        services.stay_start(actor=sealed.worker, case=case, shelter=sealed.shelter, children=-1)
    assert caught.value.field == "children"
    services.stay_start(actor=sealed.worker, case=case, shelter=sealed.shelter)
    with pytest.raises(RefahError) as caught:
        services.stay_start(actor=sealed.worker, case=case, shelter=sealed.shelter)
    assert caught.value.message == errors.ERR_STAY_OPEN


def test_orders_run_at_most_six_months_and_a_case_closes_after_its_stay(sealed, case):
    today = timezone.localdate()
    order = services.order_record(
        actor=sealed.worker,
        case=case,
        kind="no_approach",
        issuer="judge",
        issued_on=today,
        starts_on=today,
        ends_on=today + dt.timedelta(days=90),
    )
    assert order.case == case
    with pytest.raises(RefahError) as caught:
        services.order_record(
            actor=sealed.worker,
            case=case,
            kind="no_approach",
            issuer="judge",
            issued_on=today,
            starts_on=today,
            ends_on=today + dt.timedelta(days=200),
        )
    assert caught.value.message == errors.ERR_ORDER_LENGTH
    stay = services.stay_start(actor=sealed.worker, case=case, shelter=sealed.shelter)
    with pytest.raises(RefahError):
        services.case_close(actor=sealed.worker, case=case, reason="safe")
    services.stay_end(actor=sealed.worker, stay=stay)
    services.referral_record(actor=sealed.worker, case=case, to_kind="legal_aid", reason="Boşanma davası için")
    services.case_close(actor=sealed.worker, case=case, reason="safe", note="Koruma kararı sürüyor")
    assert case.status == CaseStatus.CLOSED
    with pytest.raises(RefahError):
        services.order_record(
            actor=sealed.worker,
            case=case,
            kind="weapons",
            issuer="judge",
            issued_on=today,
            starts_on=today,
            ends_on=today,
        )
    services.note_add(actor=sealed.worker, case=case, text="Kapanıştan sonra izleme görüşmesi")
    assert case.notes.count() == 1
