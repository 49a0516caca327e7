"""Choice lists of the institutions' data exchange. Values are stable codes stored in the call log and records."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    """The institutions asked, by the registry's DataSource code (TKGM's records are the registry's "tapu")."""

    NVI = "nvi", _("Population register (NVİ)")
    SGK = "sgk", _("SGK (social security)")
    ISKUR = "iskur", _("İŞKUR")
    TKGM = "tapu", _("Land registry (TKGM)")
    EGM = "egm", _("Vehicle registry (EGM)")
    MEB = "meb", _("e-Okul (MEB)")
    HEALTH = "health", _("Ministry of Health")
    GIB = "gib", _("Revenue administration (GİB)")


class CallOutcome(models.TextChoices):
    OK = "ok", _("Answered")
    NOT_FOUND = "not_found", _("Person not known to the institution")
    CLIENT_ERROR = "client_error", _("Request refused by the institution")
    SERVER_ERROR = "server_error", _("Institution's server error")
    TIMEOUT = "timeout", _("No answer in time")
    MALFORMED = "malformed", _("Answer not understood")
    CIRCUIT_OPEN = "circuit_open", _("Not asked: the institution is failing")


class BreakerState(models.TextChoices):
    CLOSED = "closed", _("Working")
    OPEN = "open", _("Failing: not asked until the pause ends")
    HALF_OPEN = "half_open", _("Being tried again")


class CheckStatus(models.TextChoices):
    OK = "ok", _("Checked")
    WAITING = "waiting", _("Waiting: the institution did not answer, retried")
    FAILED = "failed", _("Failed")


class DiscrepancyStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved")


class CallPurpose(models.TextChoices):
    """Why institutions' data was pulled (KVKK: sent with every call, kept in the call log)."""

    APPLICATION = "application", _("Application assessment")
    REVIEW = "review", _("Periodic review of a beneficiary")
    CASE_WORK = "case_work", _("Case work")
    AUDIT = "audit", _("Audit")
