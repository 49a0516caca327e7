"""Offices with a jurisdiction, the staff who work in them, and API tokens."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from refah.accounts.enums import OfficeKind
from refah.common.models import BaseModel
from refah.geo.models import District, Province


class Office(BaseModel):
    """An institution's office. Jurisdiction: a district, a whole province, or the country."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=OfficeKind.choices)
    province = models.ForeignKey(Province, verbose_name=_("province"), null=True, blank=True, on_delete=models.PROTECT)
    district = models.ForeignKey(District, verbose_name=_("district"), null=True, blank=True, on_delete=models.PROTECT)

    class Meta:
        ordering = ["name"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(district__isnull=True) | models.Q(province__isnull=False),
                name="office_district_needs_province",
            ),
            models.CheckConstraint(
                condition=models.Q(kind=OfficeKind.MINISTRY) | models.Q(province__isnull=False),
                name="office_local_needs_province",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_national(self) -> bool:
        return self.province_id is None

    def jurisdiction_label(self) -> str:
        if self.district_id:
            return str(self.district)
        if self.province_id:
            return str(self.province)
        return str(_("Türkiye (national)"))


class StaffProfile(models.Model):
    """Links a Django user to the office they work for."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="staff")
    title = models.CharField(_("title"), max_length=100, blank=True)

    def __str__(self) -> str:
        return f"{self.user} @ {self.office}"


class ApiToken(BaseModel):
    """A bearer token for the JSON API. Only its SHA-256 is stored; the secret is shown once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()


class SignInAttempt(models.Model):
    """A password or code attempt not yet followed by a successful sign-in of its account, counted by the sign-in
    throttle (refah.accounts.signin). Written before the password is checked, so concurrent guesses are counted."""

    class Stage(models.TextChoices):
        PASSWORD = "password", _("password")
        CODE = "code", _("second factor")

    id = models.BigAutoField(primary_key=True)
    at = models.DateTimeField(_("time"), db_index=True)
    username = models.CharField(_("username"), max_length=150)
    address = models.GenericIPAddressField(_("client address"), null=True, blank=True)
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices)

    class Meta:
        indexes = [
            models.Index(fields=["username", "at"], name="signin_attempt_username"),
            models.Index(fields=["address", "at"], name="signin_attempt_address"),
        ]
        verbose_name = _("sign-in attempt")
        verbose_name_plural = _("sign-in attempts")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.address or ''}"


class SecondFactor(BaseModel):
    """A staff user's TOTP authenticator. The secret is stored encrypted (refah.accounts.totp) and shown only while
    enrolment is unconfirmed; `last_step` keeps any code from being accepted twice."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="second_factor")
    secret = models.TextField()
    confirmed_at = models.DateTimeField(_("enrolled at"), null=True, blank=True)
    last_step = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("second factor")
        verbose_name_plural = _("second factors")
        permissions = [("reset_secondfactor", "Can reset another user's second factor")]

    def __str__(self) -> str:
        return f"{self.user} ({'enrolled' if self.confirmed_at else 'pending'})"


class RecoveryCode(models.Model):
    """A one-time code for a lost phone; only its keyed hash is stored."""

    id = models.BigAutoField(primary_key=True)
    factor = models.ForeignKey(SecondFactor, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(max_length=64)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["factor", "code_hash"], name="recovery_code_unique")]

    def __str__(self) -> str:
        return f"{self.factor.user} ({'used' if self.used_at else 'unused'})"
