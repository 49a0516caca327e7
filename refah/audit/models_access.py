"""The access log (KVKK): one row per read of personal data — who, what, when, why, through which channel.

Rows are only ever inserted, by refah.audit.services_access.access_record() or by a read's own statement
(refah.registry.selectors.household_json); no code updates or deletes them (docs/access-log.md: retention).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from refah.audit.enums import AccessChannel, AccessKind, AccessPurpose
from refah.audit.managers import OrdinaryRows, SealedRows

__all__ = ["AccessEvent"]


class AccessEvent(models.Model):
    """One read: a household, a person, a document, a report, an export, or a whole list (search results, a page
    of households), whose households and persons shown are kept in `subjects` — one row, however long the list."""

    id = models.BigAutoField(primary_key=True)
    at = models.DateTimeField(_("time"), default=timezone.now)
    # No database foreign keys: their check on every insert locks the user's and the district's rows (FOR KEY
    # SHARE), which all of one reader's concurrent reads contend for (~0.7 ms a read in bench/intake.py). Users and
    # districts are never deleted (PROTECT).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # the (actor, at) index serves it
        db_constraint=False,
    )
    actor_label = models.CharField(_("reader"), max_length=150, blank=True)
    purpose = models.CharField(_("purpose"), max_length=16, choices=AccessPurpose.choices)
    channel = models.CharField(_("channel"), max_length=8, choices=AccessChannel.choices)
    kind = models.CharField(_("data read"), max_length=24, choices=AccessKind.choices)
    sensitive = models.BooleanField(_("special-category data"), default=False)
    object_type = models.CharField(_("object type"), max_length=64, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    household_id = models.UUIDField(null=True, blank=True)
    person_id = models.UUIDField(null=True, blank=True)
    district = models.ForeignKey(
        "geo.District",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    count = models.PositiveIntegerField(_("records shown"), default=1)
    # A list's {"households": [id, …], "persons": [id, …]}; on PostgreSQL a GIN index (migration 0004) serves
    # "which lists showed this person".
    subjects = models.JSONField(null=True, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    # A read of a sealed record (refah.shelters): written without household, person or district, left out by the
    # default manager (refah.audit.models.OrdinaryRows), read by the sealed services only.
    sealed = models.BooleanField(_("sealed"), default=False)

    objects = OrdinaryRows()
    sealed_objects = SealedRows()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["at"], name="access_event_at"),
            models.Index(fields=["actor", "at"], name="access_event_actor_at"),
            models.Index(
                fields=["household_id", "at"], name="access_event_household", condition=Q(household_id__isnull=False)
            ),
            models.Index(fields=["person_id", "at"], name="access_event_person", condition=Q(person_id__isnull=False)),
        ]
        verbose_name = _("access event")
        verbose_name_plural = _("access events")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.kind} {self.object_id}"
