"""Recording veterans and martyrs' relatives; entitlements granted by status (errors with their fields, nothing
stored), one public employment right per martyr, used and revoked, and referred through casework."""

import datetime as dt

import pytest

from refah.audit.models import AuditEvent
from refah.casework.enums import ServiceKind
from refah.casework.models import Referral
from refah.common.errors import ConflictError, NotFoundError, PermissionDeniedError, RefahError
from refah.entitlements import errors, services
from refah.entitlements.enums import EntitlementKind, EntitlementStatus, VeteranStatus
from refah.entitlements.models import Entitlement, VeteranRecord
from refah.entitlements.tests.conftest import MARTYR_TC, record

pytestmark = pytest.mark.django_db


def test_a_martyrs_mother_is_recorded_with_her_household_and_audited(clerk, family):
    found = record(clerk, family["mother"])
    assert found.household == family["household"] and found.subject_national_id == MARTYR_TC
    assert AuditEvent.objects.filter(object_id=str(found.pk), action="veteran_record_create").count() == 1


def test_bad_records_are_refused_with_their_field_and_nothing_stored(clerk, family):
    mother, veteran = family["mother"], family["veteran"]
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    cases = [
        (mother, {"status": "hero"}, "status"),
        (mother, {"subject_name": "  "}, "subject_name"),
        (mother, {"subject": "12345678901"}, "subject_national_id"),
        (mother, {"subject": mother.national_id}, "subject_national_id"),  # a relative is not the martyr
        (veteran, {"status": VeteranStatus.VETERAN}, "subject_national_id"),  # a veteran's subject is themselves
        (mother, {"event_date": tomorrow}, "event_date"),
        (mother, {"decision_ref": ""}, "decision_ref"),
    ]
    for person, changes, field in cases:
        with pytest.raises(RefahError) as caught:
            record(clerk, person, **changes)
        assert caught.value.field == field, changes
    assert not VeteranRecord.objects.exists()
    assert record(clerk, veteran, VeteranStatus.DISABLED_VETERAN, subject="").subject_national_id == (
        veteran.national_id
    )
    with pytest.raises(ConflictError):
        record(clerk, veteran, VeteranStatus.DISABLED_VETERAN, subject="")


def test_permission_and_jurisdiction(make_staff, office_merkez, tuzluca_clerk, family):
    from refah.accounts.enums import Role

    with pytest.raises(PermissionDeniedError):
        record(make_staff(office_merkez, Role.AUDITOR), family["mother"])
    with pytest.raises(NotFoundError):
        record(tuzluca_clerk, family["mother"])


def test_entitlements_follow_the_status(clerk, family):
    sibling = record(clerk, family["sibling"], VeteranStatus.MARTYR_SIBLING)
    with pytest.raises(RefahError) as caught:
        services.entitlement_grant(actor=clerk, record=sibling, kind=EntitlementKind.FREE_TRAVEL)
    assert caught.value.field == "kind" and "4736" in str(caught.value.message)
    with pytest.raises(RefahError) as caught:
        services.entitlement_grant(actor=clerk, record=sibling, kind="castle")
    assert caught.value.field == "kind"
    assert not Entitlement.objects.exists()
    granted = services.entitlement_grant(actor=clerk, record=sibling, kind=EntitlementKind.PUBLIC_EMPLOYMENT)
    assert granted.status == EntitlementStatus.GRANTED and granted.granted_on == dt.date.today()
    with pytest.raises(ConflictError):
        services.entitlement_grant(actor=clerk, record=sibling, kind=EntitlementKind.PUBLIC_EMPLOYMENT)


def test_public_employment_is_one_relative_per_martyr(clerk, family):
    mother = record(clerk, family["mother"])
    sister = record(clerk, family["sister"], VeteranStatus.MARTYR_SIBLING)
    first = services.entitlement_grant(actor=clerk, record=mother, kind=EntitlementKind.PUBLIC_EMPLOYMENT)
    with pytest.raises(RefahError) as caught:
        services.entitlement_grant(actor=clerk, record=sister, kind=EntitlementKind.PUBLIC_EMPLOYMENT)
    assert caught.value.field == "kind" and caught.value.message == errors.ERR_ONE_PER_SUBJECT % {
        "date": dt.date.today().strftime("%d.%m.%Y")
    }
    # other entitlements are each relative's own
    services.entitlement_grant(actor=clerk, record=mother, kind=EntitlementKind.FREE_TRAVEL)
    # revoked, the right is free for another relative
    services.entitlement_revoke(actor=clerk, entitlement=first, reason="Hak sahibi feragat etti.")
    moved = services.entitlement_grant(actor=clerk, record=sister, kind=EntitlementKind.PUBLIC_EMPLOYMENT)
    assert moved.person == family["sister"]


def test_use_and_revoke_are_final(clerk, family):
    mother = record(clerk, family["mother"])
    credit = services.entitlement_grant(actor=clerk, record=mother, kind=EntitlementKind.HOUSING_CREDIT)
    with pytest.raises(RefahError) as caught:
        services.entitlement_use(actor=clerk, entitlement=credit, used_on=dt.date.today() + dt.timedelta(days=3))
    assert caught.value.field == "used_on"
    used = services.entitlement_use(actor=clerk, entitlement=credit)
    assert used.status == EntitlementStatus.USED and used.used_on == dt.date.today()
    with pytest.raises(ConflictError):
        services.entitlement_revoke(actor=clerk, entitlement=used, reason="x")
    with pytest.raises(RefahError) as caught:
        services.entitlement_revoke(
            actor=clerk,
            entitlement=services.entitlement_grant(actor=clerk, record=mother, kind=EntitlementKind.FREE_TRAVEL),
            reason=" ",
        )
    assert caught.value.field == "reason"


def test_public_employment_is_referred_to_the_veterans_service(clerk, family, veterans_service, tuzluca_clerk):
    mother = record(clerk, family["mother"])
    right = services.entitlement_grant(actor=clerk, record=mother, kind=EntitlementKind.PUBLIC_EMPLOYMENT)
    travel = services.entitlement_grant(actor=clerk, record=mother, kind=EntitlementKind.FREE_TRAVEL)
    with pytest.raises(RefahError) as caught:
        services.entitlement_refer(actor=clerk, entitlement=travel)
    assert caught.value.field == "entitlement"
    with pytest.raises(NotFoundError):
        services.entitlement_refer(actor=tuzluca_clerk, entitlement=right)
    referred = services.entitlement_refer(actor=clerk, entitlement=right, reason="Kamu kurumunda istihdam talebi")
    referral = Referral.objects.get()
    assert referred.referral == referral and referral.service == veterans_service
    assert referral.person == family["mother"] and referral.service.kind == ServiceKind.VETERANS
    assert "3713" in referral.reason
    with pytest.raises(ConflictError):
        services.entitlement_refer(actor=clerk, entitlement=referred)
