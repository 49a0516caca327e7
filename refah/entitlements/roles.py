"""Entitlements permissions of the staff roles, added to refah.accounts.roles.ROLE_PERMISSIONS at start-up.

Caseworkers of the SYDV record veterans and martyrs' relatives, grant their entitlements and deliver travel cards
at the counter; supervisors of the provincial directorate (and administrators) run the card issue and print the
batches as well; social workers, ASDEP staff, programme managers and auditors read.
"""

from refah.accounts.enums import Role
from refah.accounts.roles import ROLE_PERMISSIONS

VIEW_RECORD = "entitlements.view_veteranrecord"
ADD_RECORD = "entitlements.add_veteranrecord"
GRANT = "entitlements.add_entitlement"
VIEW_CARD = "entitlements.view_travelcard"
ISSUE = "entitlements.issue_travelcard"
PRINT = "entitlements.print_travelcard"
DELIVER = "entitlements.deliver_travelcard"

_READ = [VIEW_RECORD, VIEW_CARD]
_COUNTER = [*_READ, ADD_RECORD, GRANT, DELIVER]
ENTITLEMENTS_PERMISSIONS: dict[str, list[str]] = {
    Role.CASEWORKER: _COUNTER,
    Role.SOCIAL_WORKER: _READ,
    Role.ASDEP_WORKER: _READ,
    Role.SUPERVISOR: [*_COUNTER, ISSUE, PRINT],
    Role.PROGRAM_MANAGER: _READ,
    Role.AUDITOR: _READ,
    Role.ADMIN: [*_COUNTER, ISSUE, PRINT],
}


def extend_role_permissions() -> None:
    """Add the entitlements permissions to each role (idempotent)."""
    for role, perms in ENTITLEMENTS_PERMISSIONS.items():
        current = ROLE_PERMISSIONS.setdefault(role, [])
        current.extend(perm for perm in perms if perm not in current)
