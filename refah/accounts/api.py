"""Bearer-token authentication for the JSON API."""

import functools
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models.expressions import RawSQL
from django.utils import timezone
from ninja.security import HttpBearer

from refah.accounts.models import ApiToken


@functools.cache
def _permission_names_sql() -> str:
    """The token user's permissions, direct or through a group, as "app_label.codename" joined by commas.

    Written out rather than built with the ORM: composing and compiling the nested subqueries cost about a
    millisecond of CPU on every request, several times the query itself.
    """
    table = {
        "permission": Permission._meta.db_table,
        "type": ContentType._meta.db_table,
        "direct": get_user_model().user_permissions.through._meta.db_table,
        "grouped": Group.permissions.through._meta.db_table,
        "member": get_user_model().groups.through._meta.db_table,
        "token": ApiToken._meta.db_table,
    }
    user = get_user_model()._meta.model_name
    aggregate = "string_agg" if connection.vendor == "postgresql" else "group_concat"
    return (
        f"SELECT {aggregate}(t.app_label || '.' || p.codename, ',') FROM {table['permission']} p "
        f"JOIN {table['type']} t ON t.id = p.content_type_id "
        f"WHERE p.id IN (SELECT d.permission_id FROM {table['direct']} d WHERE d.{user}_id = {table['token']}.user_id) "
        f"OR p.id IN (SELECT g.permission_id FROM {table['grouped']} g JOIN {table['member']} m "
        f"ON m.group_id = g.group_id WHERE m.{user}_id = {table['token']}.user_id)"
    )


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`; the token's user becomes request.user."""

    def authenticate(self, request, token: str):
        if not token or len(token) > 200:
            return None
        rows = list(  # key_hash is unique: no ORDER BY needed (first() would add one)
            ApiToken.objects.select_related("user", "user__staff__office")
            .annotate(permission_names=RawSQL(_permission_names_sql(), []))  # noqa: S611 (table names only)
            .filter(key_hash=ApiToken.hash_key(token), revoked_at__isnull=True)[:1]
        )
        row = rows[0] if rows else None
        now = timezone.now()
        if row is None or not row.user.is_active or (row.expires_at and row.expires_at <= now):
            return None
        if row.last_used_at is None or now - row.last_used_at > timedelta(minutes=5):
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        # The same set ModelBackend would load with two more queries on the first has_perm(); it caches
        # it on the user object for the request, so filling that cache here saves both round trips.
        row.user._perm_cache = set(filter(None, (row.permission_names or "").split(",")))
        request.user = row.user
        return row.user
