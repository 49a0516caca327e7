"""ASDEP permissions of the staff roles, added to refah.accounts.roles.ROLE_PERMISSIONS at start-up.

ASDEP workers visit and record, they do not plan; supervisors and the SYDV's caseworkers plan rounds and see the
households the data proposes; social workers read households' risk profiles; auditors read everything.
"""

from refah.accounts.enums import Role
from refah.accounts.roles import ROLE_PERMISSIONS

VIEW_ROUND = "asdep.view_round"
PLAN_ROUND = "asdep.plan_round"
VIEW_PROPOSAL = "asdep.view_proposal"
VIEW_VISIT = "asdep.view_visit"
RECORD_VISIT = "asdep.record_visit"
VIEW_PROFILE = "asdep.view_riskprofile"

_PLAN = [VIEW_ROUND, PLAN_ROUND, VIEW_PROPOSAL, VIEW_VISIT, VIEW_PROFILE]
ASDEP_PERMISSIONS: dict[str, list[str]] = {
    Role.ASDEP_WORKER: [VIEW_ROUND, VIEW_VISIT, RECORD_VISIT, VIEW_PROFILE],
    Role.SUPERVISOR: _PLAN,
    Role.CASEWORKER: _PLAN,
    Role.SOCIAL_WORKER: [VIEW_VISIT, VIEW_PROFILE],
    Role.AUDITOR: [VIEW_ROUND, VIEW_PROPOSAL, VIEW_VISIT, VIEW_PROFILE],
    Role.ADMIN: _PLAN,
}


def extend_role_permissions() -> None:
    """Add the ASDEP permissions to each role (idempotent)."""
    for role, perms in ASDEP_PERMISSIONS.items():
        current = ROLE_PERMISSIONS.setdefault(role, [])
        current.extend(perm for perm in perms if perm not in current)
