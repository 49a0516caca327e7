"""The choices of the employment app: referrals, offers and their answers, placements, sanctions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReferralStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting for İŞKUR")
    REGISTERED = "registered", _("Registered with İŞKUR")
    CLOSED = "closed", _("Closed")


class OfferKind(models.TextChoices):
    JOB = "job", _("Job")
    COURSE = "course", _("Course")


class Source(models.TextChoices):
    ISKUR = "iskur", _("İŞKUR")
    OFFICE = "office", _("Recorded by the office")


class Answer(models.TextChoices):
    PENDING = "pending", _("Awaiting the answer")
    ACCEPTED = "accepted", _("Accepted")
    REFUSED = "refused", _("Refused")


class AnswerChannel(models.TextChoices):
    OFFICE = "office", _("At the office")
    PORTAL = "portal", _("Citizen portal")
    API = "api", _("API")


class Validity(models.TextChoices):
    PENDING = "pending", _("Awaiting the caseworker's decision")
    VALID = "valid", _("Valid reason")
    INVALID = "invalid", _("No valid reason")


class EndReason(models.TextChoices):
    RESIGNED = "resigned", _("Left the job")
    DISMISSED = "dismissed", _("Dismissed")
    CONTRACT_ENDED = "contract_ended", _("Contract ended")
    OTHER = "other", _("Other")


class SanctionStatus(models.TextChoices):
    ACTIVE = "active", _("In force")
    CANCELLED = "cancelled", _("Cancelled on objection")
