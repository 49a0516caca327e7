"""referral_create: to a service by id or to the most local service of a kind, bad input refused with its field
and nothing stored, a sealed kind handed to the sealed intake and kept nowhere here."""

import pytest

from refah.accounts.enums import Role
from refah.audit.models import AuditEvent
from refah.casework import errors, sealing
from refah.casework.enums import ReferralSource, ReferralStatus, ServiceKind
from refah.casework.models import Referral
from refah.casework.services import referral_create
from refah.casework.tests.factories import ServiceFactory
from refah.common.errors import NotFoundError, PermissionDeniedError, RefahError
from refah.registry.tests.factories import household_with_members

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(make_staff, office_merkez):
    return make_staff(office_merkez, Role.SOCIAL_WORKER)


@pytest.fixture
def household(merkez):
    return household_with_members(merkez)


def test_kind_picks_the_most_local_service(worker, household, merkez, igdir):
    ServiceFactory(kind=ServiceKind.ELDERLY_CARE, name="Ulusal")
    ServiceFactory(kind=ServiceKind.ELDERLY_CARE, name="İl", province=igdir)
    local = ServiceFactory(kind=ServiceKind.ELDERLY_CARE, name="İlçe", district=merkez, province=igdir)
    referral = referral_create(
        actor=worker,
        household=household,
        kind=ServiceKind.ELDERLY_CARE,
        reason="Yalnız yaşıyor",
        source=ReferralSource.COUNTER,
    )
    assert referral.service == local
    assert referral.status == ReferralStatus.OPEN
    assert (referral.deadline - referral.created_at.date()).days == local.days_to_answer
    assert AuditEvent.objects.filter(object_id=str(referral.pk), household_id=household.pk).count() == 1


def test_unknown_service_and_empty_reason_are_refused(worker, household, tuzluca):
    elsewhere = ServiceFactory(kind=ServiceKind.FAMILY_COUNSELLING, district=tuzluca, province=tuzluca.province)
    cases = [
        ({"kind": "astrology", "reason": "x"}, "service"),
        ({"service": "not-an-id", "reason": "x"}, "service"),
        ({"service": elsewhere.pk, "reason": "x"}, "service"),
        ({"kind": ServiceKind.HOUSING, "reason": "x"}, "service"),  # none covers Merkez
        ({"kind": ServiceKind.FAMILY_COUNSELLING, "reason": "  "}, "reason"),
    ]
    for kwargs, field in cases:
        with pytest.raises(RefahError) as caught:
            referral_create(actor=worker, household=household, source=ReferralSource.COUNTER, **kwargs)
        assert caught.value.field == field, kwargs
    assert not Referral.objects.exists()
    refused = AuditEvent.objects.filter(action="service_referral_refuse", household_id=household.pk)
    assert refused.count() == 4  # the four refusals of the service (the empty reason is refused before)
    assert {event.after["kind"] for event in refused} >= {"astrology", ServiceKind.HOUSING}
    assert str(errors.ERR_SERVICE_UNKNOWN % {"service": "astrology"}).startswith("“astrology”")


def test_permission_and_jurisdiction(make_staff, office_merkez, office_tuzluca, household, merkez):
    ServiceFactory(kind=ServiceKind.FAMILY_COUNSELLING, district=merkez, province=merkez.province)
    with pytest.raises(PermissionDeniedError):
        referral_create(
            actor=make_staff(office_merkez, Role.FINANCE),
            household=household,
            kind=ServiceKind.FAMILY_COUNSELLING,
            reason="x",
            source=ReferralSource.COUNTER,
        )
    with pytest.raises(NotFoundError):
        referral_create(
            actor=make_staff(office_tuzluca, Role.SOCIAL_WORKER),
            household=household,
            kind=ServiceKind.FAMILY_COUNSELLING,
            reason="x",
            source=ReferralSource.COUNTER,
        )


def test_sealed_kind_goes_to_the_sealed_intake_only(worker, household, monkeypatch):
    taken = []
    monkeypatch.setattr(sealing, "_handler", lambda **kwargs: taken.append(kwargs))
    result = referral_create(
        actor=worker,
        household=household,
        kind=ServiceKind.WOMEN_PROTECTION,
        reason="Şiddet beyanı",
        source=ReferralSource.ASDEP_VISIT,
    )
    assert result is None and len(taken) == 1 and taken[0]["service_kind"] == ServiceKind.WOMEN_PROTECTION
    assert not Referral.objects.exists()
    assert not AuditEvent.objects.filter(household_id=household.pk).exists()
    monkeypatch.setattr(sealing, "_handler", None)
    with pytest.raises(RefahError) as caught:
        referral_create(
            actor=worker,
            household=household,
            kind=ServiceKind.WOMEN_PROTECTION,
            reason="x",
            source=ReferralSource.ASDEP_VISIT,
        )
    assert caught.value.field == "service"
