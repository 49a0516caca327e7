"""Committee permissions of the staff roles, added to refah.accounts.roles.ROLE_PERMISSIONS at start-up."""

from refah.accounts.enums import Role
from refah.accounts.roles import ROLE_PERMISSIONS

_VIEW = ["committees.view_committee", "committees.view_committeemember", "committees.view_meeting"]
_MANAGE_COMMITTEES = [
    "committees.add_committee",
    "committees.change_committee",
    "committees.add_committeemember",
    "committees.change_committeemember",
]
COMMITTEE_PERMISSIONS: dict[str, list[str]] = {
    # The board's members run their own meeting: the chair opens it, the secretary records hands.
    Role.COMMITTEE_MEMBER: _VIEW + ["committees.manage_meeting", "committees.cast_vote"],
    Role.ADMIN: _VIEW + _MANAGE_COMMITTEES + ["committees.manage_meeting", "committees.view_deviation"],
    Role.AUDITOR: _VIEW + ["committees.view_deviation"],
    Role.PROGRAM_MANAGER: _VIEW + ["committees.view_deviation"],
}


def extend_role_permissions() -> None:
    """Add the committee permissions to each role (idempotent)."""
    for role, perms in COMMITTEE_PERMISSIONS.items():
        current = ROLE_PERMISSIONS.setdefault(role, [])
        current.extend(perm for perm in perms if perm not in current)
