"""Issuing and revoking API tokens for staff; the secret is shown once and only its hash is kept."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from refah.accounts.models import ApiToken
from refah.accounts.selectors import office_for_user
from refah.accounts.services import api_token_create
from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.common.errors import NotFoundError, RefahError

ERR_NO_SUCH_USER = _("No active user with this username.")
ERR_NOT_STAFF = _("Only staff with an office can have API tokens.")
ERR_BAD_LIFETIME = _("A token's lifetime must be between 1 and 366 days.")


@transaction.atomic
def api_token_issue(*, actor, username: str, name: str, days: int | None = None) -> tuple[ApiToken, str]:
    """Issue a named token for an active staff user, optionally expiring after `days`; returns (row, secret)."""
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise NotFoundError(ERR_NO_SUCH_USER, field="username")
    if office_for_user(user) is None:
        raise RefahError(ERR_NOT_STAFF, field="username")
    if days is not None and not 1 <= days <= 366:
        raise RefahError(ERR_BAD_LIFETIME, field="days")
    token, secret = api_token_create(actor=actor, user=user, name=name)
    if days is not None:
        token.expires_at = timezone.now() + dt.timedelta(days=days)
        token.save(update_fields=["expires_at", "updated_at"])
    return token, secret


@transaction.atomic
def api_token_revoke(*, actor, token: ApiToken) -> ApiToken:
    """Revoke a token from now on; it stays in the table for the audit trail."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        before = snapshot(token, ["revoked_at"])
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.API_TOKEN_REVOKE,
            obj=token,
            before=before,
            after=snapshot(token, ["revoked_at"]),
        )
    return token
