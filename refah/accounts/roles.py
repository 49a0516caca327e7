"""Staff roles as Django groups, each with the permissions it needs. Synced after migrate."""

from refah.accounts.enums import Role

_REGISTRY_READ = [
    "registry.view_household",
    "registry.view_person",
    "registry.view_membership",
    "registry.view_incomesource",
    "registry.view_asset",
    "registry.view_schoolattendance",
]
_REGISTRY_WRITE = [
    "registry.add_household",
    "registry.change_household",
    "registry.add_person",
    "registry.change_person",
    "registry.add_membership",
    "registry.change_membership",
    "registry.add_incomesource",
    "registry.change_incomesource",
    "registry.add_asset",
    "registry.change_asset",
    "registry.add_schoolattendance",
    "registry.change_schoolattendance",
]
_SENSITIVE = ["registry.view_sensitive_person"]
# The audit trail and the access log (who read personal data). Listed here, not in refah/audit/roles.py like the
# other apps' permissions, because audit sits below accounts and imports no role (common/tests/test_layers.py).
_AUDIT = ["audit.view_auditevent", "audit.view_accessevent"]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.CASEWORKER: _REGISTRY_READ + _REGISTRY_WRITE + _SENSITIVE + ["registry.import_households"],
    Role.INSPECTOR: _REGISTRY_READ + _SENSITIVE + ["registry.change_household", "registry.change_person"],
    Role.COMMITTEE_MEMBER: _REGISTRY_READ + _SENSITIVE,
    Role.PROGRAM_MANAGER: _REGISTRY_READ,
    Role.FINANCE: ["registry.view_household", "registry.view_person", "registry.view_membership"],
    Role.ANALYST: _REGISTRY_READ + ["registry.export_households"],
    Role.AUDITOR: _REGISTRY_READ + _SENSITIVE + _AUDIT,
    Role.ADMIN: _REGISTRY_READ
    + _REGISTRY_WRITE
    + _SENSITIVE
    + _AUDIT
    + ["registry.import_households", "registry.export_households", "accounts.reset_secondfactor"],
}


def roles_sync(**kwargs) -> None:
    """Create or update one group per role with exactly its permissions."""
    from django.contrib.auth.models import Group, Permission

    for role, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role.value)
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".")
            wanted.extend(Permission.objects.filter(content_type__app_label=app_label, codename=codename))
        group.permissions.set(wanted)
