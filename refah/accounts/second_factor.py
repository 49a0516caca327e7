"""Staff second factor: TOTP enrolment (confirmed by a first code), codes at sign-in under the throttle, one-time
recovery codes, and an administrator's reset. Every change is audited."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from refah.accounts import errors, signin, totp
from refah.accounts.backends import second_factor_missing
from refah.accounts.models import RecoveryCode, SecondFactor, SignInAttempt
from refah.audit.actions import AuditAction
from refah.audit.services import audit_record
from refah.common.errors import ConflictError, NotFoundError, PermissionDeniedError, RefahError

RESET_PERMISSION = "accounts.reset_secondfactor"


def factor_for(user) -> SecondFactor | None:
    """The user's confirmed second factor, or None."""
    return SecondFactor.objects.filter(user=user, confirmed_at__isnull=False).first()


def is_enrolled(user) -> bool:
    return SecondFactor.objects.filter(user=user, confirmed_at__isnull=False).exists()


@transaction.atomic
def enrolment_begin(*, actor) -> SecondFactor:
    """The actor's unconfirmed second factor, created with a fresh secret if there is none yet."""
    factor = SecondFactor.objects.select_for_update().filter(user=actor).first()
    if factor is not None and factor.confirmed_at is not None:
        raise ConflictError(errors.ERR_ALREADY_ENROLLED)
    if factor is None:
        factor = SecondFactor.objects.create(user=actor, secret=totp.secret_encrypt(totp.secret_new()))
    return factor


@transaction.atomic
def enrolment_confirm(*, actor, code: str) -> list[str]:
    """Confirm enrolment with a first valid code; returns the recovery codes, shown once."""
    factor = SecondFactor.objects.select_for_update().filter(user=actor).first()
    if factor is None:
        raise NotFoundError(errors.ERR_NOT_ENROLLED)
    if factor.confirmed_at is not None:
        raise ConflictError(errors.ERR_ALREADY_ENROLLED)
    step = totp.matching_step(totp.secret_decrypt(factor.secret), totp.code_normalise(code), after=factor.last_step)
    if step is None:
        raise RefahError(errors.ERR_ENROL_CODE, field="code")
    factor.confirmed_at, factor.last_step = timezone.now(), step
    factor.save(update_fields=["confirmed_at", "last_step", "updated_at"])
    codes = _recovery_codes_replace(factor)
    audit_record(actor=actor, action=AuditAction.SECOND_FACTOR_ENROL, obj=actor, after={"recovery_codes": len(codes)})
    return codes


@transaction.atomic
def recovery_codes_renew(*, actor) -> list[str]:
    """Replace the actor's recovery codes with fresh ones, shown once."""
    factor = SecondFactor.objects.select_for_update().filter(user=actor, confirmed_at__isnull=False).first()
    if factor is None:
        raise NotFoundError(errors.ERR_NOT_ENROLLED)
    codes = _recovery_codes_replace(factor)
    audit_record(actor=actor, action=AuditAction.RECOVERY_CODES_RENEW, obj=actor, after={"recovery_codes": len(codes)})
    return codes


def code_verify(*, request, user, code: str) -> SignInAttempt:
    """Check a sign-in code (TOTP or recovery) for `user` under the throttle; returns the counted attempt."""
    attempt = signin.attempt_begin(
        username=user.get_username(), address=signin.client_address(request), stage=SignInAttempt.Stage.CODE
    )
    if not _code_accepted(user=user, code=totp.code_normalise(code)):
        signin.attempt_failed(attempt=attempt)
        raise RefahError(errors.ERR_CODE_INVALID, field="code", code="invalid_code")
    return attempt


@transaction.atomic
def _code_accepted(*, user, code: str) -> bool:
    factor = SecondFactor.objects.select_for_update().filter(user=user, confirmed_at__isnull=False).first()
    if factor is None or not code:
        return False
    if totp.is_totp_code(code):
        step = totp.matching_step(totp.secret_decrypt(factor.secret), code, after=factor.last_step)
        if step is None:
            return False
        factor.last_step = step
        factor.save(update_fields=["last_step", "updated_at"])
        return True
    recovery = factor.recovery_codes.select_for_update().filter(
        code_hash__in=totp.recovery_code_hashes(factor.pk, code), used_at__isnull=True
    )
    used = recovery.first()
    if used is None:
        return False
    used.used_at = timezone.now()
    used.save(update_fields=["used_at"])
    left = factor.recovery_codes.filter(used_at__isnull=True).count()
    audit_record(actor=user, action=AuditAction.RECOVERY_CODE_USE, obj=user, after={"recovery_codes_left": left})
    return True


@transaction.atomic
def second_factor_reset(*, actor, username: str) -> None:
    """An administrator removes a user's second factor (lost phone); the user enrols again at next sign-in.

    `actor` is a user holding accounts.reset_secondfactor (who passed their own second factor when it is
    required), or the label of a server command (`refah second_factor_reset`)."""
    if getattr(actor, "is_authenticated", False):
        if not actor.has_perm(RESET_PERMISSION):
            raise PermissionDeniedError(errors.ERR_RESET_NOT_ALLOWED)
        if second_factor_missing(actor):
            raise PermissionDeniedError(errors.ERR_RESET_NEEDS_SECOND_FACTOR)
    elif not isinstance(actor, str):
        raise PermissionDeniedError(errors.ERR_RESET_NOT_ALLOWED)
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise NotFoundError(errors.ERR_NO_SUCH_USER, field="username")
    factor = SecondFactor.objects.select_for_update().filter(user=user).first()
    if factor is None:
        raise NotFoundError(errors.ERR_NOT_ENROLLED, field="username")
    before = {"enrolled_at": factor.confirmed_at.isoformat() if factor.confirmed_at else None}
    factor.delete()
    audit_record(actor=actor, action=AuditAction.SECOND_FACTOR_RESET, obj=user, before=before, after=None)


def _recovery_codes_replace(factor: SecondFactor) -> list[str]:
    codes = totp.recovery_codes_new()
    factor.recovery_codes.all().delete()
    RecoveryCode.objects.bulk_create(
        RecoveryCode(factor=factor, code_hash=totp.recovery_code_hashes(factor.pk, code)[0]) for code in codes
    )
    return codes
