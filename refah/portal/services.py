"""Citizen sign-in with a one-time code, throttled the same way for every TC Kimlik No.

The codes themselves are refah.notifications' (otp_issue, otp_verify). What the portal adds: the limits
are counted per number here too, before the OTP service is asked, so an unknown number gets the same
answers at the same moments as a registered one (same message for a wrong code and an unknown number).
"""

import hashlib
import hmac

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from refah.common.errors import RefahError
from refah.notifications import services as otp
from refah.notifications.errors import RateLimitedError
from refah.portal import errors
from refah.portal.models import SignInAttempt
from refah.registry.models import Person

Kind = SignInAttempt.Kind


def _key(national_id: str) -> str:
    secret = settings.SECRET_KEY.encode()
    return hmac.new(secret, f"portal:{national_id}".encode(), hashlib.sha256).hexdigest()


def _attempts(key: str, kind: str, since):
    return SignInAttempt.objects.filter(key=key, kind=kind, at__gte=since)


def code_request(*, national_id: str) -> None:
    """Send a sign-in code if the number is registered with a phone; the same outcome either way.

    At most OTP_RATE_MAX requests per number per OTP_RATE_WINDOW, counted for every number.
    """
    key, now = _key(national_id), timezone.now()
    with transaction.atomic():
        SignInAttempt.objects.filter(key=key, at__lt=now - otp.OTP_RATE_WINDOW).delete()
        if _attempts(key, Kind.CODE_REQUEST, now - otp.OTP_RATE_WINDOW).count() >= otp.OTP_RATE_MAX:
            raise RateLimitedError(errors.ERR_RATE_LIMITED, code="rate_limited")
        SignInAttempt.objects.create(key=key, kind=Kind.CODE_REQUEST)
    try:
        otp.otp_issue(national_id=national_id)
    except RateLimitedError:  # codes asked for elsewhere: the same answer as our own limit
        raise RateLimitedError(errors.ERR_RATE_LIMITED, code="rate_limited") from None


def code_verify(*, national_id: str, code: str) -> Person:
    """The person signing in; ERR_CODE_INVALID for a wrong, expired or unknown code or number.

    The OTP_MAX_ATTEMPTS-th wrong code since the last request ends the tries (ERR_TOO_MANY_ATTEMPTS)
    until a new code is asked for, counted here so that unknown numbers behave the same.
    """
    key, now = _key(national_id), timezone.now()
    last = _attempts(key, Kind.CODE_REQUEST, now - otp.OTP_RATE_WINDOW).order_by("-at").first()
    since = last.at if last else now - otp.OTP_RATE_WINDOW
    wrong = _attempts(key, Kind.WRONG_CODE, since).count()
    if wrong >= otp.OTP_MAX_ATTEMPTS:
        raise RefahError(errors.ERR_TOO_MANY_ATTEMPTS, field="code", code="too_many_attempts")
    try:
        person = otp.otp_verify(national_id=national_id, code=code)
    except RefahError:
        SignInAttempt.objects.create(key=key, kind=Kind.WRONG_CODE)
        if wrong + 1 >= otp.OTP_MAX_ATTEMPTS:
            raise RefahError(errors.ERR_TOO_MANY_ATTEMPTS, field="code", code="too_many_attempts") from None
        raise RefahError(errors.ERR_CODE_INVALID, field="code", code="invalid_code") from None
    SignInAttempt.objects.filter(key=key).delete()
    return person
