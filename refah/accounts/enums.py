from django.db import models
from django.utils.translation import gettext_lazy as _


class OfficeKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministry (national)")
    SYDV = "sydv", _("Social Assistance and Solidarity Foundation (SYDV)")
    SHM = "shm", _("Social Service Centre (SHM)")
    MUNICIPALITY = "municipality", _("Municipality")
    NGO = "ngo", _("Non-governmental organisation")
    DIRECTORATE = "directorate", _("Provincial Directorate of Family and Social Services")


class Role(models.TextChoices):
    """Staff roles; each is a Django group of the same name with real permissions."""

    CASEWORKER = "caseworker", _("Caseworker")
    INSPECTOR = "inspector", _("Social aid inspector")
    COMMITTEE_MEMBER = "committee_member", _("Committee member")
    PROGRAM_MANAGER = "program_manager", _("Program manager")
    FINANCE = "finance", _("Finance officer")
    ANALYST = "analyst", _("Analyst")
    AUDITOR = "auditor", _("Auditor")
    ADMIN = "admin", _("Administrator")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    ASDEP_WORKER = "asdep_worker", _("ASDEP family support staff")
    SUPERVISOR = "supervisor", _("Social services supervisor")
