"""Specialised services: institutions with their capacities, the waiting lists, placements and discharges; for
children, protection decisions, foster families and their placements, adoption records and the free crèche places.

An institution lies in a district: the user's jurisdiction decides who sees it (accounts.selectors.jurisdiction_q).
Every record about a person names the household they belonged to when it was made; that household's district
decides who may see the record (`household__`), as employment's records do.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from refah.accounts.models import Office
from refah.care import enums
from refah.casework.models import Referral
from refah.common.models import BaseModel
from refah.geo.models import District, Province
from refah.registry.models import Household, Person

USER = settings.AUTH_USER_MODEL


class Institution(BaseModel):
    """A care institution: its kind's rules (kinds.py) bound its capacity; `occupied` counts its current
    placements and a CHECK constraint holds it within the capacity (the database's own guard)."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=24, choices=enums.InstitutionKind.choices)
    ownership = models.CharField(_("ownership"), max_length=8, choices=enums.Ownership.choices)
    mode = models.CharField(_("care"), max_length=12, choices=enums.CareMode.choices)
    office = models.ForeignKey(
        Office, verbose_name=_("operating office"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    operator_name = models.CharField(_("private operator"), max_length=200, blank=True)
    province = models.ForeignKey(Province, verbose_name=_("province"), on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey(District, verbose_name=_("district"), on_delete=models.PROTECT, related_name="+")
    units = models.PositiveSmallIntegerField(_("units"), default=1)
    capacity = models.PositiveIntegerField(_("capacity"))
    occupied = models.PositiveIntegerField(_("occupied places"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("care institution")
        verbose_name_plural = _("care institutions")
        constraints = [
            models.CheckConstraint(condition=Q(occupied__lte=F("capacity")), name="care_institution_not_over"),
            models.CheckConstraint(
                condition=Q(office__isnull=False) | ~Q(operator_name=""), name="care_institution_has_operator"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def free(self) -> int:
        return max(self.capacity - self.occupied, 0)

    @property
    def occupancy_percent(self) -> int:
        return min(100, round(100 * self.occupied / self.capacity)) if self.capacity else 0

    @property
    def run_by(self) -> str:
        return str(self.office) if self.office_id else self.operator_name


class WaitingEntry(BaseModel):
    """A person waiting for a place of a kind (or at a chosen institution), ordered by the published priority
    (priority.py); a freed place is offered to the top entry, whose acceptance places the person."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+")
    household = models.ForeignKey(Household, verbose_name=_("household"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind of institution"), max_length=24, choices=enums.InstitutionKind.choices)
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("chosen institution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="waiting",
    )
    referral = models.ForeignKey(
        Referral, verbose_name=_("referral"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    listed_on = models.DateField(_("listed on"))
    status = models.CharField(
        _("status"), max_length=10, choices=enums.WaitingStatus.choices, default=enums.WaitingStatus.WAITING
    )
    note = models.TextField(_("note"), blank=True)
    added_by = models.ForeignKey(USER, verbose_name=_("added by"), on_delete=models.PROTECT, related_name="+")
    owner = models.ForeignKey(
        USER, verbose_name=_("owner"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    offered_institution = models.ForeignKey(
        Institution,
        verbose_name=_("place offered at"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="offers",
    )
    offered_on = models.DateField(_("offered on"), null=True, blank=True)
    offer_expires_on = models.DateField(_("offer open until"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    close_note = models.CharField(_("why closed"), max_length=300, blank=True)

    class Meta:
        ordering = ["listed_on", "created_at"]
        verbose_name = _("waiting list entry")
        verbose_name_plural = _("waiting list entries")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind"],
                condition=Q(status__in=["waiting", "offered"]),
                name="care_one_open_entry_a_kind",
            ),
        ]
        indexes = [models.Index(fields=["kind", "status"])]

    def __str__(self) -> str:
        return f"{self.person} → {self.get_kind_display()}"


class Placement(BaseModel):
    """A person living in (or attending) an institution from `started_on`; discharged with a reason."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+")
    household = models.ForeignKey(Household, verbose_name=_("household"), on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey(
        Institution, verbose_name=_("institution"), on_delete=models.PROTECT, related_name="placements"
    )
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("discharged on"), null=True, blank=True)
    discharge_reason = models.CharField(
        _("reason for discharge"), max_length=16, choices=enums.DischargeReason.choices, blank=True
    )
    discharge_note = models.CharField(_("note"), max_length=300, blank=True)
    waiting_entry = models.ForeignKey(
        WaitingEntry, verbose_name=_("from the waiting list"), null=True, blank=True, on_delete=models.PROTECT
    )
    placed_by = models.ForeignKey(USER, verbose_name=_("placed by"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-started_on", "-created_at"]
        verbose_name = _("care placement")
        verbose_name_plural = _("care placements")
        constraints = [
            models.UniqueConstraint(fields=["person"], condition=Q(ended_on__isnull=True), name="care_one_placement"),
        ]
        indexes = [models.Index(fields=["institution", "ended_on"])]

    def __str__(self) -> str:
        return f"{self.person} @ {self.institution}"


class ProtectionDecision(BaseModel):
    """A court's protection or care decision for a child (Law 2828, Law 5395 art. 5), reviewed periodically."""

    child = models.ForeignKey(Person, verbose_name=_("child"), on_delete=models.PROTECT, related_name="+")
    household = models.ForeignKey(Household, verbose_name=_("family"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("measure"), max_length=12, choices=enums.DecisionKind.choices)
    court = models.CharField(_("court"), max_length=200)
    decision_no = models.CharField(_("decision number"), max_length=40, blank=True)
    decided_on = models.DateField(_("decided on"))
    review_on = models.DateField(_("review on"))
    status = models.CharField(
        _("status"), max_length=8, choices=enums.DecisionStatus.choices, default=enums.DecisionStatus.ACTIVE
    )
    closed_on = models.DateField(_("ended on"), null=True, blank=True)
    close_reason = models.CharField(_("why ended"), max_length=20, choices=enums.DecisionEnd.choices, blank=True)
    close_note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(USER, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-decided_on", "-created_at"]
        verbose_name = _("protection decision")
        verbose_name_plural = _("protection decisions")

    def __str__(self) -> str:
        return f"{self.child} {self.get_kind_display()}"


class FosterFamily(BaseModel):
    """A household approved to foster children, paid or volunteer, up to its capacity (`current` counts the
    children placed with it; a CHECK constraint holds it within the capacity)."""

    household = models.ForeignKey(Household, verbose_name=_("household"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=enums.FosterKind.choices)
    approved_on = models.DateField(_("approved on"))
    capacity = models.PositiveSmallIntegerField(_("children it may foster"))
    current = models.PositiveSmallIntegerField(_("children fostered"), default=0)
    active = models.BooleanField(_("active"), default=True)
    recorded_by = models.ForeignKey(USER, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-approved_on"]
        verbose_name = _("foster family")
        verbose_name_plural = _("foster families")
        constraints = [
            models.CheckConstraint(condition=Q(current__lte=F("capacity")), name="care_foster_not_over"),
            models.UniqueConstraint(fields=["household"], condition=Q(active=True), name="care_one_foster_family"),
        ]

    def __str__(self) -> str:
        return str(self.household)


class FosterPlacement(BaseModel):
    child = models.ForeignKey(Person, verbose_name=_("child"), on_delete=models.PROTECT, related_name="+")
    household = models.ForeignKey(
        Household, verbose_name=_("child's family"), on_delete=models.PROTECT, related_name="+"
    )
    family = models.ForeignKey(
        FosterFamily, verbose_name=_("foster family"), on_delete=models.PROTECT, related_name="placements"
    )
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_note = models.CharField(_("why ended"), max_length=300, blank=True)
    placed_by = models.ForeignKey(USER, verbose_name=_("placed by"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-started_on"]
        verbose_name = _("foster placement")
        verbose_name_plural = _("foster placements")
        constraints = [
            models.UniqueConstraint(fields=["child"], condition=Q(ended_on__isnull=True), name="care_one_foster_home"),
        ]


class AdoptionRecord(BaseModel):
    """An adoption: application → trial period → the court's decision. Not sealed, but read and written only with
    the adoption permission (care.view_adoptionrecord)."""

    child = models.ForeignKey(Person, verbose_name=_("child"), on_delete=models.PROTECT, related_name="+")
    household = models.ForeignKey(
        Household, verbose_name=_("child's family"), on_delete=models.PROTECT, related_name="+"
    )
    adoptive_household = models.ForeignKey(
        Household, verbose_name=_("adoptive family"), on_delete=models.PROTECT, related_name="+"
    )
    stage = models.CharField(
        _("stage"), max_length=12, choices=enums.AdoptionStage.choices, default=enums.AdoptionStage.APPLICATION
    )
    applied_on = models.DateField(_("applied on"))
    trial_from = models.DateField(_("trial period from"), null=True, blank=True)
    decided_on = models.DateField(_("court decision on"), null=True, blank=True)
    court = models.CharField(_("court"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(USER, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-applied_on"]
        verbose_name = _("adoption record")
        verbose_name_plural = _("adoption records")


class CrecheAllocation(BaseModel):
    """One of a private crèche's free places (its quota) given to a child the free crèche rule finds eligible."""

    creche = models.ForeignKey(
        Institution, verbose_name=_("crèche"), on_delete=models.PROTECT, related_name="free_places"
    )
    child = models.ForeignKey(Person, verbose_name=_("child"), on_delete=models.PROTECT, related_name="+")
    household = models.ForeignKey(Household, verbose_name=_("household"), on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    allocated_by = models.ForeignKey(USER, verbose_name=_("allocated by"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-started_on"]
        verbose_name = _("free crèche place")
        verbose_name_plural = _("free crèche places")
        constraints = [
            models.UniqueConstraint(fields=["child"], condition=Q(ended_on__isnull=True), name="care_one_free_creche"),
        ]
