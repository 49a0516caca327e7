from django.db import models
from django.utils.translation import gettext_lazy as _


class LinkMethod(models.TextChoices):
    EXACT = "exact", _("Same identity number")
    PROBABLE = "probable", _("Probable match")
    CLERICAL = "clerical", _("Decided by a clerk")


class ReviewStatus(models.TextChoices):
    OPEN = "open", _("Waiting for review")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class Outcome(models.TextChoices):
    """What became of one record given to records_link()."""

    LINKED = "linked", _("Linked")
    REVIEW = "review", _("Sent to review")
    NONE = "none", _("No match")
