"""TOTP secrets (RFC 6238, via pyotp), their encryption at rest, the enrolment QR code and recovery codes.

Secrets are encrypted with Fernet under keys derived from SECRET_KEY (and SECRET_KEY_FALLBACKS, so a key rotation
keeps them readable); recovery codes are stored as an HMAC keyed the same way, so a copy of the database alone
reveals neither.
"""

import base64
import hashlib
import hmac
import secrets
import time

import pyotp
import qrcode
import qrcode.image.svg
from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings

ISSUER = "Refah"
RECOVERY_CODE_COUNT = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read off paper without doubt
_RECOVERY_LENGTH = 10  # about 49 bits each


def _keys(purpose: bytes) -> list[bytes]:
    return [
        hashlib.sha256(b"refah.accounts.totp." + purpose + b":" + key.encode()).digest()
        for key in [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    ]


def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(base64.urlsafe_b64encode(key)) for key in _keys(b"secret")])


def secret_new() -> str:
    """A fresh base32 TOTP secret of 160 bits."""
    return pyotp.random_base32()


def secret_encrypt(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


def secret_decrypt(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode()


def provisioning_uri(secret: str, username: str) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=ISSUER)


def qr_svg(text: str) -> str:
    """An inline SVG QR code of `text` (no image library needed)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    return image.to_string(encoding="unicode")


def secret_grouped(secret: str) -> str:
    """The secret in groups of four, for typing into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def matching_step(secret: str, code: str, *, after: int, now: float | None = None) -> int | None:
    """The time step (30 s) whose code is `code`, within one step of now and later than `after`; else None."""
    totp = pyotp.TOTP(secret)
    current = int((time.time() if now is None else now) // totp.interval)
    for step in (current - 1, current, current + 1):
        if step > after and hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def code_normalise(code: str) -> str:
    """What the user typed, without spaces or dashes, lower case."""
    return "".join(code.split()).replace("-", "").lower()


def is_totp_code(code: str) -> bool:
    return len(code) == 6 and code.isdigit()


def recovery_codes_new() -> list[str]:
    """Fresh recovery codes, shown once as `abcde-fghjk`."""
    codes = [
        "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(_RECOVERY_LENGTH)) for _ in range(RECOVERY_CODE_COUNT)
    ]
    return [f"{code[:5]}-{code[5:]}" for code in codes]


def recovery_code_hashes(factor_id, code: str) -> list[str]:
    """The stored form of a recovery code under the current key, then each fallback key."""
    message = f"{factor_id}:{code_normalise(code)}".encode()
    return [hmac.new(key, message, hashlib.sha256).hexdigest() for key in _keys(b"recovery")]
