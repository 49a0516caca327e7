"""AnomalyFlag: a pattern worth a look, with its evidence; open → reviewed (with a note) or dismissed (with a
reason). Its Meta also carries the outreach screens' permissions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from refah.common.models import BaseModel
from refah.geo.models import District
from refah.registry.models import Household


class AnomalyKind(models.TextChoices):
    SHARED_ADDRESS = "shared_address", _("Many unrelated households at one address")
    INCOME_DROP = "income_drop", _("Declared income fell just before an application")
    SEVERAL_GIVERS = "several_givers", _("Aid from several givers for the same need")


class FlagStatus(models.TextChoices):
    OPEN = "open", _("Open")
    REVIEWED = "reviewed", _("Reviewed")
    DISMISSED = "dismissed", _("Dismissed")


class AnomalyFlag(BaseModel):
    kind = models.CharField(_("kind"), max_length=20, choices=AnomalyKind.choices)
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="+", verbose_name=_("household"))
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+", verbose_name=_("district"))
    # What makes the flag one case: the same key found again while the flag is open raises nothing new.
    key = models.CharField(max_length=200)
    evidence = models.JSONField(_("evidence"), default=dict)
    found_at = models.DateTimeField(_("found at"))
    status = models.CharField(_("status"), max_length=10, choices=FlagStatus.choices, default=FlagStatus.OPEN)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    note = models.TextField(_("note or reason"), blank=True)

    class Meta:
        ordering = ["-found_at", "kind"]
        verbose_name = _("anomaly flag")
        verbose_name_plural = _("anomaly flags")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "household", "key"], condition=Q(status="open"), name="one_open_flag_per_case"
            )
        ]
        indexes = [models.Index(fields=["district", "status"])]
        permissions = [
            ("review_anomalyflag", "Can review anomaly flags"),
            # the outreach screens' permissions (no model of their own): counts and what-if, the call list
            ("view_outreach", "Can see outreach counts and the what-if"),
            ("view_calllist", "Can see the outreach call list (names, addresses, phones)"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.household_id} {self.status}"
