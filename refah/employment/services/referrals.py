"""Referring a member to İŞKUR: only one the rules find able to work, once at a time; İŞKUR registers them."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.common.errors import ConflictError, NotFoundError, RefahError
from refah.employment import errors, iskur
from refah.employment.enums import ReferralStatus
from refah.employment.models import Referral
from refah.employment.selectors.capability import work_capability
from refah.employment.services._common import iskur_context, require, today
from refah.exchange.client import SourceError
from refah.registry import selectors as registry_selectors
from refah.registry.models import Household, Person

PERMISSION = "employment.add_referral"


def _household_of(*, actor, person: Person) -> Household:
    """The person's current household, if the actor may work with it (else "not found", as for a wrong id)."""
    membership = person.memberships.current().select_related("household").first()
    if membership is None:
        raise RefahError(errors.ERR_NOT_A_MEMBER, field="person")
    try:
        return registry_selectors.access_household_by_id(user=actor, household_id=membership.household_id)
    except NotFoundError:
        raise NotFoundError(errors.ERR_PERSON_NOT_FOUND) from None


def referral_create(*, actor, person: Person) -> Referral:
    """Refer a member the rules find able to work (eligibility's `work_capable`) to İŞKUR, then ask İŞKUR to
    register them; if İŞKUR cannot be reached the referral waits and `iskur_sync` registers it later."""
    require(actor, PERMISSION)
    household = _household_of(actor=actor, person=person)
    day = today()
    capability = work_capability(household=household, person=person, day=day)
    if not capability.capable:
        reasons = "; ".join(capability.failed) or str(errors.ERR_NOT_A_MEMBER)
        raise RefahError(errors.ERR_CANNOT_WORK % {"name": person.full_name, "reasons": reasons}, field="person")
    open_ = Referral.objects.filter(person=person, closed_on__isnull=True).first()
    if open_ is not None:
        params = {"name": person.full_name, "date": open_.referred_on.strftime("%d.%m.%Y")}
        raise ConflictError(errors.ERR_ALREADY_REFERRED % params, field="person", code="already_referred")
    referral = Referral(person=person, household=household, referred_on=day, referred_by=actor)
    try:
        with transaction.atomic():
            referral.save()
            audit_record(
                actor=actor,
                action=AuditAction.REFERRAL_CREATE,
                obj=referral,
                after=snapshot(referral),
                household_id=household.pk,
            )
    except IntegrityError:  # a concurrent referral of the same person won
        params = {"name": person.full_name, "date": day.strftime("%d.%m.%Y")}
        raise ConflictError(errors.ERR_ALREADY_REFERRED % params, field="person", code="already_referred") from None
    return referral_register(actor=actor, referral=referral)


def referral_register(*, actor, referral: Referral) -> Referral:
    """Ask İŞKUR to register a waiting referral; its failure is kept on the referral, never raised."""
    if referral.status != ReferralStatus.WAITING:
        return referral
    national_id = referral.person.national_id
    try:
        if not national_id:
            raise RefahError(errors.ERR_NO_TC)
        registration = iskur.jobseeker_register(
            tc=national_id, referred_on=referral.referred_on, ctx=iskur_context(actor, referral.household_id)
        )
    except (SourceError, RefahError) as exc:
        Referral.objects.filter(pk=referral.pk).update(iskur_error=str(exc.message)[:300], updated_at=timezone.now())
        referral.refresh_from_db()
        return referral
    with transaction.atomic():
        locked = Referral.objects.select_for_update().get(pk=referral.pk)
        before = snapshot(locked)
        locked.status = ReferralStatus.REGISTERED
        locked.jobseeker_ref, locked.iskur_registered_on = registration.jobseeker_ref, registration.registered_on
        locked.iskur_error = ""
        locked.save(update_fields=["status", "jobseeker_ref", "iskur_registered_on", "iskur_error", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.REFERRAL_REGISTER,
            obj=locked,
            before=before,
            after=snapshot(locked),
            household_id=locked.household_id,
        )
    return locked


@transaction.atomic
def referral_close(*, actor, referral: Referral, reason: str) -> Referral:
    """Close a referral (the person moved away, is no longer able to work…), with the reason."""
    require(actor, PERMISSION)
    if not (reason or "").strip():
        raise RefahError(errors.ERR_CLOSE_REASON, field="reason")
    locked = Referral.objects.select_for_update().get(pk=referral.pk)
    if locked.closed_on is not None:
        raise ConflictError(errors.ERR_REFERRAL_CLOSED, code="referral_closed")
    before = snapshot(locked)
    locked.status, locked.closed_on, locked.close_reason = ReferralStatus.CLOSED, today(), reason.strip()[:300]
    locked.save(update_fields=["status", "closed_on", "close_reason", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.REFERRAL_CLOSE,
        obj=locked,
        before=before,
        after=snapshot(locked),
        household_id=locked.household_id,
    )
    return locked
