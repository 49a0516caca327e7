"""The audit trail: one row per write that matters, written in the same transaction."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from refah.audit.managers import OrdinaryRows, SealedRows


class AuditEvent(models.Model):
    """Who did what to which object, with its state before and after. A `sealed` row records an act on a sealed
    record: written without a household, read only through `sealed_objects` (see OrdinaryRows)."""

    id = models.BigAutoField(primary_key=True)
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(_("actor"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=64)
    object_type = models.CharField(_("object type"), max_length=64)
    object_id = models.CharField(_("object id"), max_length=64)
    household_id = models.UUIDField(null=True, blank=True, db_index=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    note = models.TextField(blank=True)
    sealed = models.BooleanField(_("sealed"), default=False)

    objects = OrdinaryRows()
    sealed_objects = SealedRows()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [  # "action" is only ever matched exactly: no LIKE (varchar_pattern_ops) index beside it
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["action"], name="audit_event_action"),
        ]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_type}"


from refah.audit.ledger.models import LedgerEntry, LedgerPrivate, LedgerState, TreeHead  # noqa: E402,F401
from refah.audit.models_access import AccessEvent  # noqa: E402,F401
