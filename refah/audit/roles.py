"""Access-log permission of the staff roles, added to refah.accounts.roles.ROLE_PERMISSIONS at start-up."""

from refah.accounts.enums import Role
from refah.accounts.roles import ROLE_PERMISSIONS

AUDIT_PERMISSIONS: dict[str, list[str]] = {
    Role.AUDITOR: ["audit.view_accessevent"],
    Role.ADMIN: ["audit.view_accessevent"],
}


def extend_role_permissions() -> None:
    """Add the access-log permission to the auditor and the administrator (idempotent)."""
    for role, perms in AUDIT_PERMISSIONS.items():
        current = ROLE_PERMISSIONS.setdefault(role, [])
        current.extend(perm for perm in perms if perm not in current)
