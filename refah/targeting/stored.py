"""The targeting app's stored records (its Django models; see apps.py for why they are not in models.py).

- `TargetingModel`: a trained model registered for use. Its artifact (the one file `Artifact.save` writes: JSON
  header + model text, a few hundred kB) is kept IN the database (BinaryField), not under MEDIA: the weights
  are what the public ledger's hash vouches for, so they must live and be backed up with the rows that cite them,
  be covered by the same transaction as the status change, and never be swapped on disk behind the database's
  back. Every load recomputes the hash (services.artifact_of) and refuses a mismatch.
- `ScoringRun`: one background scoring of the registry for a scope with an approved model, with progress.
- `TargetingScore`: a household's proposal from a run (predicted consumption per adult equivalent, rank, in the
  list or not, its top reasons). Advisory only: nothing here is a determination or a decision.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from refah.common.models import BaseModel
from refah.targeting.enums import ModelStatus, RunPolicy, RunStatus

__all__ = ["ScoringRun", "TargetingModel", "TargetingScore"]


class TargetingModel(BaseModel):
    version = models.CharField(_("version"), max_length=64, unique=True)
    kind = models.CharField(_("kind"), max_length=16)
    weights_sha256 = models.CharField(_("weights hash"), max_length=64)
    artifact = models.BinaryField(_("model file"))
    feature_names = models.JSONField(_("features"), default=list)
    metrics = models.JSONField(_("metrics"), default=dict)
    card = models.JSONField(_("model card"), default=dict)
    trained_on = models.JSONField(_("trained on"), default=dict)
    status = models.CharField(_("status"), max_length=10, choices=ModelStatus.choices, default=ModelStatus.DRAFT)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("registered by")
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("targeting model")
        verbose_name_plural = _("targeting models")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(approved_by__isnull=False), name="targeting_model_approved_has_checker"
            ),
        ]
        permissions = [
            ("view_model", "Can view the targeting models, their cards and scoring runs"),
            ("manage_model", "Can register, approve and retire targeting models"),
            ("run_scoring", "Can start a scoring run"),
            ("view_proposal", "Can read a household's proposal by the targeting model"),
        ]

    def __str__(self) -> str:
        return self.version

    @property
    def hash_short(self) -> str:
        return self.weights_sha256[:12]


class ScoringRun(BaseModel):
    model = models.ForeignKey(TargetingModel, on_delete=models.PROTECT, related_name="runs", verbose_name=_("model"))
    day = models.DateField(_("day"))
    province = models.ForeignKey(
        "geo.Province", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("province")
    )
    district = models.ForeignKey(
        "geo.District", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("district")
    )
    policy = models.CharField(_("policy"), max_length=10, choices=RunPolicy.choices, default=RunPolicy.COVERAGE)
    coverage_permille = models.PositiveIntegerField(_("coverage (‰)"), null=True, blank=True)
    budget_kurus = models.BigIntegerField(_("budget (kuruş)"), null=True, blank=True)
    amount_kurus = models.BigIntegerField(_("amount per household (kuruş)"), null=True, blank=True)
    by_province = models.BooleanField(_("cut-off per province"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    stage = models.CharField(_("stage"), max_length=200, blank=True)
    households = models.PositiveIntegerField(_("households"), default=0)
    in_list = models.PositiveIntegerField(_("in the list"), default=0)
    cutoff_kurus = models.BigIntegerField(_("cut-off (kuruş per adult equivalent)"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("scoring run")
        verbose_name_plural = _("scoring runs")
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="targeting_run_progress_at_most_100"),
        ]

    def __str__(self) -> str:
        return f"{self.model_id} {self.day}"


class TargetingScore(models.Model):
    """One household's proposal from one run; (run, household) is unique, so a rerun of a run's chunk is idempotent."""

    id = models.BigAutoField(primary_key=True)
    run = models.ForeignKey(ScoringRun, on_delete=models.CASCADE, related_name="scores")
    household = models.ForeignKey("registry.Household", on_delete=models.CASCADE, related_name="+")
    district = models.ForeignKey("geo.District", on_delete=models.PROTECT, related_name="+")
    predicted_ae_kurus = models.BigIntegerField(_("predicted consumption per adult equivalent (kuruş a month)"))
    rank = models.PositiveIntegerField(_("rank"))
    in_list = models.BooleanField(_("in the list"))
    reasons = models.JSONField(_("reasons"), default=list)

    class Meta:
        ordering = ["run", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["run", "household"], name="targeting_score_run_household_unique"),
        ]
        indexes = [models.Index(fields=["household", "run"]), models.Index(fields=["run", "district", "rank"])]

    def __str__(self) -> str:
        return f"{self.run_id} {self.household_id} {self.rank}"
