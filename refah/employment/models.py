"""Employment: members referred to İŞKUR, the jobs and courses offered with their answers, placements, sanctions.

Every record names the household the person belonged to when it was made; that household's district decides
who may see it (accounts.selectors.jurisdiction_q through `household__`).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from refah.cases.models import Application
from refah.common.models import BaseModel
from refah.employment import enums
from refah.employment.reasons import RefusalReason
from refah.registry.models import Household, Person

USER = settings.AUTH_USER_MODEL


class Referral(BaseModel):
    """A member the office referred to İŞKUR as able to work; İŞKUR registers them as a job seeker."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="referrals")
    household = models.ForeignKey(Household, verbose_name=_("household"), on_delete=models.PROTECT, related_name="+")
    referred_on = models.DateField(_("referred on"))
    referred_by = models.ForeignKey(USER, verbose_name=_("referred by"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=12, choices=enums.ReferralStatus.choices, default=enums.ReferralStatus.WAITING
    )
    iskur_registered_on = models.DateField(_("registered with İŞKUR on"), null=True, blank=True)
    jobseeker_ref = models.CharField(_("İŞKUR job seeker number"), max_length=40, blank=True)
    iskur_error = models.CharField(_("İŞKUR's last error"), max_length=300, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    close_reason = models.CharField(_("why closed"), max_length=300, blank=True)
    synced_at = models.DateTimeField(_("last asked İŞKUR"), null=True, blank=True)

    class Meta:
        ordering = ["-referred_on", "-created_at"]
        verbose_name = _("referral to İŞKUR")
        verbose_name_plural = _("referrals to İŞKUR")
        permissions = [("view_followup", "Can see the employment follow-up figures")]
        constraints = [
            models.UniqueConstraint(fields=["person"], condition=Q(closed_on__isnull=True), name="one_open_referral")
        ]
        indexes = [models.Index(fields=["referred_on"])]

    def __str__(self) -> str:
        return f"{self.person} {self.referred_on:%Y-%m-%d}"


class Sanction(BaseModel):
    """The household's regular aid reduced for a year after a member's third refusal without a valid reason.

    How much is withheld each month is the rulebook's (eligibility/work_sanction.py); the rules read the sanction's
    month through the employment app's reading (readings.py). An objection upheld cancels it.
    """

    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.PROTECT, related_name="work_sanctions"
    )
    person = models.ForeignKey(Person, verbose_name=_("person who refused"), on_delete=models.PROTECT, related_name="+")
    decided_on = models.DateField(_("decided on"))
    decided_by = models.ForeignKey(USER, verbose_name=_("decided by"), on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField(_("starts on"))  # the first day of the month after the decision
    status = models.CharField(
        _("status"), max_length=10, choices=enums.SanctionStatus.choices, default=enums.SanctionStatus.ACTIVE
    )
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)
    cancel_note = models.TextField(_("why cancelled"), blank=True)
    application = models.ForeignKey(
        Application,
        verbose_name=_("case of the objection"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["-starts_on", "-created_at"]
        verbose_name = _("sanction for refusing work")
        verbose_name_plural = _("sanctions for refusing work")
        indexes = [models.Index(fields=["household", "starts_on"])]

    def __str__(self) -> str:
        return f"{self.household} {self.starts_on:%Y-%m}"


class Offer(BaseModel):
    """A job or a course offered to a referred person, and the answer: accepted, or refused with a reason from the
    catalogue whose validity the caseworker decides."""

    referral = models.ForeignKey(Referral, verbose_name=_("referral"), on_delete=models.PROTECT, related_name="offers")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="job_offers")
    household = models.ForeignKey(Household, verbose_name=_("household"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=8, choices=enums.OfferKind.choices)
    source = models.CharField(_("source"), max_length=8, choices=enums.Source.choices)
    iskur_ref = models.CharField(_("İŞKUR reference"), max_length=60, blank=True)
    title = models.CharField(_("job or course"), max_length=200)
    employer = models.CharField(_("employer or course provider"), max_length=200)
    workplace = models.CharField(_("workplace"), max_length=200, blank=True)
    distance_km = models.PositiveIntegerField(_("distance (km)"), null=True, blank=True)
    monthly_wage_kurus = models.BigIntegerField(_("monthly wage (kuruş)"), null=True, blank=True)
    offered_on = models.DateField(_("offered on"))
    answer_by = models.DateField(_("answer by"))
    recorded_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    answer = models.CharField(_("answer"), max_length=10, choices=enums.Answer.choices, default=enums.Answer.PENDING)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    answered_by_person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    answer_channel = models.CharField(
        _("answered through"), max_length=8, choices=enums.AnswerChannel.choices, blank=True
    )
    refusal_reason = models.CharField(
        _("reason for refusing"), max_length=16, choices=RefusalReason.choices, blank=True
    )
    refusal_note = models.TextField(_("the person's words"), blank=True)
    validity = models.CharField(_("validity of the reason"), max_length=8, choices=enums.Validity.choices, blank=True)
    validity_note = models.TextField(_("caseworker's justification"), blank=True)
    validity_decided_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    validity_decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    sanction = models.ForeignKey(
        Sanction, verbose_name=_("sanction"), null=True, blank=True, on_delete=models.PROTECT, related_name="refusals"
    )
    reported_at = models.DateTimeField(_("answer told to İŞKUR at"), null=True, blank=True)

    class Meta:
        ordering = ["-offered_on", "-created_at"]
        verbose_name = _("job or course offer")
        verbose_name_plural = _("job and course offers")
        permissions = [("decide_refusal", "Can decide whether a refusal had a valid reason")]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "iskur_ref"], condition=~Q(iskur_ref=""), name="one_offer_per_iskur_ref"
            ),
            models.CheckConstraint(condition=Q(answer_by__gte=models.F("offered_on")), name="offer_answer_after_offer"),
        ]
        indexes = [models.Index(fields=["person", "offered_on"]), models.Index(fields=["offered_on", "kind"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.employer})"


class Placement(BaseModel):
    """A person in work through İŞKUR: employer, wage, start and end, and the employer's premium support."""

    referral = models.ForeignKey(
        Referral, verbose_name=_("referral"), null=True, blank=True, on_delete=models.PROTECT, related_name="placements"
    )
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="placements")
    household = models.ForeignKey(Household, verbose_name=_("household"), on_delete=models.PROTECT, related_name="+")
    offer = models.OneToOneField(
        Offer, verbose_name=_("offer"), null=True, blank=True, on_delete=models.PROTECT, related_name="placement"
    )
    source = models.CharField(_("source"), max_length=8, choices=enums.Source.choices)
    iskur_ref = models.CharField(_("İŞKUR reference"), max_length=60, blank=True)
    employer = models.CharField(_("employer"), max_length=200)
    monthly_wage_kurus = models.BigIntegerField(_("monthly wage (kuruş)"), null=True, blank=True)
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("left on"), null=True, blank=True)
    end_reason = models.CharField(_("why it ended"), max_length=16, choices=enums.EndReason.choices, blank=True)
    premium_support = models.BooleanField(_("employer premium support"), default=False)
    premium_support_until = models.DateField(_("premium support until"), null=True, blank=True)
    recorded_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-started_on", "-created_at"]
        verbose_name = _("placement in work")
        verbose_name_plural = _("placements in work")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "iskur_ref"], condition=~Q(iskur_ref=""), name="one_placement_per_iskur_ref"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="placement_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["person", "started_on"]), models.Index(fields=["started_on"])]

    def __str__(self) -> str:
        return f"{self.person} {self.employer} {self.started_on:%Y-%m-%d}"
