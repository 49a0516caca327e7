"""Working a referral: every transition, the wrong ones refused with a clear error, bad input refused with its field
and nothing stored, the referrer's and the provider's sides, jurisdiction (a Tuzluca worker gets "not found")."""

import pytest

from refah.audit.actions import AuditAction
from refah.audit.models import AuditEvent
from refah.casework import errors
from refah.casework.enums import ReferralStatus, ServiceKind
from refah.casework.models import Referral
from refah.casework.services import (
    referral_accept,
    referral_cancel,
    referral_decline,
    referral_done,
    referral_reassign,
    referral_resend,
    referral_start,
)
from refah.casework.tests.factories import ServiceFactory
from refah.common.errors import ConflictError, NotFoundError, PermissionDeniedError, RefahError

pytestmark = pytest.mark.django_db
S = ReferralStatus


def _actions(referral) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_id=str(referral.pk)).order_by("at", "id").values_list("action", flat=True)
    )


def test_accept_start_done_with_history_and_audit(referral, worker, worker2):
    accepted = referral_accept(actor=worker, referral=referral, owner=worker2)
    assert (accepted.status, accepted.owner) == (S.ACCEPTED, worker2)
    started = referral_start(actor=worker2, referral=referral)
    assert started.status == S.IN_PROGRESS
    done = referral_done(actor=worker2, referral=referral, outcome="Dört görüşme yapıldı; aile danışmanlığı sürüyor.")
    assert (done.status, done.closed_on is not None) == (S.DONE, True)
    assert [s.to_status for s in done.steps.order_by("created_at")] == [S.OPEN, S.ACCEPTED, S.IN_PROGRESS, S.DONE]
    assert _actions(referral) == [
        AuditAction.SERVICE_REFERRAL_CREATE,
        AuditAction.SERVICE_REFERRAL_ACCEPT,
        AuditAction.SERVICE_REFERRAL_START,
        AuditAction.SERVICE_REFERRAL_DONE,
    ]


def test_accept_defaults_to_the_actor_and_done_straight_from_accepted(referral, worker):
    assert referral_accept(actor=worker, referral=referral).owner == worker
    assert referral_done(actor=worker, referral=referral, outcome="Tek görüşme yeterli oldu.").status == S.DONE


def test_wrong_transitions_are_refused_with_both_statuses(referral, worker, referrer):
    with pytest.raises(ConflictError) as caught:
        referral_start(actor=worker, referral=referral)  # open → in progress skips the acceptance
    assert str(S.OPEN.label) in caught.value.message and str(S.IN_PROGRESS.label) in caught.value.message
    referral_accept(actor=worker, referral=referral)
    referral_done(actor=worker, referral=referral, outcome="Tamam.")
    for attempt in (
        lambda: referral_accept(actor=worker, referral=referral),
        lambda: referral_decline(actor=worker, referral=referral, reason="x"),
        lambda: referral_cancel(actor=referrer, referral=referral, reason="x"),
    ):
        with pytest.raises(ConflictError):
            attempt()
    assert Referral.objects.get(pk=referral.pk).status == S.DONE


def test_bad_input_names_its_field_and_stores_nothing(referral, worker, referrer, make_staff, office_merkez):
    before = AuditEvent.objects.count()
    cases = [
        (lambda: referral_done(actor=worker, referral=referral, outcome="  "), "outcome"),
        (lambda: referral_decline(actor=worker, referral=referral, reason=""), "reason"),
        (lambda: referral_cancel(actor=referrer, referral=referral, reason=" "), "reason"),
        (lambda: referral_accept(actor=worker, referral=referral, owner=referrer), "owner"),  # not of the SHM
    ]
    for attempt, field in cases:
        with pytest.raises(RefahError) as caught:
            attempt()
        assert caught.value.field == field
    fresh = Referral.objects.get(pk=referral.pk)
    assert (fresh.status, fresh.owner_id, fresh.outcome) == (S.OPEN, None, "")
    assert AuditEvent.objects.count() == before


def test_declined_referral_goes_back_to_the_referrer_who_sends_it_elsewhere(referral, worker, referrer, igdir):
    psychosocial = ServiceFactory(kind=ServiceKind.PSYCHOSOCIAL_SUPPORT, province=igdir, name="Psikososyal destek")
    referral_accept(actor=worker, referral=referral)
    declined = referral_decline(actor=worker, referral=referral, reason="Aile danışmanlığı değil, psikososyal destek.")
    assert (declined.status, declined.owner, declined.escalation_level) == (S.DECLINED, None, 0)
    assert declined.declined_reason.startswith("Aile")
    with pytest.raises(PermissionDeniedError):
        referral_resend(actor=worker, referral=referral, kind=ServiceKind.PSYCHOSOCIAL_SUPPORT)  # not the referrer
    again = referral_resend(actor=referrer, referral=referral, kind=ServiceKind.PSYCHOSOCIAL_SUPPORT)
    assert (again.status, again.service) == (S.OPEN, psychosocial)
    cancelled = referral_cancel(actor=referrer, referral=referral, reason="Aile taşındı.")
    assert cancelled.status == S.CANCELLED


def test_only_the_provider_works_and_only_the_referrer_cancels(referral, referrer, worker, make_staff, office_merkez):
    with pytest.raises(PermissionDeniedError):
        referral_accept(actor=referrer, referral=referral)  # a caseworker may refer, not work referrals
    from refah.accounts.enums import Role

    other_office_worker = make_staff(office_merkez, Role.SOCIAL_WORKER)
    with pytest.raises(PermissionDeniedError) as caught:
        referral_accept(actor=other_office_worker, referral=referral)
    assert caught.value.message == errors.ERR_NOT_PROVIDER
    with pytest.raises(PermissionDeniedError):
        referral_cancel(actor=worker, referral=referral, reason="Vazgeçildi.")


def test_supervisor_reassigns(referral, worker, worker2, supervisor, referrer):
    referral_accept(actor=worker, referral=referral)
    with pytest.raises(PermissionDeniedError):
        referral_reassign(actor=worker, referral=referral, owner=worker2)
    assert referral_reassign(actor=supervisor, referral=referral, owner=worker2).owner == worker2
    with pytest.raises(RefahError) as caught:
        referral_reassign(actor=supervisor, referral=referral, owner=referrer)  # may not work referrals
    assert caught.value.field == "owner"
    assert _actions(referral)[-1] == AuditAction.SERVICE_REFERRAL_REASSIGN


def test_a_tuzluca_worker_gets_not_found(referral, tuzluca_worker):
    for attempt in (
        lambda: referral_accept(actor=tuzluca_worker, referral=referral),
        lambda: referral_reassign(actor=tuzluca_worker, referral=referral, owner=tuzluca_worker),
        lambda: referral_cancel(actor=tuzluca_worker, referral=referral, reason="x"),
    ):
        with pytest.raises(NotFoundError):
            attempt()
