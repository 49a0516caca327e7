"""Martyrs' relatives and veterans with their entitlements; free travel cards, their print batches and delivery.

Every record names the household the person belonged to when it was made; that household's district decides who
may see it (accounts.selectors.jurisdiction_q through `household__`). A print batch names its own area.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from refah.casework.models import Referral
from refah.common.models import BaseModel
from refah.entitlements import enums
from refah.geo.models import District, Province
from refah.registry.models import Household, Person

USER = settings.AUTH_USER_MODEL


class VeteranRecord(BaseModel):
    """A veteran, or a martyr's relative, as the ministry's decision recorded them. The subject is the martyr or
    the veteran (for a veteran, the person themselves), named by TC Kimlik No: the relatives of one martyr share
    it, which is how "one relative per martyr" is held."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="veteran_records"
    )
    household = models.ForeignKey(Household, verbose_name=_("household"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=20, choices=enums.VeteranStatus.choices)
    subject_name = models.CharField(_("martyr's or veteran's name"), max_length=200)
    subject_national_id = models.CharField(_("martyr's or veteran's TC Kimlik No"), max_length=11)
    event_date = models.DateField(_("date of martyrdom or of becoming a veteran"))
    decision_ref = models.CharField(_("ministry decision reference"), max_length=100)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    recorded_by = models.ForeignKey(USER, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("veteran or martyr's relative")
        verbose_name_plural = _("veterans and martyrs' relatives")
        constraints = [
            models.UniqueConstraint(fields=["person", "subject_national_id"], name="one_record_per_person_subject"),
        ]
        indexes = [models.Index(fields=["subject_national_id"], name="entitlements_record_subject")]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_status_display()})"


class Entitlement(BaseModel):
    """One entitlement of a recorded person (catalogue.py says who may hold which), granted, then used or revoked.

    The right to public employment is used by one person per subject: a partial unique index on the subject holds
    it under concurrent grants too."""

    record = models.ForeignKey(
        VeteranRecord, verbose_name=_("record"), on_delete=models.PROTECT, related_name="entitlements"
    )
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+")
    household = models.ForeignKey(Household, verbose_name=_("household"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("entitlement"), max_length=20, choices=enums.EntitlementKind.choices)
    subject_national_id = models.CharField(_("martyr's or veteran's TC Kimlik No"), max_length=11)
    status = models.CharField(
        _("status"), max_length=10, choices=enums.EntitlementStatus.choices, default=enums.EntitlementStatus.GRANTED
    )
    granted_on = models.DateField(_("granted on"))
    granted_by = models.ForeignKey(USER, verbose_name=_("granted by"), on_delete=models.PROTECT, related_name="+")
    used_on = models.DateField(_("used on"), null=True, blank=True)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    referral = models.ForeignKey(
        Referral, verbose_name=_("referral"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["kind", "-granted_on"]
        verbose_name = _("entitlement")
        verbose_name_plural = _("entitlements")
        constraints = [
            models.UniqueConstraint(
                fields=["record", "kind"], condition=~Q(status="revoked"), name="one_entitlement_per_record_kind"
            ),
            models.UniqueConstraint(
                fields=["subject_national_id"],
                condition=Q(kind="public_employment") & ~Q(status="revoked"),
                name="one_public_employment_per_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.get_kind_display()}"


class IssueRun(BaseModel):
    """One run of the card issue: who ran it over which area, what it found and how many requests it made."""

    run_by = models.ForeignKey(USER, verbose_name=_("run by"), on_delete=models.PROTECT, related_name="+")
    period = models.DateField(_("determinations of the month"))
    province = models.ForeignKey(Province, verbose_name=_("province"), null=True, on_delete=models.PROTECT)
    district = models.ForeignKey(District, verbose_name=_("district"), null=True, on_delete=models.PROTECT)
    persons_found = models.PositiveIntegerField(_("persons entitled"), default=0)
    already_carded = models.PositiveIntegerField(_("already holding a card"), default=0)
    cards_requested = models.PositiveIntegerField(_("cards requested"), default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("card issue run")
        verbose_name_plural = _("card issue runs")


class PrintBatch(BaseModel):
    """Requested cards gathered for the card printer: a PDF to check and a CSV for the printer; marked printed."""

    reference = models.CharField(_("batch number"), max_length=20, unique=True)
    province = models.ForeignKey(Province, verbose_name=_("province"), on_delete=models.PROTECT)
    district = models.ForeignKey(District, verbose_name=_("district"), null=True, blank=True, on_delete=models.PROTECT)
    status = models.CharField(
        _("status"), max_length=10, choices=enums.BatchStatus.choices, default=enums.BatchStatus.PREPARED
    )
    created_by = models.ForeignKey(USER, verbose_name=_("prepared by"), on_delete=models.PROTECT, related_name="+")
    printed_on = models.DateField(_("printed on"), null=True, blank=True)
    printed_by = models.ForeignKey(
        USER, verbose_name=_("printed by"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    card_count = models.PositiveIntegerField(_("cards"), default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("print batch")
        verbose_name_plural = _("print batches")
        permissions = [("print_travelcard", "Can prepare and print batches of travel cards")]

    def __str__(self) -> str:
        return self.reference


class TravelCard(BaseModel):
    """A free travel card (Law 4736): requested by the issue run (or as a replacement), printed in a batch,
    delivered at the SYDV counter or a PTT branch to the holder or a named proxy; lost, replaced or cancelled."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="travel_cards")
    household = models.ForeignKey(Household, verbose_name=_("household"), on_delete=models.PROTECT, related_name="+")
    basis = models.CharField(_("basis"), max_length=12, choices=enums.CardBasis.choices)
    number = models.CharField(_("card number"), max_length=16, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=enums.CardStatus.choices, default=enums.CardStatus.REQUESTED
    )
    requested_on = models.DateField(_("requested on"))
    issue_run = models.ForeignKey(
        IssueRun, verbose_name=_("issue run"), null=True, blank=True, on_delete=models.PROTECT, related_name="cards"
    )
    batch = models.ForeignKey(
        PrintBatch, verbose_name=_("print batch"), null=True, blank=True, on_delete=models.PROTECT, related_name="cards"
    )
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    delivery_place = models.CharField(_("delivered at"), max_length=10, choices=enums.DeliveryPlace.choices, blank=True)
    receiver = models.CharField(_("received by"), max_length=10, choices=enums.Receiver.choices, blank=True)
    proxy_name = models.CharField(_("proxy's name"), max_length=200, blank=True)
    proxy_national_id = models.CharField(_("proxy's TC Kimlik No"), max_length=11, blank=True)
    delivered_by = models.ForeignKey(
        USER, verbose_name=_("delivered by"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("replaces card"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(_("why ended"), max_length=300, blank=True)

    class Meta:
        ordering = ["-requested_on", "number"]
        verbose_name = _("travel card")
        verbose_name_plural = _("travel cards")
        permissions = [
            ("issue_travelcard", "Can run the issue of free travel cards"),
            ("deliver_travelcard", "Can deliver, replace and cancel travel cards"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status__in=["requested", "printed", "delivered"]),
                name="one_live_travel_card",
            ),
        ]
        indexes = [models.Index(fields=["status", "batch"], name="entitlements_card_print")]

    def __str__(self) -> str:
        return self.number
