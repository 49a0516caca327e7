"""Bearer-token authentication for the JSON API."""

from datetime import timedelta

from django.utils import timezone
from ninja.security import HttpBearer

from refah.accounts.models import ApiToken


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`; the token's user becomes request.user."""

    def authenticate(self, request, token: str):
        if not token or len(token) > 200:
            return None
        row = (
            ApiToken.objects.select_related("user", "user__staff__office")
            .filter(key_hash=ApiToken.hash_key(token), revoked_at__isnull=True)
            .first()
        )
        now = timezone.now()
        if row is None or not row.user.is_active or (row.expires_at and row.expires_at <= now):
            return None
        if row.last_used_at is None or now - row.last_used_at > timedelta(minutes=5):
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        request.user = row.user
        return row.user
