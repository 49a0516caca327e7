"""Social-service permissions of the staff roles, added to refah.accounts.roles.ROLE_PERMISSIONS at start-up.

Referrals are everyone's business who meets a household: caseworkers, inspectors, social workers, ASDEP staff
and supervisors refer; social workers and supervisors work on the referrals sent to their services, work SHM cases
and run group programmes; supervisors see the caseloads, (re)assign cases and referrals and keep the catalogue of
services with the administrators. Managers and auditors read; analysts see only counts.
"""

from refah.accounts.enums import Role
from refah.accounts.roles import ROLE_PERMISSIONS

VIEW_SERVICE = "casework.view_service"
MANAGE_SERVICE = "casework.change_service"
ADD_SERVICE = "casework.add_service"
VIEW_REFERRAL = "casework.view_referral"
ADD_REFERRAL = "casework.add_referral"
WORK_REFERRAL = "casework.change_referral"
REASSIGN_REFERRAL = "casework.reassign_referral"
VIEW_CASE = "casework.view_socialcase"
ADD_CASE = "casework.add_socialcase"
WORK_CASE = "casework.change_socialcase"
ASSIGN_CASE = "casework.assign_socialcase"
VIEW_CASELOAD = "casework.view_caseload"
VIEW_COUNTS = "casework.view_counts"
VIEW_PROGRAMME = "casework.view_groupprogramme"
ADD_PROGRAMME = "casework.add_groupprogramme"
WORK_PROGRAMME = "casework.change_groupprogramme"

_REFER = [VIEW_SERVICE, VIEW_REFERRAL, ADD_REFERRAL]
_READ = [VIEW_SERVICE, VIEW_REFERRAL, VIEW_CASE, VIEW_PROGRAMME, VIEW_COUNTS]
_WORK = [*_REFER, WORK_REFERRAL, VIEW_CASE, ADD_CASE, WORK_CASE, VIEW_PROGRAMME, ADD_PROGRAMME, WORK_PROGRAMME]
_SUPERVISE = [*_WORK, REASSIGN_REFERRAL, ASSIGN_CASE, VIEW_CASELOAD, VIEW_COUNTS, MANAGE_SERVICE, ADD_SERVICE]

CASEWORK_PERMISSIONS: dict[str, list[str]] = {
    Role.CASEWORKER: _REFER,
    Role.INSPECTOR: _REFER,
    Role.SOCIAL_WORKER: [*_WORK, VIEW_COUNTS],
    Role.ASDEP_WORKER: [*_REFER, VIEW_PROGRAMME],
    Role.SUPERVISOR: _SUPERVISE,
    Role.PROGRAM_MANAGER: _READ,
    Role.AUDITOR: _READ,
    Role.ANALYST: [VIEW_COUNTS],
    Role.ADMIN: _SUPERVISE,
}


def extend_role_permissions() -> None:
    """Add the casework permissions to each role (idempotent)."""
    for role, perms in CASEWORK_PERMISSIONS.items():
        current = ROLE_PERMISSIONS.setdefault(role, [])
        current.extend(perm for perm in perms if perm not in current)
