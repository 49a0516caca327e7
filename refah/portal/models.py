"""Sign-in throttling of the citizen portal, the same for registered and unknown TC Kimlik numbers."""

from django.db import models


class SignInAttempt(models.Model):
    """A code request or a failed code for one TC Kimlik No, kept as a keyed hash, never in clear.

    The OTP service limits codes and tries only for numbers it knows; counting here for every number
    makes an unknown number behave, and read, exactly like a registered one.
    """

    class Kind(models.TextChoices):
        CODE_REQUEST = "request", "code requested"
        WRONG_CODE = "wrong", "wrong code"

    key = models.CharField(max_length=64)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["key", "kind", "at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.key[:8]} {self.at:%H:%M:%S}"
