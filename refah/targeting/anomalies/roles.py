"""Outreach and anomaly permissions of the staff roles, added to refah.accounts.roles.ROLE_PERMISSIONS at start-up.

Outreach (counts, call list, what-if): ASDEP staff, the SYDV's caseworkers, supervisors, program managers.
Anomalies: inspectors review flags; program managers and auditors read them; analysts see outreach counts only.
"""

from refah.accounts.enums import Role
from refah.accounts.roles import ROLE_PERMISSIONS

VIEW_OUTREACH = "targeting_anomalies.view_outreach"
VIEW_CALLLIST = "targeting_anomalies.view_calllist"
VIEW_FLAGS = "targeting_anomalies.view_anomalyflag"
REVIEW_FLAGS = "targeting_anomalies.review_anomalyflag"

_OUTREACH = [VIEW_OUTREACH, VIEW_CALLLIST]
PERMISSIONS: dict[str, list[str]] = {
    Role.ASDEP_WORKER: _OUTREACH,
    Role.CASEWORKER: _OUTREACH,
    Role.SUPERVISOR: _OUTREACH,
    Role.PROGRAM_MANAGER: [*_OUTREACH, VIEW_FLAGS, REVIEW_FLAGS],
    Role.INSPECTOR: [VIEW_FLAGS, REVIEW_FLAGS],
    Role.AUDITOR: [VIEW_OUTREACH, VIEW_FLAGS],
    Role.ANALYST: [VIEW_OUTREACH],
    Role.ADMIN: [*_OUTREACH, VIEW_FLAGS, REVIEW_FLAGS],
}


def extend_role_permissions() -> None:
    """Add the permissions to each role (idempotent)."""
    for role, perms in PERMISSIONS.items():
        current = ROLE_PERMISSIONS.setdefault(role, [])
        current.extend(perm for perm in perms if perm not in current)
