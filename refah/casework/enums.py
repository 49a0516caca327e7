"""The social services' choices, with translated labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


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
# The kinds the specialised services (refah.care) answer with a waiting list and a placement.
CARE_KINDS = frozenset(
    {ServiceKind.ELDERLY_CARE, ServiceKind.DISABILITY_CARE, ServiceKind.CHILD_CARE, ServiceKind.CHILD_PROTECTION}
)


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


# Where a referral stands for the escalation: open with the service, or declined and back with the referrer (who
# must send it elsewhere or cancel it): nothing falls between two offices.
REFERRAL_PENDING_STATUSES = (*REFERRAL_OPEN_STATUSES, ReferralStatus.DECLINED)


class CaseStatus(models.TextChoices):
    """An SHM case: intake → assessment → plan → in progress → follow-up → closed."""

    INTAKE = "intake", _("Intake")
    ASSESSMENT = "assessment", _("Assessment")
    PLAN = "plan", _("Intervention plan")
    IN_PROGRESS = "in_progress", _("In progress")
    FOLLOW_UP = "follow_up", _("Follow-up")
    CLOSED = "closed", _("Closed")


CASE_OPEN_STATUSES = tuple(s for s in CaseStatus if s != CaseStatus.CLOSED)


class NeedArea(models.TextChoices):
    """The areas an assessment looks at (the ASDEP checklist's areas, plus family relations)."""

    HEALTH = "health", _("Health")
    DISABILITY = "disability", _("Disability")
    ELDERLY_CARE = "elderly_care", _("Elderly care")
    SCHOOLING = "schooling", _("Children's schooling")
    VIOLENCE = "violence", _("Violence")
    ADDICTION = "addiction", _("Addiction")
    HOUSING = "housing", _("Housing")
    INCOME = "income", _("Income")
    PSYCHOSOCIAL = "psychosocial", _("Psychosocial needs")
    FAMILY_RELATIONS = "family_relations", _("Family relations")


class NeedLevel(models.TextChoices):
    NONE = "none", _("No need")
    SOME = "some", _("Some need")
    SERIOUS = "serious", _("Serious need")


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class GoalStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACHIEVED = "achieved", _("Achieved")
    NOT_ACHIEVED = "not_achieved", _("Not achieved")
    DROPPED = "dropped", _("Dropped")


class SessionKind(models.TextChoices):
    FAMILY_COUNSELLING = "family_counselling", _("Family counselling")
    PSYCHOSOCIAL_SUPPORT = "psychosocial_support", _("Psychosocial support")
    ADDICTION_AWARENESS = "addiction_awareness", _("Addiction-awareness training")
    HOME_VISIT = "home_visit", _("Home visit")
    PHONE_FOLLOW_UP = "phone_follow_up", _("Phone follow-up")


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    MISSED = "missed", _("Missed")
    CANCELLED = "cancelled", _("Cancelled")


class CaseOutcome(models.TextChoices):
    GOALS_ACHIEVED = "goals_achieved", _("Goals achieved")
    PARTLY_ACHIEVED = "partly_achieved", _("Goals partly achieved")
    REFERRED_ON = "referred_on", _("Referred to another service")
    MOVED_AWAY = "moved_away", _("Moved away")
    DECLINED_SERVICES = "declined_services", _("The family declined the services")
    NO_CONTACT = "no_contact", _("No contact could be made")
    NO_NEED = "no_need", _("No need for social services")


class ProgrammeKind(models.TextChoices):
    FAMILY_EDUCATION = "family_education", _("Family education")
    PRE_MARRIAGE = "pre_marriage", _("Pre-marriage education")
    FINANCIAL_LITERACY = "financial_literacy", _("Financial literacy for women")
    OTHER = "other", _("Other group programme")


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", pgettext_lazy("group attendance", "Present")
    ABSENT = "absent", pgettext_lazy("group attendance", "Absent")
    EXCUSED = "excused", pgettext_lazy("group attendance", "Excused")
