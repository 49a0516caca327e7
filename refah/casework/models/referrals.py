"""The social services' shared records: the catalogue of services, the referrals between them and their history.

SHM case management, group programmes and the escalation of overdue referrals build on these (this app); ASDEP
visits, the specialised services with their capacities, the sealed women's services and the veterans' records
are the apps above (docs/casework.md).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from refah.accounts.models import Office
from refah.audit.actions import action_label
from refah.casework.enums import SEALED_KINDS, ProviderKind, ReferralSource, ReferralStatus, ServiceKind
from refah.common.models import BaseModel
from refah.geo.models import District, Province
from refah.registry.models import Household, Person


class Service(BaseModel):
    """A service one provider offers in an area: what a referral is sent to.

    The provider is one of Refah's offices (an SHM, an SYDV, the provincial directorate) or an institution outside
    Refah named in `provider_name` (a hospital, a school, İŞKUR, an NGO). Its area is a district, a province or
    the whole country, like an office's jurisdiction."""

    kind = models.CharField(_("kind of service"), max_length=32, choices=ServiceKind.choices)
    name = models.CharField(_("name"), max_length=200)
    provider_kind = models.CharField(_("provider"), max_length=20, choices=ProviderKind.choices)
    office = models.ForeignKey(
        Office, verbose_name=_("office"), null=True, blank=True, on_delete=models.PROTECT, related_name="services"
    )
    provider_name = models.CharField(_("institution"), max_length=200, blank=True)
    province = models.ForeignKey(Province, verbose_name=_("province"), null=True, blank=True, on_delete=models.PROTECT)
    district = models.ForeignKey(District, verbose_name=_("district"), null=True, blank=True, on_delete=models.PROTECT)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    days_to_answer = models.PositiveSmallIntegerField(_("days to answer a referral"), default=10)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(office__isnull=False) | ~models.Q(provider_name=""),
                name="casework_service_has_provider",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def sealed(self) -> bool:
        return self.kind in SEALED_KINDS


class Referral(BaseModel):
    """A household (or one member) sent to a service, with an owner and a deadline; overdue ones escalate."""

    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.PROTECT, related_name="service_referrals"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="service_referrals",
    )
    service = models.ForeignKey(Service, verbose_name=_("service"), on_delete=models.PROTECT, related_name="referrals")
    status = models.CharField(
        _("status"), max_length=16, choices=ReferralStatus.choices, default=ReferralStatus.OPEN, db_index=True
    )
    source = models.CharField(_("source"), max_length=20, choices=ReferralSource.choices)
    source_ref = models.CharField(_("source reference"), max_length=64, blank=True)
    reason = models.TextField(_("reason"))
    from_office = models.ForeignKey(
        Office, verbose_name=_("referred by office"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("referred by"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="owned_service_referrals",
    )
    deadline = models.DateField(_("deadline"))
    escalation_level = models.PositiveSmallIntegerField(_("escalation level"), default=0)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    # Why the service declined it (it is back with the referrer), and the API's Idempotency-Key of its creation.
    declined_reason = models.TextField(_("why declined"), blank=True)
    idempotency_key = models.CharField(_("idempotency key"), max_length=100, null=True, blank=True)

    class Meta:
        ordering = ["deadline", "created_at"]
        verbose_name = _("service referral")
        verbose_name_plural = _("service referrals")
        indexes = [models.Index(fields=["status", "deadline"], name="casework_referral_due")]
        permissions = [("reassign_referral", "Can reassign a referral to another worker")]
        constraints = [
            models.UniqueConstraint(
                fields=["referred_by", "idempotency_key"],
                condition=models.Q(idempotency_key__isnull=False),
                name="casework_one_referral_per_idempotency_key",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service} ← {self.household_id}"


class ReferralStep(BaseModel):
    """One step of a referral's history: accepted, started, done, declined, sent again, cancelled, reassigned,
    escalated. `action` is the audit action's value; the audit trail holds the same step with its before/after."""

    referral = models.ForeignKey(Referral, verbose_name=_("referral"), on_delete=models.CASCADE, related_name="steps")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=64)
    from_status = models.CharField(_("from"), max_length=16, choices=ReferralStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=ReferralStatus.choices, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("referral step")
        verbose_name_plural = _("referral steps")

    @property
    def label(self) -> str:
        return action_label(self.action)
