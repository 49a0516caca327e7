"""ASDEP's choices, with translated labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RoundStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class VisitOutcome(models.TextChoices):
    """What happened at the door. Nobody home on the first try plans a second try."""

    VISITED = "visited", _("Visited")
    NOBODY_HOME = "nobody_home", _("Nobody home")
    REFUSED = "refused", _("Refused the visit")
    MOVED = "moved", _("Moved away")


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Unknown")


class Severity(models.TextChoices):
    """How urgent a risk found is: sets the order a referral is worked in, not whether it is made."""

    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High (urgent)")


SEVERITY_ORDER = {Severity.LOW: 1, Severity.MEDIUM: 2, Severity.HIGH: 3}


class ProposalReason(models.TextChoices):
    """Why the registry's data marks a household as likely at risk (the next round visits it first)."""

    ELDERLY_ALONE = "elderly_alone", _("Elderly person living alone")
    DISABLED_WITHOUT_CARE = "disabled_without_care", _("Disabled member without care")
    CHILD_OUT_OF_SCHOOL = "child_out_of_school", _("Child of compulsory school age out of school")


# How much each reason weighs in the ranking of proposals (a household with several adds them up).
PROPOSAL_WEIGHTS = {
    ProposalReason.DISABLED_WITHOUT_CARE: 3,
    ProposalReason.ELDERLY_ALONE: 2,
    ProposalReason.CHILD_OUT_OF_SCHOOL: 2,
}
