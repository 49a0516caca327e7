"""Record linkage permissions of the staff roles, added to refah.accounts.roles.ROLE_PERMISSIONS at start-up.

Caseworkers review uncertain links and undo wrong ones; whoever brings other institutions' records in
(caseworkers, program managers, finance) may link them; auditors read."""

from refah.accounts.enums import Role
from refah.accounts.roles import ROLE_PERMISSIONS

_VIEW = ["linkage.view_link", "linkage.view_linkreview"]
_DECIDE = ["linkage.decide_linkreview", "linkage.undo_link"]
LINKAGE_PERMISSIONS: dict[str, list[str]] = {
    Role.CASEWORKER: [*_VIEW, *_DECIDE, "linkage.add_link"],
    Role.PROGRAM_MANAGER: [*_VIEW, "linkage.add_link"],
    Role.FINANCE: ["linkage.add_link"],
    Role.AUDITOR: _VIEW,
    Role.ADMIN: [*_VIEW, *_DECIDE, "linkage.add_link"],
}


def extend_role_permissions() -> None:
    """Add the linkage permissions to each role (idempotent)."""
    for role, perms in LINKAGE_PERMISSIONS.items():
        current = ROLE_PERMISSIONS.setdefault(role, [])
        current.extend(perm for perm in perms if perm not in current)
