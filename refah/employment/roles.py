"""Employment permissions of the staff roles, added to refah.accounts.roles.ROLE_PERMISSIONS at start-up.

Caseworkers refer members to İŞKUR, record offers, answers and placements and decide whether a refusal had a
valid reason; the others read. The follow-up figures (referred, placed, still in work) are for managers,
analysts and auditors too.
"""

from refah.accounts.enums import Role
from refah.accounts.roles import ROLE_PERMISSIONS

VIEW = "employment.view_referral"
FOLLOWUP = "employment.view_followup"
_WORK = [
    "employment.add_referral",
    "employment.add_offer",
    "employment.decide_refusal",
    "employment.add_placement",
]
EMPLOYMENT_PERMISSIONS: dict[str, list[str]] = {
    Role.CASEWORKER: [VIEW, FOLLOWUP, *_WORK],
    Role.INSPECTOR: [VIEW],
    Role.COMMITTEE_MEMBER: [VIEW],
    Role.PROGRAM_MANAGER: [VIEW, FOLLOWUP],
    Role.ANALYST: [FOLLOWUP],
    Role.AUDITOR: [VIEW, FOLLOWUP],
    Role.ADMIN: [VIEW, FOLLOWUP, *_WORK],
}


def extend_role_permissions() -> None:
    """Add the employment permissions to each role (idempotent)."""
    for role, perms in EMPLOYMENT_PERMISSIONS.items():
        current = ROLE_PERMISSIONS.setdefault(role, [])
        current.extend(perm for perm in perms if perm not in current)
