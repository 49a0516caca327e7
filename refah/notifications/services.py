"""notify(): render and store a message, sent once the transaction commits (refah.notifications.delivery);
one-time codes for the portal."""

import datetime as dt
import hashlib
import hmac
import logging
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from refah.common import sql
from refah.common.errors import RefahError
from refah.notifications import delivery, errors
from refah.notifications.catalog import MASK, SECRETS, TEMPLATES
from refah.notifications.models import Channel, Notification, OneTimeCode, Status
from refah.registry.models import Person

logger = logging.getLogger(__name__)

OTP_LIFETIME = dt.timedelta(minutes=5)
OTP_MAX_ATTEMPTS = 5
OTP_RATE_WINDOW = dt.timedelta(minutes=15)
OTP_RATE_MAX = 3


def render(*, template: str, context: dict) -> dict[str, str]:
    """The message of `template` in Turkish and English, filled with `context` (values may be {"tr", "en"})."""
    texts = TEMPLATES.get(template)
    if texts is None:
        raise RefahError(errors.ERR_UNKNOWN_TEMPLATE, field="template")
    return {lang: text.format(**_values(context, lang)) for lang, text in texts.items()}


def _values(context: dict, lang: str) -> dict[str, str]:
    """Context values as text in `lang`: a {"tr": …, "en": …} value gives its own language."""
    out = {}
    for key, value in context.items():
        if isinstance(value, dict):
            value = value.get(lang, value.get("tr", ""))
        out[key] = str(value)
    return out


def notify(
    *,
    person: Person | None = None,
    phone: str | None = None,
    email: str | None = None,
    template: str,
    context: dict,
    language: str = "tr",
) -> Notification:
    """Store a rendered message and send it when the surrounding transaction commits (at once outside one).

    Without a phone or e-mail the message is stored as failed rather than raising: a decision must not
    be lost because a household has no phone on record. A template's secrets (a sign-in code) are sent but
    stored masked.
    """
    texts = render(template=template, context=context)
    secrets_ = SECRETS.get(template, ())
    stored = render(template=template, context={**context, **dict.fromkeys(secrets_, MASK)}) if secrets_ else texts
    phone = phone or (person.phone if person else "") or ""
    notification = sql.new(
        Notification,
        person=person,
        phone=phone,
        email=email or "",
        channel=Channel.SMS if phone else Channel.EMAIL,
        template=template,
        language="en" if language == "en" else "tr",
        text_tr=stored["tr"],
        text_en=stored["en"],
    )
    if not (phone or email):
        notification.status, notification.error = Status.FAILED, str(errors.ERR_NO_RECIPIENT)
    sql.insert([notification])
    notification.text_tr, notification.text_en = texts["tr"], texts["en"]  # the sender gets the real text
    if notification.status == Status.PENDING:
        sql.on_commit(lambda: delivery.deliver(notification))
    return notification


def _code_hash(code_id, code: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"{code_id}:{code}".encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def otp_issue(*, national_id: str) -> None:
    """Send a 6-digit sign-in code to the person's registered phone; valid 5 minutes.

    Unknown numbers and persons without a phone get nothing, silently, so the portal reveals nobody.
    At most OTP_RATE_MAX codes per person per OTP_RATE_WINDOW; a new code cancels earlier ones.
    """
    person = Person.objects.select_for_update().filter(national_id=(national_id or "").strip()).first()
    if person is None or not person.phone:
        return
    now = timezone.now()
    recent = OneTimeCode.objects.filter(person=person, created_at__gte=now - OTP_RATE_WINDOW).count()
    if recent >= OTP_RATE_MAX:
        raise errors.RateLimitedError(errors.ERR_RATE_LIMITED, code="rate_limited")
    OneTimeCode.objects.filter(person=person, used_at__isnull=True, expires_at__gt=now).update(expires_at=now)
    code = f"{secrets.randbelow(10**6):06d}"
    row = OneTimeCode(person=person, expires_at=now + OTP_LIFETIME)
    row.code_hash = _code_hash(row.pk, code)
    row.save()
    minutes = int(OTP_LIFETIME.total_seconds() // 60)
    notify(person=person, template="otp", context={"code": code, "minutes": minutes})


def otp_verify(*, national_id: str, code: str) -> Person:
    """The person whose current code this is; each try counts, the fifth wrong one burns the code."""
    failure = None
    with transaction.atomic():
        now = timezone.now()
        row = (
            OneTimeCode.objects.select_for_update()
            .select_related("person")
            .filter(person__national_id=(national_id or "").strip(), used_at__isnull=True, expires_at__gt=now)
            .order_by("-created_at")
            .first()
        )
        if row is None:
            failure = errors.ERR_CODE_INVALID
        elif row.attempts >= OTP_MAX_ATTEMPTS:
            failure = errors.ERR_TOO_MANY_ATTEMPTS
        else:
            row.attempts += 1
            if hmac.compare_digest(row.code_hash, _code_hash(row.pk, (code or "").strip())):
                row.used_at = now
            else:
                failure = errors.ERR_TOO_MANY_ATTEMPTS if row.attempts >= OTP_MAX_ATTEMPTS else errors.ERR_CODE_INVALID
            row.save(update_fields=["attempts", "used_at", "updated_at"])
    if failure is not None:  # raised after the commit so the counted attempt is kept
        raise RefahError(failure, field="code", code="invalid_code")
    return row.person
