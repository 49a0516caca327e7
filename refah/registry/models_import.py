"""A record of each uploaded household file: who, which office, its SHA-256, outcome and report."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from refah.accounts.models import Office
from refah.common.models import BaseModel


class ImportBatch(BaseModel):
    """One upload of a CSV/XLSX file. The report keeps every problem in Turkish and English."""

    class Status(models.TextChoices):
        VALIDATED_WITH_ERRORS = "validated_with_errors", _("Rejected: the file has errors")
        IMPORTED = "imported", _("Imported")
        DUPLICATE_FILE = "duplicate_file", _("Same file already imported")

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    office = models.ForeignKey(Office, verbose_name=_("office"), null=True, blank=True, on_delete=models.PROTECT)
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    status = models.CharField(_("status"), max_length=24, choices=Status.choices)
    counts = models.JSONField(_("counts"), default=dict)
    report = models.JSONField(_("report"), default=list)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.status})"

    @property
    def errors(self) -> list[dict]:
        return [item for item in self.report if item["level"] == "error"]

    @property
    def skipped(self) -> list[dict]:
        return [item for item in self.report if item["level"] == "skipped"]
