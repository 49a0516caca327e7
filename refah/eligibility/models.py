"""Stored eligibility: determinations per household, program and month; the parameter overlay; custom programs.

The rules and their YAML parameters live in code (engine.py, rules/, parameters/). The database holds
what the engine decided (Determination, with the labels to explain it in Rulebook), the dated parameter
values program managers approved on top of the YAML (ParameterValue), and programs that municipalities
and NGOs define without code (CustomProgram). Both approvals are maker–checker.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from refah.accounts.models import Office
from refah.common.models import BaseModel
from refah.registry.models import Household, Person


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    ONE_OFF = "one_off", _("One-off")
    YEARLY = "yearly", _("Yearly")
    IN_KIND = "in_kind", _("In kind")


class ApprovalStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed, awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class CustomProgramStatus(models.TextChoices):
    DRAFT = "draft", _("Draft, awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class Rulebook(models.Model):
    """The labels that turn a stored reason code into a sentence, per rulebook version and period.

    Determinations keep only codes and compared values; subjects, notes and units (tr/en) are stored
    once here, so reasons can be rendered later in either language without re-running the rules.
    """

    version = models.CharField(_("rulebook version"), max_length=40)
    period = models.DateField(_("period"))
    labels = models.JSONField(_("reason labels"), default=dict)
    programs = models.JSONField(_("programs"), default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["version", "period"], name="one_rulebook_per_version_period")]

    def __str__(self) -> str:
        return f"{self.version} {self.period:%Y-%m}"


class Determination(BaseModel):
    """What the rules decided for one household, program and month; updated only when inputs or rules change."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="determinations")
    program = models.CharField(_("program"), max_length=64)
    period = models.DateField(_("period"), help_text=_("First day of the month."))
    eligible = models.BooleanField(_("eligible"))
    amount_kurus = models.BigIntegerField(_("amount (kuruş, or units when in kind)"), default=0)
    frequency = models.CharField(_("frequency"), max_length=8, choices=Frequency.choices)
    amounts = models.JSONField(_("amounts by frequency"), default=dict)
    unit = models.CharField(_("unit"), max_length=8, default="TRY")
    reasons = models.JSONField(_("reasons"), default=list)
    rulebook_version = models.CharField(_("rulebook version"), max_length=40)
    input_hash = models.CharField(_("input hash"), max_length=64)
    need_score = models.FloatField(_("need score"), null=True, blank=True)
    # The member the engine chose to be paid (the rule's or custom program's recipient kind), when eligible;
    # payments copies it. PROTECT, as the entitlement's recipient: a stored decision of whom to pay must not
    # silently become "no one" (a member cannot be deleted anyway, their membership protects them). Without a
    # database constraint or index, as the entitlements' references: the bulk run writes millions of rows, and a
    # deferred foreign-key check per row would cost more than the run's own writes (docs/payments.md).
    recipient = models.ForeignKey(
        Person, null=True, on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )

    class Meta:
        ordering = ["period", "program"]
        verbose_name = _("determination")
        verbose_name_plural = _("determinations")
        constraints = [
            models.UniqueConstraint(fields=["household", "program", "period"], name="one_determination_per_month"),
            models.CheckConstraint(condition=Q(amount_kurus__gte=0), name="determination_amount_not_negative"),
        ]
        indexes = [models.Index(fields=["period", "program", "eligible"])]
        permissions = [("run_simulation", "Can run what-if simulations of parameter changes")]

    def __str__(self) -> str:
        return f"{self.household_id} {self.program} {self.period:%Y-%m}"


class ParameterValue(BaseModel):
    """A dated value of a YAML parameter added by a program manager; in force once a second manager approves."""

    parameter = models.CharField(_("parameter"), max_length=100)
    start = models.DateField(_("in force from"))
    value = models.JSONField(_("value"))
    reference = models.CharField(_("legal source"), max_length=300)
    note = models.CharField(_("note"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ApprovalStatus.choices, default=ApprovalStatus.PROPOSED
    )
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["parameter", "start"]
        verbose_name = _("parameter value")
        verbose_name_plural = _("parameter values")
        constraints = [
            models.UniqueConstraint(
                fields=["parameter", "start"],
                condition=Q(status=ApprovalStatus.APPROVED),
                name="one_approved_value_per_parameter_start",
            ),
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=F("proposed_by")),
                name="parameter_value_four_eyes",
            ),
        ]
        permissions = [
            ("propose_parameter", "Can propose a new dated parameter value"),
            ("approve_parameter", "Can approve or reject a proposed parameter value"),
        ]

    def __str__(self) -> str:
        return f"{self.parameter} from {self.start}: {self.value}"


class CustomProgram(BaseModel):
    """A program an office defines from building blocks (custom/ spec), evaluated for its jurisdiction."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="custom_programs")
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    spec = models.JSONField(_("specification"))
    status = models.CharField(
        _("status"), max_length=10, choices=CustomProgramStatus.choices, default=CustomProgramStatus.DRAFT
    )
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["office", "code"]
        verbose_name = _("custom program")
        verbose_name_plural = _("custom programs")
        constraints = [
            models.UniqueConstraint(fields=["office", "code"], name="one_custom_program_code_per_office"),
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=F("proposed_by")),
                name="custom_program_four_eyes",
            ),
        ]
        permissions = [
            ("propose_custom_program", "Can define a custom program"),
            ("approve_custom_program", "Can approve or reject a custom program"),
        ]

    def __str__(self) -> str:
        return f"{self.office}: {self.name}"

    @property
    def engine_code(self) -> str:
        """The program code in determinations: unique across offices that share a district."""
        return f"{self.code}_{self.office_id.hex[:8]}"
