from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Being made")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class SurveyChannel(models.TextChoices):
    PORTAL = "portal", _("Citizen portal")
    SMS = "sms", _("SMS link")


class DecisionOutcome(models.TextChoices):
    """What the decision gave the household, as the survey's answers are grouped (no finer: they stay anonymous)."""

    APPROVED = "approved", _("Aid granted")
    REFUSED = "refused", _("Aid refused")
    MIXED = "mixed", _("Granted in part")
