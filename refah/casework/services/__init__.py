"""Writes of the social services' records: each checks permission and jurisdiction, runs in one transaction and
leaves an audit record."""

from refah.casework.services.case_steps import (
    case_follow_up,
    follow_up_record,
    goal_add,
    goal_update,
    plan_record,
    plan_start,
    session_add,
    session_record,
)
from refah.casework.services.cases import assessment_record, case_assign, case_close, case_open
from refah.casework.services.catalogue import service_create, service_update, services_seed
from refah.casework.services.escalation import referrals_escalate
from refah.casework.services.groups import attendance_record, enrol, group_session_add, programme_create
from refah.casework.services.referral_work import (
    referral_accept,
    referral_cancel,
    referral_decline,
    referral_done,
    referral_reassign,
    referral_resend,
    referral_start,
)
from refah.casework.services.referrals import referral_create

__all__ = [
    "assessment_record",
    "attendance_record",
    "case_assign",
    "case_close",
    "case_follow_up",
    "case_open",
    "enrol",
    "follow_up_record",
    "goal_add",
    "goal_update",
    "group_session_add",
    "plan_record",
    "plan_start",
    "programme_create",
    "referral_accept",
    "referral_cancel",
    "referral_create",
    "referral_decline",
    "referral_done",
    "referral_reassign",
    "referral_resend",
    "referral_start",
    "referrals_escalate",
    "service_create",
    "service_update",
    "services_seed",
    "session_add",
    "session_record",
]
