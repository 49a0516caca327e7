"""Break-glass: a written reason of at least 20 characters, one case opened for a short time, audited in the
sealed audit with its reason, the unit's supervisors alerted at once (in Refah and by message) and the province's
supervisors by message; refused without a reason, "not found" for a wrong number, read-only."""

import datetime as dt

import pytest
from django.test import override_settings
from django.utils import timezone

from refah.audit.actions import AuditAction
from refah.audit.models import AuditEvent
from refah.common.errors import NotFoundError, PermissionDeniedError, RefahError
from refah.notifications.models import Notification
from refah.shelters import errors, selectors, services
from refah.shelters.enums import AlertKind
from refah.shelters.models import BreakGlass, SealedAlert

pytestmark = pytest.mark.django_db
REASON = "Kolluktan acil arama: kişinin nerede kaldığı soruluyor"


def test_break_glass_opens_one_case_for_a_while_audited_and_alerting(sealed, case):
    with pytest.raises(NotFoundError):
        selectors.access_case_by_id(user=sealed.supervisor, case_id=case.pk)

    opened = services.break_glass_open(actor=sealed.supervisor, who=case.reference.lower(), reason=REASON)

    assert opened == case
    assert selectors.access_case_by_id(user=sealed.supervisor, case_id=case.pk) == case
    grant = BreakGlass.objects.get()
    assert grant.reason == REASON and abs(grant.expires_at - grant.created_at - dt.timedelta(minutes=30)).seconds < 1
    audited = AuditEvent.sealed_objects.get(action=AuditAction.SEALED_BREAK_GLASS)
    assert audited.note == REASON and audited.actor == sealed.supervisor and audited.household_id is None
    assert not AuditEvent.objects.filter(action=AuditAction.SEALED_BREAK_GLASS).exists()
    alert = SealedAlert.objects.get(kind=AlertKind.BREAK_GLASS)
    assert list(selectors.alert_list(user=sealed.chief)) == [alert, *selectors.alert_list(user=sealed.chief)[1:]]
    assert alert not in selectors.alert_list(user=sealed.worker)  # staff see intakes, supervisors break-glass
    sent = {n.email: n for n in Notification.objects.filter(template="sealed_break_glass")}
    assert set(sent) == {"chief@example.org"}  # the reader is the provincial supervisor: not told of herself
    text = sent["chief@example.org"].text_tr
    assert sealed.supervisor.username in text and case.person.last_name not in text and "Gizli" not in text
    # read-only: a break-glass reader cannot write
    with pytest.raises(PermissionDeniedError):
        services.note_add(actor=sealed.supervisor, case=case, text="not")
    # the grant ends
    BreakGlass.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    with pytest.raises(NotFoundError):
        selectors.access_case_by_id(user=sealed.supervisor, case_id=case.pk)


def test_the_provincial_supervisor_is_told_when_someone_else_breaks_the_glass(
    sealed, case, make_staff, office_province
):
    reader = make_staff(office_province, "social_worker")
    with override_settings(REFAH_SEALED_BREAK_GLASS_MINUTES=5):
        services.break_glass_open(actor=reader, who=case.person.national_id, reason=REASON)
    grant = BreakGlass.objects.get()
    assert abs(grant.expires_at - grant.created_at - dt.timedelta(minutes=5)).seconds < 1
    assert set(Notification.objects.filter(template="sealed_break_glass").values_list("email", flat=True)) == {
        "chief@example.org",
        "il@example.org",
    }


def test_break_glass_without_a_reason_or_for_a_wrong_case_is_refused(sealed, case):
    for reason in ("", "   ", "kısa gerekçe"):
        with pytest.raises(RefahError) as caught:
            services.break_glass_open(actor=sealed.supervisor, who=case.reference, reason=reason)
        assert caught.value.field == "reason"
        assert caught.value.message == errors.ERR_BREAK_GLASS_REASON % {"min": 20}
    with pytest.raises(NotFoundError):
        services.break_glass_open(actor=sealed.supervisor, who="2026-XXXXXX", reason=REASON)
    assert AuditEvent.sealed_objects.filter(action=AuditAction.SEALED_ACCESS_REFUSED, note=REASON).count() == 1
    with pytest.raises(PermissionDeniedError):  # auditors and administrators may not break the glass
        services.break_glass_open(actor=sealed.auditor, who=case.reference, reason=REASON)
    with pytest.raises(NotFoundError):  # a district's social worker: the province's ŞÖNİM is outside her reach
        services.break_glass_open(actor=sealed.outsider, who=case.reference, reason=REASON)
    assert not BreakGlass.objects.exists() and not SealedAlert.objects.filter(kind=AlertKind.BREAK_GLASS).exists()
