"""Writes for offices, staff and API tokens (the secret is shown once and only its hash is kept)."""

import datetime as dt
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from refah.accounts import errors
from refah.accounts.enums import Role
from refah.accounts.models import ApiToken, Office, StaffProfile
from refah.accounts.selectors import office_for_user
from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.common.errors import NotFoundError, RefahError
from refah.geo.models import District, Province


@transaction.atomic
def office_create(
    *, actor, name: str, kind: str, province: Province | None = None, district: District | None = None
) -> Office:
    """Create an office; a district office's province is the district's."""
    if district is not None:
        province = district.province
    office = Office(name=name, kind=kind, province=province, district=district)
    office.full_clean()
    office.save()
    audit_record(actor=actor, action=AuditAction.OFFICE_CREATE, obj=office, after=snapshot(office))
    return office


@transaction.atomic
def staff_create(
    *,
    actor,
    username: str,
    password: str,
    office: Office,
    roles: list[str],
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    title: str = "",
) -> StaffProfile:
    """Create a staff user in an office with the given roles (Django groups)."""
    user = get_user_model().objects.create_user(
        username=username, password=password, first_name=first_name, last_name=last_name, email=email
    )
    groups = [Group.objects.get(name=Role(r).value) for r in roles]
    user.groups.set(groups)
    profile = StaffProfile.objects.create(user=user, office=office, title=title)
    audit_record(
        actor=actor,
        action=AuditAction.STAFF_CREATE,
        obj=user,
        after={"username": username, "office": str(office.pk), "roles": sorted(roles)},
    )
    return profile


@transaction.atomic
def api_token_create(*, actor, user, name: str) -> tuple[ApiToken, str]:
    """Issue a token; returns (row, secret). Only the secret's hash is stored."""
    secret = "rfh_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, key_hash=ApiToken.hash_key(secret), prefix=secret[:8])
    audit_record(actor=actor, action=AuditAction.API_TOKEN_CREATE, obj=token, after={"user": user.pk, "name": name})
    return token, secret


@transaction.atomic
def api_token_issue(*, actor, username: str, name: str, days: int | None = None) -> tuple[ApiToken, str]:
    """Issue a named token for an active staff user, optionally expiring after `days`; returns (row, secret)."""
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise NotFoundError(errors.ERR_NO_ACTIVE_USER, field="username")
    if office_for_user(user) is None:
        raise RefahError(errors.ERR_NOT_STAFF, field="username")
    if days is not None and not 1 <= days <= 366:
        raise RefahError(errors.ERR_BAD_LIFETIME, field="days")
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
