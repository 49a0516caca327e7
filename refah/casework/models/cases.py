"""SHM case management: a social case of a household, its assessment, intervention plan with goals, sessions and
appointments, follow-ups and closure (docs/casework.md)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from refah.accounts.models import Office
from refah.casework.enums import (
    CaseOutcome,
    CaseStatus,
    GoalStatus,
    NeedArea,
    NeedLevel,
    RiskLevel,
    SessionKind,
    SessionStatus,
)
from refah.casework.models.referrals import Referral
from refah.common.models import BaseModel
from refah.registry.models import Household, Person


class SocialCase(BaseModel):
    """A household's case at an SHM: opened from a referral or at intake, worked by one social worker."""

    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.PROTECT, related_name="social_cases"
    )
    persons = models.ManyToManyField(Person, verbose_name=_("persons concerned"), related_name="social_cases")
    office = models.ForeignKey(Office, verbose_name=_("office"), on_delete=models.PROTECT, related_name="social_cases")
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("social worker"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="social_cases",
    )
    referral = models.ForeignKey(
        Referral,
        verbose_name=_("opened from referral"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="social_cases",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.INTAKE, db_index=True
    )
    reason = models.TextField(_("reason for the case"))
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=CaseOutcome.choices, blank=True)
    outcome_note = models.TextField(_("outcome, in words"), blank=True)

    class Meta:
        ordering = ["-opened_on", "-created_at"]
        verbose_name = _("social case")
        verbose_name_plural = _("social cases")
        permissions = [
            ("assign_socialcase", "Can assign social cases to social workers"),
            ("view_caseload", "Can see the caseloads of the social workers"),
            ("view_counts", "Can see the counts of social services"),
        ]

    def __str__(self) -> str:
        return f"{self.household_id} ({self.get_status_display()})"


class Assessment(BaseModel):
    """The assessment of a case: the level of need in each area, strengths, risks and a written summary."""

    case = models.ForeignKey(SocialCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="assessments")
    needs = models.JSONField(_("needs by area"), default=dict)  # {NeedArea: NeedLevel}
    strengths = models.TextField(_("strengths"), blank=True)
    risks = models.TextField(_("risks"), blank=True)
    risk_level = models.CharField(_("risk level"), max_length=8, choices=RiskLevel.choices, default=RiskLevel.LOW)
    summary = models.TextField(_("summary"))
    assessed_on = models.DateField(_("assessed on"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assessed by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-assessed_on", "-created_at"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")

    @property
    def needs_labelled(self) -> list[tuple[str, str]]:
        """(area, level) as words, in the areas' order; areas not assessed left out."""
        return [
            (area.label, NeedLevel(self.needs[area.value]).label)
            for area in NeedArea
            if self.needs.get(area.value) in NeedLevel.values
        ]


class InterventionPlan(BaseModel):
    case = models.OneToOneField(SocialCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="plan")
    summary = models.TextField(_("plan"))
    agreed_on = models.DateField(_("agreed with the family on"))
    review_on = models.DateField(_("review on"))

    class Meta:
        verbose_name = _("intervention plan")
        verbose_name_plural = _("intervention plans")


class Goal(BaseModel):
    plan = models.ForeignKey(InterventionPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="goals")
    text = models.CharField(_("goal"), max_length=300)
    target_date = models.DateField(_("target date"))
    status = models.CharField(_("status"), max_length=16, choices=GoalStatus.choices, default=GoalStatus.OPEN)
    achieved_on = models.DateField(_("achieved on"), null=True, blank=True)

    class Meta:
        ordering = ["target_date", "created_at"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")


class Session(BaseModel):
    """A session or appointment of a case; its notes are personal data (read through the case's access function)."""

    case = models.ForeignKey(SocialCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(_("kind"), max_length=24, choices=SessionKind.choices)
    scheduled_at = models.DateTimeField(_("scheduled at"))
    status = models.CharField(
        _("status"), max_length=12, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED
    )
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["scheduled_at"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")


class FollowUp(BaseModel):
    """A follow-up after the plan's work is done: due on a day, done with a note."""

    case = models.ForeignKey(SocialCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="follow_ups")
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["due_on"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
