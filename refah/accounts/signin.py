"""Staff sign-in: the database-backed throttle on passwords and codes, per account and per client address.

Every attempt is written (and committed) before the password or code is checked, so guesses sent in parallel are
counted too. At REFAH_SIGNIN_MAX_FAILURES attempts for an account (or REFAH_SIGNIN_MAX_FAILURES_PER_ADDRESS from an
address) within REFAH_SIGNIN_WINDOW_SECONDS, further attempts are refused unchecked until the oldest counted one
leaves the window. A successful sign-in clears the account's attempts. Failures, refusals and sign-ins are audited.
"""

import datetime as dt

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.utils import timezone
from django.utils.formats import time_format

from refah.accounts import errors
from refah.accounts.models import SignInAttempt
from refah.audit.actions import AuditAction
from refah.audit.services import audit_record
from refah.common.errors import RefahError


class SignInLockedError(RefahError):
    status_code = 429


def client_address(request) -> str | None:
    """The client's address: REMOTE_ADDR, or the entry REFAH_PROXY_COUNT proxies back in X-Forwarded-For."""
    count = settings.REFAH_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if count and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR") or None


def _window_start() -> dt.datetime:
    return timezone.now() - dt.timedelta(seconds=settings.REFAH_SIGNIN_WINDOW_SECONDS)


def _locked_until(rows, limit: int) -> dt.datetime | None:
    """When a set of attempts over `limit` falls back to the limit: the (count - limit)-th oldest leaves the window."""
    times = sorted(rows.filter(at__gte=_window_start()).values_list("at", flat=True))
    if len(times) <= limit:
        return None
    return times[len(times) - limit - 1] + dt.timedelta(seconds=settings.REFAH_SIGNIN_WINDOW_SECONDS)


def attempt_begin(*, username: str, address: str | None, stage: str) -> SignInAttempt:
    """Count an attempt before checking it; raise SignInLockedError (audited, not counted) when over the limit."""
    attempt = SignInAttempt.objects.create(at=timezone.now(), username=username, address=address, stage=stage)
    until = _locked_until(SignInAttempt.objects.filter(username=username), settings.REFAH_SIGNIN_MAX_FAILURES)
    if address and until is None:
        limit = settings.REFAH_SIGNIN_MAX_FAILURES_PER_ADDRESS
        until = _locked_until(SignInAttempt.objects.filter(address=address), limit)
    if until is None:
        return attempt
    with transaction.atomic():
        audit_record(actor=None, action=AuditAction.SIGN_IN_REFUSED, obj=attempt, after=_describe(attempt))
        attempt.delete()
    local = timezone.localtime(until + dt.timedelta(minutes=1))
    raise SignInLockedError(errors.ERR_SIGNIN_LOCKED % {"time": time_format(local, "H:i")}, code="locked")


@transaction.atomic
def attempt_failed(*, attempt: SignInAttempt) -> None:
    """The attempt was wrong: it stays counted, and is audited; attempts older than the window are dropped."""
    audit_record(actor=None, action=AuditAction.SIGN_IN_FAILED, obj=attempt, after=_describe(attempt))
    SignInAttempt.objects.filter(at__lt=_window_start()).delete()


@transaction.atomic
def sign_in_succeeded(*, user, attempt: SignInAttempt, second_factor: bool) -> None:
    """Clear the account's attempts and audit the sign-in."""
    SignInAttempt.objects.filter(username=attempt.username).delete()
    after = {**_describe(attempt), "second_factor": second_factor}
    audit_record(actor=user, action=AuditAction.SIGN_IN, obj=user, after=after)


def password_check(*, request, username: str, password: str):
    """(user, attempt) for an active user with this username and password, under the throttle; RefahError
    otherwise. The attempt stays counted until sign_in_succeeded() (after the code, when one is due)."""
    attempt = attempt_begin(username=username, address=client_address(request), stage=SignInAttempt.Stage.PASSWORD)
    user = authenticate(request, username=username, password=password)
    if user is None:
        attempt_failed(attempt=attempt)
        raise RefahError(errors.ERR_SIGNIN_INVALID, field="password", code="invalid_login")
    return user, attempt


def _describe(attempt: SignInAttempt) -> dict:
    return {"username": attempt.username, "address": attempt.address, "stage": attempt.stage}
