"""Bearer-token authentication for the JSON API."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models import OuterRef, Q, StringAgg, Subquery, Value
from django.db.models.functions import Concat
from django.utils import timezone
from ninja.security import HttpBearer

from refah.accounts.models import ApiToken


def _permission_names() -> Subquery:
    """The token user's permissions, direct or through a group, as "app_label.codename" joined by commas."""
    user_id = OuterRef(OuterRef("user_id"))
    direct = get_user_model().user_permissions.through.objects.filter(user_id=user_id).values("permission_id")
    grouped = Group.permissions.through.objects.filter(group__user=user_id).values("permission_id")
    names = (
        Permission.objects.filter(Q(pk__in=direct) | Q(pk__in=grouped))
        .order_by()
        .annotate(one=Value(1))
        .values("one")
        .annotate(names=StringAgg(Concat("content_type__app_label", Value("."), "codename"), Value(",")))
        .values("names")
    )
    return Subquery(names)


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`; the token's user becomes request.user."""

    def authenticate(self, request, token: str):
        if not token or len(token) > 200:
            return None
        row = (
            ApiToken.objects.select_related("user", "user__staff__office")
            .annotate(permission_names=_permission_names())
            .filter(key_hash=ApiToken.hash_key(token), revoked_at__isnull=True)
            .first()
        )
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
