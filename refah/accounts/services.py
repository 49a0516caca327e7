"""Writes for offices, staff and API tokens."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from refah.accounts.enums import Role
from refah.accounts.models import ApiToken, Office, StaffProfile
from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
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
