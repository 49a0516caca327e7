"""Aid card permissions of the staff roles, added to refah.accounts.roles.ROLE_PERMISSIONS at start-up."""

from refah.accounts.enums import Role
from refah.accounts.roles import ROLE_PERMISSIONS

_VIEW = [
    "aidcard.view_card",
    "aidcard.view_purse",
    "aidcard.view_merchant",
    "aidcard.view_terminal",
    "aidcard.view_marketitem",
]
AIDCARD_PERMISSIONS: dict[str, list[str]] = {
    Role.CASEWORKER: _VIEW
    + ["aidcard.issue_card", "aidcard.block_card", "aidcard.unblock_card_pin", "aidcard.market_checkout"],
    Role.FINANCE: _VIEW
    + [
        "aidcard.issue_card",
        "aidcard.block_card",
        "aidcard.unblock_card_pin",
        "aidcard.manage_merchants",
        "aidcard.manage_market",
    ],
    Role.PROGRAM_MANAGER: _VIEW,
    Role.AUDITOR: _VIEW,
    Role.ADMIN: _VIEW
    + [
        "aidcard.issue_card",
        "aidcard.block_card",
        "aidcard.unblock_card_pin",
        "aidcard.manage_merchants",
        "aidcard.manage_market",
        "aidcard.market_checkout",
    ],
}


def extend_role_permissions() -> None:
    """Add the aid card permissions to each role (idempotent)."""
    for role, perms in AIDCARD_PERMISSIONS.items():
        current = ROLE_PERMISSIONS.setdefault(role, [])
        current.extend(perm for perm in perms if perm not in current)
