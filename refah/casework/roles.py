"""Social-service permissions of the staff roles, added to refah.accounts.roles.ROLE_PERMISSIONS at start-up.

Referrals are everyone's business who meets a household: caseworkers, inspectors, social workers, ASDEP staff
and supervisors refer; social workers and supervisors work on the referrals sent to their services; supervisors
and administrators keep the catalogue of services. Managers and auditors read.
"""

from refah.accounts.enums import Role
from refah.accounts.roles import ROLE_PERMISSIONS

VIEW_SERVICE = "casework.view_service"
MANAGE_SERVICE = "casework.change_service"
VIEW_REFERRAL = "casework.view_referral"
ADD_REFERRAL = "casework.add_referral"
WORK_REFERRAL = "casework.change_referral"

CASEWORK_PERMISSIONS: dict[str, list[str]] = {
    Role.CASEWORKER: [VIEW_SERVICE, VIEW_REFERRAL, ADD_REFERRAL],
    Role.INSPECTOR: [VIEW_SERVICE, VIEW_REFERRAL, ADD_REFERRAL],
    Role.SOCIAL_WORKER: [VIEW_SERVICE, VIEW_REFERRAL, ADD_REFERRAL, WORK_REFERRAL],
    Role.ASDEP_WORKER: [VIEW_SERVICE, VIEW_REFERRAL, ADD_REFERRAL],
    Role.SUPERVISOR: [VIEW_SERVICE, MANAGE_SERVICE, "casework.add_service", VIEW_REFERRAL, ADD_REFERRAL, WORK_REFERRAL],
    Role.PROGRAM_MANAGER: [VIEW_SERVICE, VIEW_REFERRAL],
    Role.AUDITOR: [VIEW_SERVICE, VIEW_REFERRAL],
    Role.ADMIN: [VIEW_SERVICE, MANAGE_SERVICE, "casework.add_service", VIEW_REFERRAL, ADD_REFERRAL, WORK_REFERRAL],
}


def extend_role_permissions() -> None:
    """Add the casework permissions to each role (idempotent)."""
    for role, perms in CASEWORK_PERMISSIONS.items():
        current = ROLE_PERMISSIONS.setdefault(role, [])
        current.extend(perm for perm in perms if perm not in current)
