"""Case permissions of the staff roles, added to refah.accounts.roles.ROLE_PERMISSIONS at start-up."""

from refah.accounts.enums import Role
from refah.accounts.roles import ROLE_PERMISSIONS

_VIEW = ["cases.view_application", "cases.view_visit", "cases.view_document", "cases.view_programdecision"]
_INTAKE = [
    "cases.add_application",
    "cases.change_application",
    "cases.add_document",
    "cases.assign_visit",
    "cases.send_to_committee",
    "cases.handle_objection",
]
CASES_PERMISSIONS: dict[str, list[str]] = {
    Role.CASEWORKER: _VIEW + _INTAKE,
    # Inspectors record the assets they see through the registry's asset_record, hence add_asset.
    Role.INSPECTOR: _VIEW + ["cases.record_visit", "cases.add_document", "registry.add_asset"],
    Role.COMMITTEE_MEMBER: _VIEW + ["cases.record_decision"],
    Role.PROGRAM_MANAGER: ["cases.view_application", "cases.view_programdecision"],
    Role.FINANCE: ["cases.view_application", "cases.view_programdecision"],
    Role.AUDITOR: _VIEW,
    Role.ADMIN: _VIEW + _INTAKE + ["cases.record_decision"],
}


def extend_role_permissions() -> None:
    """Add the case permissions to each role (idempotent)."""
    for role, perms in CASES_PERMISSIONS.items():
        current = ROLE_PERMISSIONS.setdefault(role, [])
        current.extend(perm for perm in perms if perm not in current)
