"""The published open data: a release (one run of the publisher) and its suppressed rows, sliced per request.

A public request never computes a cube: it reads the rows of the latest release (indexed by dataset, province and
year). Only the latest two releases are kept (the previous one for a download under way)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from refah.common.models import BaseModel


class OpenDataRelease(BaseModel):
    """One publication of every dataset: when, at which threshold, what it holds (`summary`: per dataset, its rows,
    hidden cells and periods)."""

    generated_at = models.DateTimeField(_("generated at"))
    threshold = models.PositiveSmallIntegerField(_("suppression threshold"))
    eligibility_period = models.DateField(_("eligibility month"), null=True, blank=True)
    summary = models.JSONField(_("summary"), default=dict)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-generated_at"]
        verbose_name = _("open data release")
        verbose_name_plural = _("open data releases")

    def __str__(self) -> str:
        return f"{self.generated_at:%Y-%m-%d %H:%M}"


class OpenDataRow(models.Model):
    """One cell of a dataset's suppressed cube (all its measures), as published. `province` is the province's
    P-code ("" for the national total), `year` the year (null for all years or no period)."""

    id = models.BigAutoField(primary_key=True)
    release = models.ForeignKey(OpenDataRelease, on_delete=models.CASCADE, related_name="rows", db_index=False)
    dataset = models.CharField(max_length=40)
    province = models.CharField(max_length=6, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    position = models.PositiveIntegerField()
    data = models.JSONField()

    class Meta:
        ordering = ["position"]
        indexes = [models.Index(fields=["release", "dataset", "province", "year", "position"])]

    def __str__(self) -> str:
        return f"{self.dataset} {self.province} {self.year}"
