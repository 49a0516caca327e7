"""The sealed hand-over from casework's referral_create and the intake at the unit: a case in the ŞÖNİM of the
household's province, its staff alerted, no ordinary record anywhere."""

import pytest

from refah.audit.models import AccessEvent, AuditEvent
from refah.casework.enums import ReferralSource, ServiceKind
from refah.casework.models import Referral
from refah.casework.services import referral_create
from refah.common.errors import PermissionDeniedError, RefahError
from refah.notifications.models import Notification
from refah.shelters import errors, services
from refah.shelters.enums import AlertKind, CaseSource
from refah.shelters.models import ProtectionCase, SealedAlert

pytestmark = pytest.mark.django_db


def test_a_women_protection_referral_becomes_a_sealed_intake_and_no_ordinary_record(sealed):
    person = sealed.household.memberships.get(role="spouse").person
    ordinary = AuditEvent.objects.count(), AccessEvent.objects.count()

    result = referral_create(
        actor=sealed.outsider,
        household=sealed.household,
        person=person,
        kind=ServiceKind.WOMEN_PROTECTION,
        reason="Ev ziyaretinde şiddet beyanı",
        source=ReferralSource.ASDEP_VISIT,
    )

    assert result is None and not Referral.objects.exists()
    case = ProtectionCase.objects.get()
    assert (case.unit, case.person, case.household, case.source) == (
        sealed.sonim,
        person,
        sealed.household,
        CaseSource.REFERRAL,
    )
    assert case.intake_reason == "Ev ziyaretinde şiddet beyanı"
    # nothing ordinary was written: the household's audit trail and the access log are as they were
    assert (AuditEvent.objects.count(), AccessEvent.objects.count()) == ordinary
    assert not AuditEvent.objects.filter(household_id=sealed.household.pk).exists()
    opened = AuditEvent.sealed_objects.get(object_id=str(case.pk))
    assert opened.household_id is None and opened.actor == sealed.outsider
    # the unit's staff are alerted in Refah, and by e-mail where they have one (no name, no address)
    assert SealedAlert.objects.filter(unit=sealed.sonim, case=case, kind=AlertKind.INTAKE).count() == 1
    message = Notification.objects.get(template="sealed_intake")
    assert message.email == "chief@example.org" and person.last_name not in message.text_tr


def test_without_a_sonim_in_the_province_the_referral_is_refused(sealed, make_staff, office_tuzluca):
    sealed.sonim.active = False
    sealed.sonim.save()
    with pytest.raises(RefahError) as caught:
        referral_create(
            actor=sealed.outsider,
            household=sealed.household,
            kind=ServiceKind.WOMEN_PROTECTION,
            reason="x",
            source=ReferralSource.COUNTER,
        )
    assert caught.value.field == "service" and caught.value.message == errors.ERR_NO_SONIM
    assert not ProtectionCase.objects.exists()


def test_intake_at_the_unit_by_named_staff_only(sealed, case):
    assert case.person.memberships.current().get().household == sealed.household
    with pytest.raises(PermissionDeniedError):
        services.case_open(actor=sealed.outsider, unit=sealed.sonim, source="walk_in", reason="x", person_label="A")
    with pytest.raises(RefahError) as caught:
        services.case_open(actor=sealed.worker, unit=sealed.sonim, source="walk_in", reason="x")
    assert caught.value.field == "person_label"
    with pytest.raises(RefahError) as caught:
        services.case_open(actor=sealed.worker, unit=sealed.sonim, source="mail", reason="x", person_label="A")
    assert caught.value.field == "source"
    anonymous = services.case_open(
        actor=sealed.worker, unit=sealed.sonim, source="walk_in", reason="Kapıya geldi", person_label="Ayşe"
    )
    assert anonymous.person is None and anonymous.person_name == "Ayşe"
    assert ProtectionCase.objects.count() == 2
