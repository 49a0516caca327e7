"""The social services' records: the catalogue and referrals (shared with the apps above), SHM cases and group
programmes (docs/casework.md)."""

from refah.casework.models.cases import Assessment, FollowUp, Goal, InterventionPlan, Session, SocialCase
from refah.casework.models.groups import Attendance, Enrolment, GroupProgramme, GroupSession
from refah.casework.models.referrals import Referral, ReferralStep, Service

__all__ = [
    "Assessment",
    "Attendance",
    "Enrolment",
    "FollowUp",
    "Goal",
    "GroupProgramme",
    "GroupSession",
    "InterventionPlan",
    "Referral",
    "ReferralStep",
    "Service",
    "Session",
    "SocialCase",
]
