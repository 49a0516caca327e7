"""Messages sent to citizens (SMS or e-mail) and one-time sign-in codes for the citizen portal."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from refah.common.models import BaseModel
from refah.registry.models import Person


class Channel(models.TextChoices):
    SMS = "sms", _("SMS")
    EMAIL = "email", _("E-mail")


class Status(models.TextChoices):
    PENDING = "pending", _("Waiting for the transaction to commit")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class Notification(BaseModel):
    """One message to one recipient, rendered in Turkish and English; sent after the transaction commits."""

    person = models.ForeignKey(  # indexed by (person, -created_at) below
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    channel = models.CharField(_("channel"), max_length=5, choices=Channel.choices)
    template = models.CharField(_("template"), max_length=40)
    language = models.CharField(_("language"), max_length=5, default="tr")
    text_tr = models.TextField(_("text (Turkish)"))
    text_en = models.TextField(_("text (English)"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.PENDING)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["person", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.template} → {self.phone or self.email}"

    @property
    def text(self) -> str:
        """The text in the recipient's language."""
        return self.text_en if self.language == "en" else self.text_tr


class OneTimeCode(BaseModel):
    """A 6-digit sign-in code for the citizen portal. Only its keyed hash is stored."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    code_hash = models.CharField(max_length=64)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["person", "-created_at"])]

    def __str__(self) -> str:
        return f"code for {self.person_id} until {self.expires_at:%H:%M}"
