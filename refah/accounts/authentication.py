"""Bearer-token authentication for the JSON API."""

import functools
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from ninja.security import HttpBearer

from refah.accounts.models import ApiToken, Office, StaffProfile
from refah.common import sql


@functools.cache
def _loaders() -> tuple:
    user = get_user_model()
    return (
        sql.Loader(ApiToken, "t", ("id", "user", "expires_at", "last_used_at")),
        sql.Loader(user, "u"),
        sql.Loader(StaffProfile, "s"),
        sql.Loader(Office, "o"),
    )


@functools.cache
def _token_sql(vendor: str) -> str:
    """The token, its user, the user's staff profile and office, and the user's permissions in one statement.

    The permissions, direct or through a group, come as "app_label.codename" joined by commas. Written out
    rather than built with the ORM: composing and compiling the joins and nested subqueries cost about a
    millisecond of CPU on every request, several times the query itself.
    """
    user = get_user_model()
    token, user_cols, staff, office = _loaders()
    name = user._meta.model_name
    aggregate = "string_agg" if vendor == "postgresql" else "group_concat"
    direct = sql.table(user.user_permissions.through)
    grouped, member = sql.table(Group.permissions.through), sql.table(user.groups.through)
    permissions = (
        f"SELECT {aggregate}(ct.app_label || '.' || p.codename, ',') FROM {sql.table(Permission)} p "
        f"JOIN {sql.table(ContentType)} ct ON ct.id = p.content_type_id "
        f"WHERE p.id IN (SELECT d.permission_id FROM {direct} d WHERE d.{name}_id = u.id) "
        f"OR p.id IN (SELECT g.permission_id FROM {grouped} g JOIN {member} m "
        f"ON m.group_id = g.group_id WHERE m.{name}_id = u.id)"
    )
    return (
        f"SELECT {token.sql}, {user_cols.sql}, {staff.sql}, {office.sql}, ({permissions}) "
        f"FROM {sql.table(ApiToken)} t JOIN {sql.table(user)} u ON u.id = t.user_id "
        f"LEFT JOIN {sql.table(StaffProfile)} s ON s.user_id = u.id "
        f"LEFT JOIN {sql.table(Office)} o ON o.id = s.office_id "
        f"WHERE t.key_hash = %s AND t.revoked_at IS NULL"
    )


def token_user(key: str):
    """The active user of an unrevoked, unexpired token, with staff profile, office and permissions loaded."""
    rows = sql.fetch(sql.Statement(_token_sql(connection.vendor), (ApiToken.hash_key(key),)))
    if not rows:
        return None
    row = rows[0]
    token_loader, user_loader, staff_loader, office_loader = _loaders()
    token = token_loader.build(row)
    at = token_loader.width
    user = user_loader.build(row, at)
    at += user_loader.width
    now = timezone.now()
    if not user.is_active or (token.expires_at and token.expires_at <= now):
        return None
    if row[at] is not None:  # a staff profile: the user's office comes with it, as select_related would set it
        staff = staff_loader.build(row, at)
        staff._state.fields_cache["office"] = office_loader.build(row, at + staff_loader.width)
        staff._state.fields_cache["user"] = user
        user._state.fields_cache["staff"] = staff
    else:
        user._state.fields_cache["staff"] = None
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    # The same set ModelBackend would load with two more queries on the first has_perm(); it caches it on the
    # user object for the request, so filling that cache here saves both round trips.
    user._perm_cache = set(filter(None, (row[-1] or "").split(",")))
    return user


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`; the token's user becomes request.user."""

    def authenticate(self, request, token: str):
        if not token or len(token) > 200:
            return None
        user = token_user(token)
        if user is not None:
            request.user = user
        return user
