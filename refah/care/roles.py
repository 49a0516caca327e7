"""Specialised-service permissions of the staff roles, added to refah.accounts.roles.ROLE_PERMISSIONS at start-up.

Social workers and supervisors place and discharge, answer offers, and record children's decisions, foster families
and free crèche places; caseworkers and ASDEP staff add people to the waiting lists from a referral; supervisors
keep the institutions; managers and auditors read. Adoption records need their own permission (supervisors).
"""

from refah.accounts.enums import Role
from refah.accounts.roles import ROLE_PERMISSIONS

VIEW = "care.view_institution"
MANAGE = "care.change_institution"
WAIT = "care.add_waitingentry"
PLACE = "care.add_placement"
CHILDREN_VIEW = "care.view_protectiondecision"
CHILDREN = "care.add_protectiondecision"
ADOPTION = "care.view_adoptionrecord"
_ALL = [VIEW, MANAGE, WAIT, PLACE, CHILDREN_VIEW, CHILDREN, ADOPTION]

CARE_PERMISSIONS: dict[str, list[str]] = {
    Role.CASEWORKER: [VIEW, WAIT],
    Role.INSPECTOR: [VIEW],
    Role.ASDEP_WORKER: [VIEW, WAIT],
    Role.SOCIAL_WORKER: [VIEW, WAIT, PLACE, CHILDREN_VIEW, CHILDREN],
    Role.SUPERVISOR: _ALL,
    Role.PROGRAM_MANAGER: [VIEW, CHILDREN_VIEW],
    Role.AUDITOR: [VIEW, CHILDREN_VIEW],
    Role.ADMIN: _ALL,
}


def extend_role_permissions() -> None:
    """Add the care permissions to each role (idempotent)."""
    for role, perms in CARE_PERMISSIONS.items():
        current = ROLE_PERMISSIONS.setdefault(role, [])
        current.extend(perm for perm in perms if perm not in current)
