"""The sealed services' permissions. Who sees a sealed record is decided by naming, not by role:

- `shelters.named_staff` is held only through the NAMED_GROUP group, which `member_add`/`member_end` keep equal to
  the users named in some unit: it opens the unit screens and the API (the menu entry shows to them alone);
  every read still checks that the user is named in the record's own unit.
- `shelters.break_glass` (supervisors and social workers) opens one case for a short time with a written reason,
  audited and alerting the unit's supervisors at once.
- `shelters.name_staff` and `shelters.add_sealedunit` (administrators) create units and name their staff; the
  naming screen shows a unit's name, never its address.
"""

from refah.accounts.enums import Role
from refah.accounts.roles import ROLE_PERMISSIONS

NAMED = "shelters.named_staff"
NAMED_GROUP = "shelters_named_staff"
BREAK_GLASS = "shelters.break_glass"
NAME_STAFF = "shelters.name_staff"
ADD_UNIT = "shelters.add_sealedunit"

SHELTERS_PERMISSIONS: dict[str, list[str]] = {
    Role.SUPERVISOR: [BREAK_GLASS],
    Role.SOCIAL_WORKER: [BREAK_GLASS],
    Role.ADMIN: [NAME_STAFF, ADD_UNIT],
}


def extend_role_permissions() -> None:
    """Add the shelters permissions to each role (idempotent)."""
    for role, perms in SHELTERS_PERMISSIONS.items():
        current = ROLE_PERMISSIONS.setdefault(role, [])
        current.extend(perm for perm in perms if perm not in current)
