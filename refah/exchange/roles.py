"""Exchange permissions of the staff roles, added to refah.accounts.roles.ROLE_PERMISSIONS at start-up."""

from refah.accounts.enums import Role
from refah.accounts.roles import ROLE_PERMISSIONS

_VIEW = ["exchange.view_sources"]
_REFRESH = ["exchange.refresh_sources", "exchange.change_discrepancy"]
EXCHANGE_PERMISSIONS: dict[str, list[str]] = {
    Role.CASEWORKER: _VIEW + _REFRESH,
    Role.INSPECTOR: _VIEW + _REFRESH,
    Role.COMMITTEE_MEMBER: _VIEW,
    Role.PROGRAM_MANAGER: _VIEW,
    Role.AUDITOR: _VIEW,
    Role.ADMIN: _VIEW + _REFRESH,
}


def extend_role_permissions() -> None:
    """Add the exchange permissions to each role (idempotent)."""
    for role, perms in EXCHANGE_PERMISSIONS.items():
        current = ROLE_PERMISSIONS.setdefault(role, [])
        current.extend(perm for perm in perms if perm not in current)
