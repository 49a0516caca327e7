"""Group programmes: family education, pre-marriage education, financial literacy for women; their sessions,
enrolments (never beyond capacity) and attendance."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from refah.accounts.models import Office
from refah.casework.enums import AttendanceStatus, ProgrammeKind
from refah.common.models import BaseModel
from refah.geo.models import District, Province
from refah.registry.models import Household, Person


class GroupProgramme(BaseModel):
    """A group programme of an office; its area (the office's district or province) decides who sees it."""

    kind = models.CharField(_("kind"), max_length=24, choices=ProgrammeKind.choices)
    office = models.ForeignKey(Office, verbose_name=_("office"), on_delete=models.PROTECT, related_name="programmes")
    province = models.ForeignKey(Province, verbose_name=_("province"), null=True, on_delete=models.PROTECT)
    district = models.ForeignKey(District, verbose_name=_("district"), null=True, blank=True, on_delete=models.PROTECT)
    title = models.CharField(_("title"), max_length=200)
    place = models.CharField(_("place"), max_length=200, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    capacity = models.PositiveSmallIntegerField(_("capacity"))
    completion_percent = models.PositiveSmallIntegerField(_("attendance needed to complete (%)"), default=75)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["-starts_on", "title"]
        verbose_name = _("group programme")
        verbose_name_plural = _("group programmes")
        constraints = [
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="casework_programme_capacity"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="casework_programme_dates"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class GroupSession(BaseModel):
    programme = models.ForeignKey(
        GroupProgramme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="sessions"
    )
    date = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=200)

    class Meta:
        ordering = ["date", "created_at"]
        verbose_name = _("group session")
        verbose_name_plural = _("group sessions")


class Enrolment(BaseModel):
    programme = models.ForeignKey(
        GroupProgramme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="enrolments"
    )
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="enrolments")
    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.PROTECT, related_name="programme_enrolments"
    )
    enrolled_on = models.DateField(_("enrolled on"))

    class Meta:
        ordering = ["enrolled_on", "created_at"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["programme", "person"], name="casework_one_enrolment_per_person"),
        ]


class Attendance(BaseModel):
    session = models.ForeignKey(
        GroupSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="attendance"
    )
    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE, related_name="attendance"
    )
    status = models.CharField(_("attendance"), max_length=8, choices=AttendanceStatus.choices)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "enrolment"], name="casework_one_attendance_per_session"),
        ]
