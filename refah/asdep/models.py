"""ASDEP's records: visit rounds planned by neighbourhood, two-person teams, household visits with the risk
checklist's answers, and the risks each visit found with the referrals they made.

Nothing of the violence area is kept here: it goes to the sealed hand-over only (refah/asdep/checklist.py).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from refah.accounts.models import Office
from refah.asdep.enums import RoundStatus, Severity, VisitOutcome
from refah.casework.models import Referral
from refah.common.models import BaseModel
from refah.geo.models import Neighbourhood
from refah.registry.models import Household, Person


class Round(BaseModel):
    """A visit round of an SYDV's ASDEP teams over one or more neighbourhoods of its district, in a period."""

    office = models.ForeignKey(Office, verbose_name=_("office"), on_delete=models.PROTECT, related_name="asdep_rounds")
    name = models.CharField(_("name"), max_length=200)
    neighbourhoods = models.ManyToManyField(Neighbourhood, verbose_name=_("neighbourhoods"), related_name="+")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    status = models.CharField(_("status"), max_length=12, choices=RoundStatus.choices, default=RoundStatus.PLANNED)
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("planned by"), on_delete=models.PROTECT, related_name="+"
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("ASDEP round")
        verbose_name_plural = _("ASDEP rounds")
        permissions = [
            ("plan_round", "Can plan ASDEP visit rounds"),
            ("view_proposal", "Can see the households proposed for ASDEP visits"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="asdep_round_dates")
        ]

    def __str__(self) -> str:
        return self.name


class Team(BaseModel):
    """Two ASDEP workers who visit together."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="teams")
    number = models.PositiveSmallIntegerField(_("team"))
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("members"), related_name="asdep_teams")

    class Meta:
        ordering = ["round", "number"]
        constraints = [models.UniqueConstraint(fields=["round", "number"], name="asdep_team_number")]

    def __str__(self) -> str:
        return f"{self.round} / {self.number}"


class Visit(BaseModel):
    """One planned call at a household; recorded once, with its outcome (a second try is a new visit)."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="visits")
    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.PROTECT, related_name="visits")
    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.PROTECT, related_name="asdep_visits"
    )
    planned_on = models.DateField(_("planned on"))
    attempt = models.PositiveSmallIntegerField(_("try"), default=1)
    first_try = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="second_try")
    proposal_reasons = models.JSONField(_("why proposed"), default=list, blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=VisitOutcome.choices, blank=True)
    visited_on = models.DateField(_("visited on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # the checklist's answers by question code, the sealed area's never among them
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)
    record_key = models.CharField(max_length=100, blank=True)  # the Idempotency-Key it was recorded under
    record_hash = models.CharField(max_length=64, blank=True)  # and the request it carried

    class Meta:
        ordering = ["planned_on", "created_at"]
        verbose_name = _("ASDEP visit")
        verbose_name_plural = _("ASDEP visits")
        permissions = [("record_visit", "Can record ASDEP visits")]
        indexes = [models.Index(fields=["household", "visited_on"], name="asdep_visit_household")]

    def __str__(self) -> str:
        return f"{self.household_id} {self.planned_on}"

    @property
    def recorded(self) -> bool:
        return bool(self.outcome)


class Risk(BaseModel):
    """A risk a visit found in one area of the checklist, with its severity, the member concerned, and the
    referrals it made (one per service kind; none where no service of the kind covers the district)."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="risks")
    area = models.CharField(_("area"), max_length=20)
    severity = models.CharField(_("severity"), max_length=8, choices=Severity.choices)
    person = models.ForeignKey(
        Person, verbose_name=_("member concerned"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    referrals = models.ManyToManyField(Referral, verbose_name=_("referrals"), related_name="+", blank=True)
    unreferred_kinds = models.JSONField(_("kinds without a service"), default=list, blank=True)

    class Meta:
        ordering = ["visit", "area"]
        permissions = [("view_riskprofile", "Can read households' ASDEP risk profiles")]
        constraints = [models.UniqueConstraint(fields=["visit", "area"], name="asdep_one_risk_per_area")]

    def __str__(self) -> str:
        return f"{self.visit_id} {self.area}"
