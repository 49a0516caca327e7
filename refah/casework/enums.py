"""The social services' choices, with translated labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProviderKind(models.TextChoices):
    """Who provides a service: the ministry's own units, or another institution a referral is sent to."""

    SHM = "shm", _("Social Service Centre (SHM)")
    SYDV = "sydv", _("Social Assistance and Solidarity Foundation (SYDV)")
    DIRECTORATE = "directorate", _("Provincial Directorate of Family and Social Services")
    SONIM = "sonim", _("Violence Prevention and Monitoring Centre (ŞÖNİM)")
    MUNICIPALITY = "municipality", _("Municipality")
    HEALTH = "health", _("Health institution")
    SCHOOL = "school", _("School")
    ISKUR = "iskur", _("Employment agency (İŞKUR)")
    NGO = "ngo", _("Non-governmental organisation")


class ServiceKind(models.TextChoices):
    """What a referral asks for. A kind in SEALED_KINDS is handed to the sealed services (women's protection):
    no ordinary record of it is kept anywhere (refah/casework/sealing.py)."""

    FAMILY_COUNSELLING = "family_counselling", _("Family counselling")
    PSYCHOSOCIAL_SUPPORT = "psychosocial_support", _("Psychosocial support")
    ADDICTION_SUPPORT = "addiction_support", _("Addiction awareness and support")
    CASE_MANAGEMENT = "case_management", _("Social work case management")
    CHILD_PROTECTION = "child_protection", _("Child protection")
    CHILD_CARE = "child_care", _("Child care (child homes, foster families)")
    CRECHE = "creche", _("Free crèche place")
    SED = "sed", _("Child socio-economic support (SED)")
    WOMEN_PROTECTION = "women_protection", _("Protection from violence (ŞÖNİM, women's shelter)")
    ELDERLY_CARE = "elderly_care", _("Elderly care (home, day care, elderly home)")
    DISABILITY_CARE = "disability_care", _("Disability care and rehabilitation")
    HOME_CARE = "home_care", _("Home care allowance")
    SOCIAL_AID = "social_aid", _("Social assistance (SYDV aid programs)")
    EMPLOYMENT = "employment", _("Employment (İŞKUR)")
    HEALTH = "health", _("Health services")
    EDUCATION = "education", _("School and education")
    HOUSING = "housing", _("Housing support (municipality)")
    VETERANS = "veterans", _("Martyrs' relatives and veterans services")
    NGO_SUPPORT = "ngo_support", _("NGO support")


SEALED_KINDS = frozenset({ServiceKind.WOMEN_PROTECTION})


class ReferralStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACCEPTED = "accepted", _("Accepted")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


REFERRAL_OPEN_STATUSES = (ReferralStatus.OPEN, ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS)


class ReferralSource(models.TextChoices):
    """Where a referral came from."""

    ASDEP_VISIT = "asdep_visit", _("ASDEP household visit")
    SHM_CASE = "shm_case", _("SHM case")
    COUNTER = "counter", _("Counter")
    INSTITUTION = "institution", _("Another institution")
    CARE = "care", _("Specialised services")
