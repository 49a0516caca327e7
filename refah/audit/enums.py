"""Vocabulary of the access log: why personal data was read, through which channel, and what kind of data."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessPurpose(models.TextChoices):
    """The purpose of a read (KVKK: personal data is processed only for a stated purpose)."""

    CASE_WORK = "case_work", _("Case work")
    COMMITTEE = "committee", _("Committee")
    PAYMENT = "payment", _("Payment")
    AUDIT = "audit", _("Audit")
    OWN_DATA = "own_data", _("Citizen's own data")
    REGISTRATION = "registration", _("Registration")


class AccessChannel(models.TextChoices):
    SCREEN = "screen", _("Screen")
    API = "api", _("API")
    PORTAL = "portal", _("Citizen portal")
    EXPORT = "export", _("Export")


class AccessKind(models.TextChoices):
    """What was read."""

    HOUSEHOLD = "household", _("Household record")
    HOUSEHOLD_LIST = "household_list", _("List of households")
    HOUSEHOLD_HISTORY = "household_history", _("Membership history")
    PERSON = "person", _("Person record")
    SEARCH = "search", _("Search results")
    DOCUMENT = "document", _("Private document")
    REPORT = "report", _("Social investigation report")
    EXPORT = "export", _("Export file")
    ACCESS_LOG = "access_log", _("Access log")
