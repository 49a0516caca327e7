"""The reports app's stored records: long reports made in the background, and the satisfaction survey.

Indicator figures, maps and booklets are computed from the other apps' data; what is stored here is only what
cannot be recomputed: a report made for someone (with its file), and the citizens' survey answers."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from refah.common.models import BaseModel
from refah.reports import enums


class ReportJob(BaseModel):
    """A long report (booklet, map, open-data file) made by the background worker, with its progress and file.

    Only the person who asked sees it (jobs.py); the file is kept under MEDIA_ROOT/reports/."""

    kind = models.CharField(_("report"), max_length=40)
    params = models.JSONField(_("parameters"), default=dict)
    language = models.CharField(_("language"), max_length=8, default="tr")
    status = models.CharField(
        _("status"), max_length=10, choices=enums.JobStatus.choices, default=enums.JobStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    stage = models.CharField(_("stage"), max_length=200, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to="reports/%Y/%m/", blank=True)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="report_progress_at_most_100"),
        ]
        indexes = [models.Index(fields=["requested_by", "created_at"])]
        permissions = [
            ("view_dashboard", "Can view the strategic plan's indicators"),
            ("drilldown", "Can open the records behind an indicator's figure"),
            ("edit_targets", "Can set the indicators' targets"),
            ("view_riskmap", "Can view the social risk maps"),
            ("make_booklet", "Can make the province booklet"),
            ("export_opendata", "Can export aggregate data"),
            ("view_surveys", "Can view the satisfaction survey's results"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.created_at:%Y-%m-%d %H:%M}"


class SurveyInvitation(BaseModel):
    """The one invitation to the satisfaction and fairness survey after a decision (an application's decision round).

    The link's token is stored only as its SHA-256; `answered` says whether it was used, and nothing leads from an
    invitation to its answer (SurveyResponse carries no link back and no time finer than the month)."""

    application = models.ForeignKey("cases.Application", on_delete=models.PROTECT, related_name="+")
    decision_round = models.PositiveSmallIntegerField(_("decision round"))
    token_hash = models.CharField(max_length=64, unique=True)
    district = models.ForeignKey("geo.District", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    # the decision's month: the answer is filed under it (and its year), so it holds nothing the invitation lacks
    month = models.PositiveSmallIntegerField(_("month"), default=1)
    outcome = models.CharField(_("decision"), max_length=10, choices=enums.DecisionOutcome.choices)
    offered_at = models.DateTimeField(_("offered at"))
    expires_on = models.DateField(_("answer by"))
    answered = models.BooleanField(_("answered"), default=False)

    class Meta:
        ordering = ["-offered_at"]
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        constraints = [
            models.UniqueConstraint(fields=["application", "decision_round"], name="one_survey_per_decision"),
            models.CheckConstraint(condition=Q(month__gte=1, month__lte=12), name="survey_invitation_month_1_12"),
        ]
        indexes = [models.Index(fields=["year", "district"])]

    def __str__(self) -> str:
        return f"{self.application_id} {self.decision_round}"


class SurveyResponse(models.Model):
    """One anonymous answer: the area, year and month, the decision's kind and the two scores (1–5), nothing more.

    Not a BaseModel on purpose: no creation time to match against the invitation's, a random key."""

    id = models.UUIDField(primary_key=True, editable=False)
    district = models.ForeignKey("geo.District", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    outcome = models.CharField(_("decision"), max_length=10, choices=enums.DecisionOutcome.choices)
    channel = models.CharField(_("channel"), max_length=8, choices=enums.SurveyChannel.choices)
    satisfaction = models.PositiveSmallIntegerField(_("satisfaction (1–5)"))
    fairness = models.PositiveSmallIntegerField(_("fairness (1–5)"))

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        constraints = [
            models.CheckConstraint(
                condition=Q(satisfaction__gte=1, satisfaction__lte=5), name="survey_satisfaction_1_5"
            ),
            models.CheckConstraint(condition=Q(fairness__gte=1, fairness__lte=5), name="survey_fairness_1_5"),
            models.CheckConstraint(condition=Q(month__gte=1, month__lte=12), name="survey_month_1_12"),
        ]
        indexes = [models.Index(fields=["year", "district"])]

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d}"


from refah.reports.kpi.models import Indicator, IndicatorFigure, IndicatorTarget  # noqa: E402, F401  (the app's models)
from refah.reports.opendata.models import OpenDataRelease, OpenDataRow  # noqa: E402, F401  (open data: opendata/)
