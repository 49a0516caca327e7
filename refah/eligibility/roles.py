"""Eligibility permissions of the staff roles, added to refah.accounts.roles.ROLE_PERMISSIONS at start-up."""

from refah.accounts.enums import Role
from refah.accounts.roles import ROLE_PERMISSIONS

_VIEW = ["eligibility.view_determination", "eligibility.view_parametervalue", "eligibility.view_customprogram"]
_MANAGE = [
    "eligibility.propose_parameter",
    "eligibility.approve_parameter",
    "eligibility.propose_custom_program",
    "eligibility.approve_custom_program",
    "eligibility.run_simulation",
]
ELIGIBILITY_PERMISSIONS: dict[str, list[str]] = {
    Role.CASEWORKER: ["eligibility.view_determination"],
    Role.INSPECTOR: ["eligibility.view_determination"],
    Role.COMMITTEE_MEMBER: ["eligibility.view_determination"],
    Role.PROGRAM_MANAGER: _VIEW + _MANAGE,
    Role.ANALYST: _VIEW + ["eligibility.run_simulation"],
    Role.AUDITOR: _VIEW,
    Role.ADMIN: _VIEW,
}


def extend_role_permissions() -> None:
    """Add the eligibility permissions to each role (idempotent)."""
    for role, perms in ELIGIBILITY_PERMISSIONS.items():
        current = ROLE_PERMISSIONS.setdefault(role, [])
        current.extend(perm for perm in perms if perm not in current)
