"""The choices of aid records: what was given, for which need, how it is linked, duplicate flags."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class GiverKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    NGO = "ngo", _("Non-governmental organisation")
    PUBLIC_BODY = "public_body", _("Other public body")
    SYDV = "sydv", _("Social Assistance and Solidarity Foundation (SYDV)")
    MINISTRY = "ministry", _("Ministry")


class AidKind(models.TextChoices):
    CASH = "cash", _("Cash")
    FOOD = "food", _("Food")
    FUEL = "fuel", _("Fuel and heating")
    RENT = "rent", _("Rent")
    CLOTHING = "clothing", _("Clothing")
    EDUCATION = "education", _("Education")
    HEALTH = "health", _("Health")
    IN_KIND = "in_kind", _("Other in kind")


class NeedCategory(models.TextChoices):
    SUBSISTENCE = "subsistence", _("Basic needs")
    HOUSING = "housing", _("Housing")
    HEATING = "heating", _("Heating")
    EDUCATION = "education", _("Education")
    HEALTH = "health", _("Health")
    DISABILITY = "disability", _("Disability and care")
    EMERGENCY = "emergency", _("Emergency or disaster")
    OTHER = "other", _("Other need")


class LinkStatus(models.TextChoices):
    LINKED = "linked", _("Linked")
    PENDING = "pending", _("Awaiting record linkage")
    UNLINKED = "unlinked", _("Not linked")


class LinkMethod(models.TextChoices):
    NAMED = "named", _("Named by the giver")
    NATIONAL_ID = "national_id", _("TC Kimlik No")
    LINKAGE = "linkage", _("Record linkage")


class Channel(models.TextChoices):
    API = "api", _("API")
    FILE = "file", _("File upload")


class BatchStatus(models.TextChoices):
    REJECTED = "rejected", _("Rejected: the file has errors")
    IMPORTED = "imported", _("Imported")
    DUPLICATE_FILE = "duplicate_file", _("Same file already imported")


class FlagKind(models.TextChoices):
    TWO_GIVERS = "two_givers", _("Same kind of aid from two givers in the same period")
    TWO_HOUSEHOLDS = "two_households", _("Same person received it in two households")


class FlagStatus(models.TextChoices):
    OPEN = "open", _("Open")
    JUSTIFIED = "justified", _("Justified")
    RECOVERED = "recovered", _("Recovered")
    ERROR = "error", _("Recording error")
