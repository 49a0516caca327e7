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
# Merging two records of one person (and undoing a merge) is the clerk's who reviews record linkage: caseworkers
# and administrators. Auditors read the merges.
_MERGE = ["registry.merge_person", "registry.view_personmerge"]
# The audit trail and the access log (who read personal data). Listed here, not in refah/audit/roles.py like the
# other apps' permissions, because audit sits below accounts and imports no role (common/tests/test_layers.py).
_AUDIT = ["audit.view_auditevent", "audit.view_accessevent"]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.CASEWORKER: _REGISTRY_READ + _REGISTRY_WRITE + _SENSITIVE + _MERGE + ["registry.import_households"],
    Role.INSPECTOR: _REGISTRY_READ + _SENSITIVE + ["registry.change_household", "registry.change_person"],
    Role.COMMITTEE_MEMBER: _REGISTRY_READ + _SENSITIVE,
    Role.PROGRAM_MANAGER: _REGISTRY_READ,
    Role.FINANCE: ["registry.view_household", "registry.view_person", "registry.view_membership"],
    Role.ANALYST: _REGISTRY_READ + ["registry.export_households"],
    Role.AUDITOR: _REGISTRY_READ + _SENSITIVE + _AUDIT + ["registry.view_personmerge"],
    # Social services: social workers and supervisors of the SHM and the provincial directorate, ASDEP staff of the
    # SYDV. They read households (health and disability included: care needs are their work); their own
    # permissions come from the social-service apps' roles.py.
    Role.SOCIAL_WORKER: _REGISTRY_READ + _SENSITIVE,
    Role.ASDEP_WORKER: _REGISTRY_READ + _SENSITIVE + ["registry.change_household", "registry.change_person"],
    Role.SUPERVISOR: _REGISTRY_READ + _SENSITIVE,
    Role.ADMIN: _REGISTRY_READ
    + _REGISTRY_WRITE
    + _SENSITIVE
    + _MERGE
    + _AUDIT
    + ["registry.import_households", "registry.export_households", "accounts.reset_secondfactor"],
}


def roles_sync(**kwargs) -> None:
    """Create or update one group per role with exactly its permissions.

    Connected to post_migrate (so it also runs after every test flush), it works once per round, at the signal of
    the last app, when every app's permissions exist: a few queries in all, and a group's permissions are written
    only when they differ. Called without a sender, it runs at once.
    """
    from django.apps import apps
    from django.contrib.auth.models import Group, Permission

    sender = kwargs.get("sender")
    if sender is not None and sender is not [a for a in apps.get_app_configs() if a.models_module is not None][-1]:
        return

    wanted_keys = {tuple(perm.split(".")) for perms in ROLE_PERMISSIONS.values() for perm in perms}
    by_key = {
        (app_label, codename): pk
        for pk, app_label, codename in Permission.objects.filter(
            content_type__app_label__in={app for app, _ in wanted_keys}
        ).values_list("pk", "content_type__app_label", "codename")
        if (app_label, codename) in wanted_keys
    }
    groups = {group.name: group for group in Group.objects.filter(name__in=[role.value for role in ROLE_PERMISSIONS])}
    through = Group.permissions.through
    held: dict[int, set[int]] = {}
    for group_id, permission_id in through.objects.filter(group__in=groups.values()).values_list(
        "group_id", "permission_id"
    ):
        held.setdefault(group_id, set()).add(permission_id)
    for role, perms in ROLE_PERMISSIONS.items():
        group = groups.get(role.value) or Group.objects.create(name=role.value)
        wanted = {by_key[tuple(perm.split("."))] for perm in perms if tuple(perm.split(".")) in by_key}
        if held.get(group.pk, set()) != wanted:
            group.permissions.set(wanted)
