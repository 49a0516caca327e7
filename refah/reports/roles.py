"""Reports permissions of the staff roles, added to refah.accounts.roles.ROLE_PERMISSIONS at start-up.

Managers of the ministry and the provincial directorate's supervisors watch the strategic plan's indicators, set
their targets and open the records behind a figure; analysts and auditors read the indicators, the maps and the
booklets (auditors may open the records too); finance officers see the indicators (payments on time); ASDEP staff
and social workers see the social risk map they plan visits with. What anyone sees is still cut to their
jurisdiction, and the public open data and pages need no permission at all (every cell there is suppressed below
the threshold: suppression.py).
"""

from refah.accounts.enums import Role
from refah.accounts.roles import ROLE_PERMISSIONS

VIEW_DASHBOARD = "reports.view_dashboard"
DRILLDOWN = "reports.drilldown"
EDIT_TARGETS = "reports.edit_targets"
VIEW_RISKMAP = "reports.view_riskmap"
MAKE_BOOKLET = "reports.make_booklet"
EXPORT_OPENDATA = "reports.export_opendata"
VIEW_SURVEYS = "reports.view_surveys"
VIEW_JOBS = "reports.view_reportjob"

_READ = [VIEW_JOBS, VIEW_DASHBOARD, VIEW_RISKMAP, MAKE_BOOKLET, EXPORT_OPENDATA, VIEW_SURVEYS]
_ALL = [*_READ, DRILLDOWN, EDIT_TARGETS]
REPORTS_PERMISSIONS: dict[str, list[str]] = {
    Role.PROGRAM_MANAGER: _ALL,
    Role.ADMIN: _ALL,
    Role.SUPERVISOR: _ALL,
    Role.AUDITOR: [*_READ, DRILLDOWN],
    Role.ANALYST: _READ,
    Role.FINANCE: [VIEW_JOBS, VIEW_DASHBOARD],
    Role.ASDEP_WORKER: [VIEW_JOBS, VIEW_RISKMAP],
    Role.SOCIAL_WORKER: [VIEW_JOBS, VIEW_RISKMAP],
}


def extend_role_permissions() -> None:
    """Add the reports permissions to each role (idempotent)."""
    for role, perms in REPORTS_PERMISSIONS.items():
        current = ROLE_PERMISSIONS.setdefault(role, [])
        current.extend(perm for perm in perms if perm not in current)
