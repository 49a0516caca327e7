"""Payments permissions of the staff roles, added to refah.accounts.roles.ROLE_PERMISSIONS at start-up."""

from refah.accounts.enums import Role
from refah.accounts.roles import ROLE_PERMISSIONS

_VIEW = [
    "payments.view_paymentcycle",
    "payments.view_entitlement",
    "payments.view_paymentbatch",
    "payments.view_paymentline",
    "payments.view_warehouse",
    "payments.view_delivery",
]
_FINANCE = [
    "payments.compute_cycle",
    "payments.create_batch",
    "payments.approve_batch",
    "payments.export_batch",
    "payments.reconcile",
    "payments.manage_stock",
    "payments.add_payeeaccount",
    "payments.view_payeeaccount",
]
PAYMENTS_PERMISSIONS: dict[str, list[str]] = {
    Role.FINANCE: _VIEW + _FINANCE,
    Role.AUDITOR: _VIEW,
    Role.ADMIN: _VIEW,
    Role.CASEWORKER: ["payments.view_entitlement", "payments.view_delivery"],
}


def extend_role_permissions() -> None:
    """Add the payments permissions to each role (idempotent)."""
    for role, perms in PAYMENTS_PERMISSIONS.items():
        current = ROLE_PERMISSIONS.setdefault(role, [])
        current.extend(perm for perm in perms if perm not in current)
