"""The specialised services' choices, with translated labels (the kinds of institution are in kinds.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InstitutionKind(models.TextChoices):
    CHILD_HOME = "child_home", _("Child home")
    CHILD_HOME_SITE = "child_home_site", _("Child home site")
    CHILD_SUPPORT_CENTRE = "child_support_centre", _("Child support centre (ÇODEM)")
    CARE_REHAB_CENTRE = "care_rehab_centre", _("Care and rehabilitation centre")
    UMUT_EVI = "umut_evi", _("Umut Evi (hope house)")
    ELDERLY_HOME = "elderly_home", _("Elderly home")
    ELDERLY_DAY_CENTRE = "elderly_day_centre", _("Elderly day-care centre")
    PRIVATE_CARE_CENTRE = "private_care_centre", _("Private care centre")
    PRIVATE_CRECHE = "private_creche", _("Private crèche and day-care centre")


class Ownership(models.TextChoices):
    PUBLIC = "public", _("Public (the directorate)")
    PRIVATE = "private", _("Private operator")


class CareMode(models.TextChoices):
    DAY = "day", _("Day care")
    RESIDENTIAL = "residential", _("Residential")


class Population(models.TextChoices):
    CHILDREN = "children", _("Children")
    ELDERLY = "elderly", _("Elderly persons")
    DISABLED = "disabled", _("Persons with disabilities")


class WaitingStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    OFFERED = "offered", _("Place offered")
    PLACED = "placed", _("Placed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


WAITING_OPEN = (WaitingStatus.WAITING, WaitingStatus.OFFERED)


class DischargeReason(models.TextChoices):
    RETURNED_HOME = "returned_home", _("Returned home")
    MOVED = "moved", _("Moved to another institution")
    DIED = "died", _("Died")
    FOSTER = "foster", _("Placed with a foster family")
    ADOPTED = "adopted", _("Adopted")
    CAME_OF_AGE = "came_of_age", _("Came of age")
    OTHER = "other", _("Other")


class DecisionKind(models.TextChoices):
    """Protective and supportive measures of Law 5395 art. 5, and the protection decision of Law 2828."""

    PROTECTION = "protection", _("Protection (koruma), Law 2828")
    CARE = "care", _("Care (bakım), Law 5395 art. 5/1-c")
    COUNSELLING = "counselling", _("Counselling, Law 5395 art. 5/1-a")
    EDUCATION = "education", _("Education, Law 5395 art. 5/1-b")
    HEALTH = "health", _("Health, Law 5395 art. 5/1-d")
    SHELTER = "shelter", _("Shelter, Law 5395 art. 5/1-e")


class DecisionStatus(models.TextChoices):
    ACTIVE = "active", _("In force")
    CLOSED = "closed", _("Ended")


class DecisionEnd(models.TextChoices):
    RETURNED_WITH_SED = "returned_with_sed", _("Returned to the family with SED")
    RETURNED = "returned", _("Returned to the family")
    ADOPTED = "adopted", _("Adopted")
    CAME_OF_AGE = "came_of_age", _("Came of age")
    COURT_LIFTED = "court_lifted", _("Lifted by the court")
    OTHER = "other", _("Other")


class FosterKind(models.TextChoices):
    PAID = "paid", _("Paid foster family")
    VOLUNTEER = "volunteer", _("Volunteer foster family")


class AdoptionStage(models.TextChoices):
    APPLICATION = "application", _("Application")
    TRIAL = "trial", _("Trial period")
    DECIDED = "decided", _("Court decision")
    CLOSED = "closed", _("Closed without adoption")
