"""Choice lists of cases. Values are stable codes used by the API and the audit trail."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    COUNTER = "counter", _("At the counter")
    PORTAL = "portal", _("Citizen portal (e-Devlet)")
    API = "api", _("Partner institution (API)")


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    UNDER_INVESTIGATION = "under_investigation", _("Under investigation")
    AWAITING_COMMITTEE = "awaiting_committee", _("Awaiting the committee")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    DEFERRED = "deferred", _("Deferred")
    OBJECTED = "objected", _("Objection filed")
    RE_EXAMINATION = "re_examination", _("Re-examination")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CLOSED = "closed", _("Closed")


class Outcome(models.TextChoices):
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    DEFERRED = "deferred", _("Deferred")


class VisitKind(models.TextChoices):
    FIRST = "first", _("First investigation")
    RE_INVESTIGATION = "re_investigation", _("Re-investigation")
    RE_EXAMINATION = "re_examination", _("Re-examination after an objection")


class VisitStatus(models.TextChoices):
    ASSIGNED = "assigned", _("Assigned")
    DONE = "done", _("Recorded")
    CANCELLED = "cancelled", _("Cancelled")


class LivingConditions(models.TextChoices):
    GOOD = "good", _("Good")
    FAIR = "fair", _("Fair")
    POOR = "poor", _("Poor")
    VERY_POOR = "very_poor", _("Very poor")


class DocumentType(models.TextChoices):
    IDENTITY = "identity", _("Identity card copy")
    DISABILITY_REPORT = "disability_report", _("Health board (disability) report")
    INCOME_STATEMENT = "income_statement", _("Income statement")
    RENTAL_CONTRACT = "rental_contract", _("Rental contract")
    STUDENT_CERTIFICATE = "student_certificate", _("Student certificate")
    DEATH_CERTIFICATE = "death_certificate", _("Death certificate of the spouse or parent")
    BIRTH_CERTIFICATE = "birth_certificate", _("Birth certificate")
    OTHER = "other", _("Other")
    VISIT_PHOTO = "visit_photo", _("Photo from the household visit")


class ObjectionStatus(models.TextChoices):
    FILED = "filed", _("Filed")
    IN_REVIEW = "in_review", _("In re-examination")
    DECIDED = "decided", _("Decided")
