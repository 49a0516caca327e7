"""The sealed services' records: units (ŞÖNİM, women's shelters) with their named staff, protection cases with
their notes, protective orders, shelter stays and referrals out, break-glass grants and the units' alerts.

Nothing here is read outside refah.shelters' selectors, which show a record only to the staff named in its unit
(or to a break-glass reader, for a short time); a shelter's address is kept in `SealedUnit.address` alone and
shown to that shelter's named staff only (docs/shelters.md).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from refah.common.models import BaseModel
from refah.geo.models import District, Province
from refah.registry.models import Household, Person
from refah.shelters.enums import (
    AlertKind,
    CaseSource,
    CaseStatus,
    ClosureReason,
    OrderIssuer,
    OrderKind,
    ReferralTo,
    RiskLevel,
    UnitKind,
    UnitRole,
)

USER = settings.AUTH_USER_MODEL


class SealedUnit(BaseModel):
    """A ŞÖNİM or a women's shelter of a province. Its address is confidential: only its named staff see it."""

    kind = models.CharField(_("kind of unit"), max_length=16, choices=UnitKind.choices)
    name = models.CharField(_("name"), max_length=200)
    province = models.ForeignKey(Province, verbose_name=_("province"), on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey(
        District, verbose_name=_("district"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    capacity = models.PositiveSmallIntegerField(_("capacity (places)"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)

    # Snapshots for the audit trail never hold the address (docs/shelters.md).
    AUDITED_FIELDS = ["id", "kind", "name", "province", "district", "capacity", "active"]

    class Meta:
        ordering = ["province_id", "kind", "name"]
        verbose_name = _("sealed unit")
        verbose_name_plural = _("sealed units")
        default_permissions = ("add", "change", "view")
        permissions = [
            ("named_staff", _("Named in a sealed unit (given only by naming)")),
            ("name_staff", _("Name staff in sealed units")),
            ("break_glass", _("Open a protection case by break-glass, with a written reason")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=UnitKind.SHELTER) | Q(capacity__gte=1), name="shelters_shelter_has_capacity"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class SealedMember(BaseModel):
    """A user named in a unit (staff or unit supervisor), by whom and when; ended rather than deleted."""

    unit = models.ForeignKey(SealedUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="members")
    user = models.ForeignKey(USER, verbose_name=_("user"), on_delete=models.PROTECT, related_name="sealed_memberships")
    role = models.CharField(_("role in the unit"), max_length=16, choices=UnitRole.choices)
    added_by = models.ForeignKey(
        USER, verbose_name=_("named by"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    ended_at = models.DateTimeField(_("no longer named since"), null=True, blank=True)
    ended_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["unit", "-role", "created_at"]
        verbose_name = _("named member")
        verbose_name_plural = _("named members")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "user"], condition=Q(ended_at__isnull=True), name="shelters_member_once"
            ),
        ]


class ProtectionCase(BaseModel):
    """A ŞÖNİM case: the person at risk, where it came from, the risk, and its closure (Law 6284)."""

    unit = models.ForeignKey(SealedUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="cases")
    reference = models.CharField(_("case number"), max_length=16, unique=True)
    person = models.ForeignKey(
        Person, verbose_name=_("person at risk"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    household = models.ForeignKey(
        Household, verbose_name=_("household"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    person_label = models.CharField(_("name as given"), max_length=200, blank=True)
    opened_on = models.DateField(_("opened on"))
    opened_by = models.ForeignKey(
        USER, verbose_name=_("opened by"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(_("source"), max_length=20, choices=CaseSource.choices)
    source_ref = models.CharField(_("source reference"), max_length=64, blank=True)
    intake_reason = models.TextField(_("reason for the intake"))
    risk_level = models.CharField(_("risk level"), max_length=10, choices=RiskLevel.choices, default=RiskLevel.MEDIUM)
    status = models.CharField(_("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closure_reason = models.CharField(_("reason for closure"), max_length=16, choices=ClosureReason.choices, blank=True)
    closure_note = models.TextField(_("closure note"), blank=True)

    class Meta:
        ordering = ["-opened_on", "-created_at"]
        verbose_name = _("protection case")
        verbose_name_plural = _("protection cases")
        default_permissions = ()

    def __str__(self) -> str:
        return self.reference

    @property
    def person_name(self) -> str:
        return self.person.full_name if self.person_id else self.person_label


class CaseNote(BaseModel):
    case = models.ForeignKey(ProtectionCase, on_delete=models.PROTECT, related_name="notes")
    author = models.ForeignKey(USER, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("note"))

    class Meta:
        ordering = ["-created_at"]
        default_permissions = ()


class ProtectiveOrder(BaseModel):
    """A protective or preventive measure ordered under Law 6284 (art. 4, 5), at most six months at a time (art. 8)."""

    case = models.ForeignKey(ProtectionCase, on_delete=models.PROTECT, related_name="orders")
    kind = models.CharField(_("measure"), max_length=24, choices=OrderKind.choices)
    issuer = models.CharField(_("issued by"), max_length=16, choices=OrderIssuer.choices)
    issued_on = models.DateField(_("issued on"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-starts_on", "-created_at"]
        default_permissions = ()


class ShelterStay(BaseModel):
    """The person (with her children) staying in a shelter; places taken = 1 + children, never above capacity."""

    case = models.ForeignKey(ProtectionCase, on_delete=models.PROTECT, related_name="stays")
    shelter = models.ForeignKey(SealedUnit, verbose_name=_("shelter"), on_delete=models.PROTECT, related_name="stays")
    children = models.PositiveSmallIntegerField(_("children staying with her"), default=0)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    end_note = models.TextField(_("note on leaving"), blank=True)
    placed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-started_on", "-created_at"]
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(fields=["case"], condition=Q(ended_on__isnull=True), name="shelters_one_open_stay"),
        ]

    @property
    def places(self) -> int:
        return 1 + self.children


class CaseReferral(BaseModel):
    """A referral out of a protection case (to an SHM, health, legal aid…), kept inside the sealed case."""

    case = models.ForeignKey(ProtectionCase, on_delete=models.PROTECT, related_name="referrals_out")
    to_kind = models.CharField(_("referred to"), max_length=16, choices=ReferralTo.choices)
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    reason = models.TextField(_("reason"))
    made_on = models.DateField(_("referred on"))
    made_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-made_on", "-created_at"]
        default_permissions = ()


class BreakGlass(BaseModel):
    """A break-glass read of one case by someone not named: the written reason, until when it holds."""

    case = models.ForeignKey(ProtectionCase, on_delete=models.PROTECT, related_name="break_glasses")
    user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"))
    expires_at = models.DateTimeField(_("until"))

    class Meta:
        ordering = ["-created_at"]
        default_permissions = ()


class SealedAlert(BaseModel):
    """An alert of a unit: a new intake (for its staff) or a break-glass (for its supervisors)."""

    unit = models.ForeignKey(SealedUnit, on_delete=models.PROTECT, related_name="alerts")
    kind = models.CharField(_("alert"), max_length=16, choices=AlertKind.choices)
    case = models.ForeignKey(ProtectionCase, null=True, on_delete=models.PROTECT, related_name="+")
    break_glass = models.ForeignKey(BreakGlass, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    read_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        default_permissions = ()

    @property
    def for_supervisors(self) -> bool:
        return self.kind == AlertKind.BREAK_GLASS
