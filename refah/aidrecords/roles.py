"""Aid record permissions of the staff roles, added to refah.accounts.roles.ROLE_PERMISSIONS at start-up.

An office giving aid (a municipality, an NGO) sends its records with the caseworker role; caseworkers see the
aid of the households of their jurisdiction and resolve duplicate aid flags.
"""

from refah.accounts.enums import Role
from refah.accounts.roles import ROLE_PERMISSIONS

_VIEW = ["aidrecords.view_aidrecord", "aidrecords.view_duplicateflag"]
AIDRECORDS_PERMISSIONS: dict[str, list[str]] = {
    Role.CASEWORKER: _VIEW
    + ["aidrecords.add_aidrecord", "aidrecords.resolve_duplicateflag", "aidrecords.add_giverreport"],
    Role.INSPECTOR: _VIEW,
    Role.COMMITTEE_MEMBER: ["aidrecords.view_aidrecord"],
    Role.PROGRAM_MANAGER: _VIEW + ["aidrecords.add_giverreport"],
    Role.AUDITOR: _VIEW,
    Role.ADMIN: _VIEW
    + [
        "aidrecords.add_aidrecord",
        "aidrecords.resolve_duplicateflag",
        "aidrecords.add_giverreport",
    ],
}


def extend_role_permissions() -> None:
    """Add the aid record permissions to each role (idempotent)."""
    for role, perms in AIDRECORDS_PERMISSIONS.items():
        current = ROLE_PERMISSIONS.setdefault(role, [])
        current.extend(perm for perm in perms if perm not in current)
