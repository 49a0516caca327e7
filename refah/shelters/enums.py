"""The sealed services' choices (women's shelters and ŞÖNİM), with translated labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    SONIM = "sonim", _("Violence Prevention and Monitoring Centre (ŞÖNİM)")
    SHELTER = "shelter", _("Women's shelter")


class UnitRole(models.TextChoices):
    """A named member's role in a unit: staff work on its records; unit supervisors also read its sealed audit,
    get its break-glass alerts and keep its address."""

    STAFF = "staff", _("Staff")
    SUPERVISOR = "supervisor", _("Unit supervisor")


class CaseSource(models.TextChoices):
    REFERRAL = "referral", _("Referral from another service")
    WALK_IN = "walk_in", _("Applied at the unit")
    ALO_183 = "alo_183", _("ALO 183 social support line")
    LAW_ENFORCEMENT = "law_enforcement", _("Police or gendarmerie")


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    LETHAL = "lethal", _("Life in danger")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ClosureReason(models.TextChoices):
    SAFE = "safe", _("Violence ended, the person is safe")
    MOVED = "moved", _("Moved to another province's ŞÖNİM")
    DECLINED = "declined", _("The person declined the services")
    UNREACHABLE = "unreachable", _("The person could not be reached")


class OrderKind(models.TextChoices):
    """Protective (Law 6284 art. 4) and preventive (art. 5) measures."""

    SHELTER = "shelter", _("A suitable place to stay (shelter)")
    FINANCIAL_AID = "financial_aid", _("Temporary financial aid")
    GUIDANCE = "guidance", _("Psychological, vocational, legal and social guidance")
    TEMPORARY_PROTECTION = "temporary_protection", _("Temporary protection (life in danger)")
    DAYCARE = "daycare", _("Crèche place for the children")
    CONFIDENTIALITY = "confidentiality", _("Identity and address kept confidential")
    REMOVAL = "removal", _("Perpetrator removed from the shared home")
    NO_APPROACH = "no_approach", _("Perpetrator must not approach the protected person")
    NO_CONTACT = "no_contact", _("Perpetrator must not contact the protected person")
    WEAPONS = "weapons", _("Perpetrator's weapons handed over")


class OrderIssuer(models.TextChoices):
    GOVERNOR = "governor", _("Governor")
    JUDGE = "judge", _("Family court judge")
    LAW_ENFORCEMENT = "law_enforcement", _("Law-enforcement chief (emergency)")


class ReferralTo(models.TextChoices):
    """Where a protection case refers the person (recorded inside the sealed case, never as an ordinary referral)."""

    SHM = "shm", _("Social Service Centre (SHM)")
    HEALTH = "health", _("Health institution")
    LEGAL_AID = "legal_aid", _("Bar association's legal aid")
    EMPLOYMENT = "employment", _("Employment agency (İŞKUR)")
    EDUCATION = "education", _("School and education")
    SOCIAL_AID = "social_aid", _("Social assistance (SYDV)")
    OTHER = "other", _("Another institution")


class AlertKind(models.TextChoices):
    INTAKE = "intake", _("New intake")
    BREAK_GLASS = "break_glass", _("Break-glass access")
