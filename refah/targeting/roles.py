"""Targeting permissions of the staff roles, added to refah.accounts.roles.ROLE_PERMISSIONS at start-up.

Managers and analysts look at the models, their cards and the scoring runs and read a household's proposal;
managers (and administrators) register, approve and retire models and start scoring runs, under maker–checker (the
one who registered a model cannot approve it). Auditors read everything. Supervisors of a provincial directorate
read too. What anyone sees of a household is still cut to their jurisdiction.
"""

from refah.accounts.enums import Role
from refah.accounts.roles import ROLE_PERMISSIONS

VIEW_MODEL = "targeting.view_model"
MANAGE_MODEL = "targeting.manage_model"
RUN_SCORING = "targeting.run_scoring"
VIEW_PROPOSAL = "targeting.view_proposal"

_READ = [VIEW_MODEL, VIEW_PROPOSAL]
_ALL = [*_READ, MANAGE_MODEL, RUN_SCORING]
TARGETING_PERMISSIONS: dict[str, list[str]] = {
    Role.PROGRAM_MANAGER: _ALL,
    Role.ADMIN: _ALL,
    Role.SUPERVISOR: _READ,
    Role.AUDITOR: _READ,
    Role.ANALYST: [*_READ, RUN_SCORING],
}


def extend_role_permissions() -> None:
    """Add the targeting permissions to each role (idempotent)."""
    for role, perms in TARGETING_PERMISSIONS.items():
        current = ROLE_PERMISSIONS.setdefault(role, [])
        current.extend(perm for perm in perms if perm not in current)
