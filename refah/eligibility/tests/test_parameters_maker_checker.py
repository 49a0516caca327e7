"""Maker–checker on the rulebook: a dated value proposed by one manager, approved by another, takes effect."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from refah.accounts.enums import Role
from refah.audit.models import AuditEvent
from refah.common.errors import PermissionDeniedError
from refah.eligibility import services, services_parameters
from refah.eligibility.models import ApprovalStatus, ParameterValue
from refah.eligibility.overlay import latest_start, overrides_on
from refah.eligibility.tests.test_determinations import make_household

PARAMETER = "family_support.last_band_amount"


@pytest.fixture
def managers(make_staff, office_merkez):
    return make_staff(office_merkez, Role.PROGRAM_MANAGER), make_staff(office_merkez, Role.PROGRAM_MANAGER)


def next_month_after(*days: dt.date) -> dt.date:
    latest = max(days)
    return (latest.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def propose(manager, start, value="900.00"):
    return services_parameters.parameter_value_propose(
        actor=manager, parameter=PARAMETER, start=start, value_text=value, reference="Bakanlık yazısı 2026/1"
    )


def test_proposer_cannot_approve_own_value(managers):
    maker, _ = managers
    value = propose(maker, next_month_after(latest_start(PARAMETER), timezone.localdate()))
    with pytest.raises(PermissionDeniedError):
        services_parameters.parameter_value_decide(actor=maker, value=value, approve=True)
    value.refresh_from_db()
    assert value.status == ApprovalStatus.PROPOSED


def test_past_dated_value_is_refused(managers):
    maker, _ = managers
    with pytest.raises(ValidationError) as error:
        propose(maker, latest_start(PARAMETER))
    assert "start" in error.value.message_dict


def test_value_of_wrong_shape_or_unit_is_refused(managers):
    maker, _ = managers
    start = next_month_after(latest_start(PARAMETER), timezone.localdate())
    for text in ("[850, 900]", "nine hundred"):
        with pytest.raises(ValidationError) as error:
            propose(maker, start, text)
        assert "value" in error.value.message_dict


def test_caseworker_cannot_propose(caseworker):
    with pytest.raises(PermissionDeniedError):
        propose(caseworker, dt.date(2099, 1, 1))


def test_approved_value_changes_new_period_only(managers):
    maker, checker = managers
    start = next_month_after(latest_start(PARAMETER), timezone.localdate())
    before_start = (start - dt.timedelta(days=1)).replace(day=1)
    household = make_household(wage_kurus=1_500_000)  # 15,000 / 4 = 3,750 per capita: last band, 850 TL
    old = {d.program: d.amount_kurus for d in services.determinations_for_household(household=household, period=start)}
    value = propose(maker, start)
    assert overrides_on(start) == {}  # proposed is not in force
    services_parameters.parameter_value_decide(actor=checker, value=value, approve=True)
    assert overrides_on(start) == {PARAMETER: "900.00"}
    assert overrides_on(before_start) == {}
    new = {d.program: d.amount_kurus for d in services.determinations_for_household(household=household, period=start)}
    earlier = services.determinations_for_household(household=household, period=before_start)
    # last band 850 → 900 TL: +50 TL a month for the new period
    assert new["family_support"] == old["family_support"] + 5_000
    assert next(d for d in earlier if d.program == "family_support").amount_kurus == old["family_support"]
    actions = set(AuditEvent.objects.filter(object_id=str(value.pk)).values_list("action", flat=True))
    assert actions == {"parameter_value_propose", "parameter_value_approve"}
    value.refresh_from_db()
    assert value.decided_by == checker and value.status == ApprovalStatus.APPROVED


def test_rejected_value_never_applies(managers):
    maker, checker = managers
    value = propose(maker, dt.date(2099, 1, 1))
    services_parameters.parameter_value_decide(actor=checker, value=value, approve=False)
    assert ParameterValue.objects.get(pk=value.pk).status == ApprovalStatus.REJECTED
    assert overrides_on(dt.date(2099, 1, 1)) == {}


def test_program_screens_show_history_and_accept_a_proposal(managers):
    from django.test import Client

    maker, checker = managers
    client = Client()
    client.force_login(maker)
    assert "family_support" in client.get("/eligibility/").content.decode()
    detail = client.get("/eligibility/programs/family_support/").content.decode()
    assert PARAMETER in detail and "850" in detail
    start = next_month_after(latest_start(PARAMETER), timezone.localdate())
    url = f"/eligibility/parameters/{PARAMETER}/propose/"
    response = client.post(url, {"start": start.isoformat(), "value": "900.00", "reference": "Genelge 2026/1"})
    assert response.status_code == 302
    value = ParameterValue.objects.get(parameter=PARAMETER)
    client.post(f"/eligibility/parameters/values/{value.pk}/decide/", {"decision": "approve"})
    assert ParameterValue.objects.get(pk=value.pk).status == ApprovalStatus.PROPOSED  # own proposal
    client.force_login(checker)
    client.post(f"/eligibility/parameters/values/{value.pk}/decide/", {"decision": "approve"})
    assert ParameterValue.objects.get(pk=value.pk).status == ApprovalStatus.APPROVED
