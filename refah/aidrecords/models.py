"""Aid given by every institution, under one roof: givers, their records, files, reports and duplicate flags.

A record keeps the identity as the giver sent it (for linking) beside the person and household it was linked
to; its district (the linked household's, else the address's) decides who may see it, as for a household.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from refah.accounts.models import Office
from refah.aidrecords import enums
from refah.common.models import BaseModel
from refah.geo.models import District, Province
from refah.registry.models import Household, Person


class Giver(BaseModel):
    """A giving institution: an office of Refah (municipality, NGO, SYDV…) or a named other public body
    whose records an office sends on its behalf (`office` empty, `name_key` its folded name)."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=enums.GiverKind.choices)
    office = models.OneToOneField(
        Office, verbose_name=_("office"), null=True, blank=True, on_delete=models.PROTECT, related_name="giver"
    )
    name_key = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("giver")
        verbose_name_plural = _("givers")

    def __str__(self) -> str:
        return self.name


class AidBatch(BaseModel):
    """One uploaded file of aid records; its report has every problem in Turkish and English."""

    giver = models.ForeignKey(Giver, verbose_name=_("giver"), on_delete=models.PROTECT, related_name="batches")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    office = models.ForeignKey(Office, verbose_name=_("office"), on_delete=models.PROTECT, related_name="+")
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    status = models.CharField(_("status"), max_length=16, choices=enums.BatchStatus.choices)
    counts = models.JSONField(_("counts"), default=dict)
    report = models.JSONField(_("report"), default=list)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("aid file")
        verbose_name_plural = _("aid files")

    def __str__(self) -> str:
        return self.file_name


class AidSubmission(BaseModel):
    """One API request of a giver under an Idempotency-Key: the same key and body answer the same records."""

    giver = models.ForeignKey(Giver, on_delete=models.PROTECT, related_name="submissions")
    idempotency_key = models.CharField(max_length=100)
    request_hash = models.CharField(max_length=64)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["giver", "idempotency_key"], name="aid_submission_key_per_giver")
        ]


class AidRecord(BaseModel):
    """One aid given: by whom, to whom (as sent, and as linked), what, how much, when and for which period."""

    giver = models.ForeignKey(Giver, verbose_name=_("giver"), on_delete=models.PROTECT, related_name="records")
    office = models.ForeignKey(Office, verbose_name=_("sent by office"), on_delete=models.PROTECT, related_name="+")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(_("channel"), max_length=8, choices=enums.Channel.choices)
    submission = models.ForeignKey(
        AidSubmission, null=True, blank=True, on_delete=models.PROTECT, related_name="records"
    )
    batch = models.ForeignKey(
        AidBatch, verbose_name=_("file"), null=True, blank=True, on_delete=models.PROTECT, related_name="records"
    )
    idempotency_key = models.CharField(max_length=120)
    reference = models.CharField(_("giver's reference"), max_length=64)
    content_hash = models.CharField(max_length=64)  # what was sent: the same reference again must match it
    kind = models.CharField(_("kind of aid"), max_length=12, choices=enums.AidKind.choices)
    need = models.CharField(_("need covered"), max_length=12, choices=enums.NeedCategory.choices)
    amount_kurus = models.BigIntegerField(_("amount (kuruş)"), null=True, blank=True)
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=3, null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    given_on = models.DateField(_("given on"))
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    # The identity as the giver sent it, for linking.
    national_id = models.CharField(_("identity number"), max_length=11, blank=True)
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    father_name = models.CharField(_("father's name"), max_length=100, blank=True)
    mother_name = models.CharField(_("mother's name"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    province = models.ForeignKey(Province, verbose_name=_("province"), on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey(District, verbose_name=_("district"), on_delete=models.PROTECT, related_name="+")
    neighbourhood = models.CharField(_("neighbourhood"), max_length=100, blank=True)
    address_line = models.CharField(_("address"), max_length=250, blank=True)
    # The link.
    person = models.ForeignKey(
        Person, verbose_name=_("person"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    household = models.ForeignKey(
        Household,
        verbose_name=_("household"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="aid_records",
    )
    link_status = models.CharField(_("link"), max_length=10, choices=enums.LinkStatus.choices)
    link_method = models.CharField(_("linked through"), max_length=12, choices=enums.LinkMethod.choices, blank=True)
    linked_at = models.DateTimeField(_("linked at"), null=True, blank=True)

    class Meta:
        ordering = ["-given_on", "-created_at"]
        verbose_name = _("aid record")
        verbose_name_plural = _("aid records")
        constraints = [
            models.UniqueConstraint(fields=["giver", "idempotency_key"], name="aid_record_key_per_giver"),
            models.UniqueConstraint(fields=["giver", "reference"], name="aid_record_reference_per_giver"),
            models.CheckConstraint(condition=models.Q(period_end__gte=models.F("period_start")), name="aid_period"),
            models.CheckConstraint(
                condition=models.Q(amount_kurus__isnull=False) | models.Q(quantity__isnull=False),
                name="aid_amount_or_quantity",
            ),
        ]
        indexes = [
            models.Index(fields=["household", "kind", "period_start"], name="aid_household_kind"),
            models.Index(fields=["person", "kind", "period_start"], name="aid_person_kind"),
            models.Index(fields=["district", "given_on"], name="aid_district_given"),
            models.Index(fields=["giver", "given_on"], name="aid_giver_given"),
        ]

    def __str__(self) -> str:
        return f"{self.giver} {self.reference}"


class GiverReport(BaseModel):
    """What a giver says it gave in a period: the denominator of "share of its aid that reached the system"."""

    giver = models.ForeignKey(Giver, verbose_name=_("giver"), on_delete=models.PROTECT, related_name="reports")
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    records_given = models.PositiveIntegerField(_("records given"))
    amount_kurus = models.BigIntegerField(_("amount given (kuruş)"), null=True, blank=True)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-period_start"]
        verbose_name = _("giver's report")
        verbose_name_plural = _("givers' reports")
        constraints = [
            models.UniqueConstraint(fields=["giver", "period_start", "period_end"], name="giver_report_period"),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="giver_report_dates"
            ),
        ]


class DuplicateFlag(BaseModel):
    """The same need covered twice in a period: two records as evidence, for a caseworker to resolve."""

    kind = models.CharField(_("kind"), max_length=16, choices=enums.FlagKind.choices)
    first = models.ForeignKey(AidRecord, on_delete=models.PROTECT, related_name="+")
    second = models.ForeignKey(AidRecord, on_delete=models.PROTECT, related_name="+")
    household = models.ForeignKey(Household, verbose_name=_("household"), on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        Person, verbose_name=_("person"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey(District, verbose_name=_("district"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=enums.FlagStatus.choices)
    note = models.CharField(_("justification"), max_length=500, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("duplicate aid")
        verbose_name_plural = _("duplicate aid")
        permissions = [("resolve_duplicateflag", "Can resolve a duplicate aid flag")]
        constraints = [
            models.UniqueConstraint(fields=["kind", "first", "second"], name="duplicate_flag_once"),
        ]
        indexes = [models.Index(fields=["district", "status"], name="duplicate_flag_district")]
