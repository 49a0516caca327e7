"""Decisions of record linkage: links between a record of another app and a registry person, and the clerical
review of uncertain ones. A record is named by its kind (registered by the app that owns it) and its id."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from refah.common.models import BaseModel
from refah.geo.models import District, Province
from refah.linkage.enums import LinkMethod, ReviewStatus
from refah.registry.models import Person


class Link(BaseModel):
    """A record of `kind` is this person. Undone links stay, with who undid them and why."""

    kind = models.CharField(_("record kind"), max_length=40)
    record_id = models.CharField(_("record"), max_length=64)
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey(District, verbose_name=_("district"), on_delete=models.PROTECT, related_name="+")
    province = models.ForeignKey(Province, verbose_name=_("province"), on_delete=models.PROTECT, related_name="+")
    method = models.CharField(_("method"), max_length=10, choices=LinkMethod.choices)
    probability = models.FloatField(_("probability"))
    evidence = models.JSONField(_("evidence"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("linked by"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("undone by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    undone_reason = models.CharField(_("reason for undoing"), max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("link")
        verbose_name_plural = _("links")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "record_id"], condition=Q(undone_at__isnull=True), name="one_live_link_per_record"
            ),
        ]
        indexes = [models.Index(fields=["person"], name="link_person")]
        permissions = [("undo_link", "Can undo links")]


class LinkReview(BaseModel):
    """An uncertain record waiting for a clerk: the record as it came, the candidates with their evidence."""

    kind = models.CharField(_("record kind"), max_length=40)
    record_id = models.CharField(_("record"), max_length=64)
    district = models.ForeignKey(District, verbose_name=_("district"), on_delete=models.PROTECT, related_name="+")
    province = models.ForeignKey(Province, verbose_name=_("province"), on_delete=models.PROTECT, related_name="+")
    record = models.JSONField(_("record"), default=dict)
    # [{"person_id": "...", "probability": 0.93, "evidence": {"name": "exact", ...}}], best first
    candidates = models.JSONField(_("candidates"), default=list)
    status = models.CharField(_("status"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    link = models.ForeignKey(
        Link, verbose_name=_("link"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("link review")
        verbose_name_plural = _("link reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "record_id"], condition=Q(status="open"), name="one_open_review_per_record"
            ),
        ]
        indexes = [models.Index(fields=["status", "district"], name="linkreview_status_district")]
        permissions = [("decide_linkreview", "Can decide link reviews")]
