"""Screens of the social services (thin: parse a form, call one service or selector, render)."""

from refah.casework.views.cases import case_detail, case_list, case_open, caseload
from refah.casework.views.groups import enrol, programme_add, programme_detail, programme_list
from refah.casework.views.referrals import (
    household_panel,
    refer,
    referral_detail,
    referral_list,
    service_add,
    service_edit,
    service_list,
)

__all__ = [
    "case_detail",
    "case_list",
    "case_open",
    "caseload",
    "enrol",
    "household_panel",
    "programme_add",
    "programme_detail",
    "programme_list",
    "refer",
    "referral_detail",
    "referral_list",
    "service_add",
    "service_edit",
    "service_list",
]
