"""Units and who is named in them: administrators create units and name staff (never seeing an address); a
unit's supervisor keeps its address."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone

from refah.accounts.selectors import office_for_user
from refah.audit.actions import AuditAction
from refah.audit.services import snapshot
from refah.common.errors import NotFoundError, PermissionDeniedError, RefahError
from refah.shelters import errors
from refah.shelters.enums import UnitKind, UnitRole
from refah.shelters.models import SealedMember, SealedUnit
from refah.shelters.roles import ADD_UNIT, NAME_STAFF, NAMED_GROUP
from refah.shelters.services.common import _audit, choice, require_supervisor, required

MEMBER_FIELDS = ["id", "unit", "user", "role", "added_by", "ended_at", "ended_by"]


def _require(actor, perm: str) -> None:
    if actor is None or not actor.has_perm(perm):
        raise PermissionDeniedError(errors.ERR_NOT_NAMED)


def _covers(actor, *, province_id, district_id) -> bool:
    """Is a unit of this province (and district) in the administrator's jurisdiction?"""
    office = office_for_user(actor)
    if office is None:
        return False
    if office.district_id:
        return office.district_id == district_id
    return office.province_id in (None, province_id)


def unit_create(
    *, actor, kind: str, name: str, province, district=None, capacity: int | None = None, phone=""
) -> SealedUnit:
    """Create a ŞÖNİM or a shelter (its address is set by its own supervisor, never by the administrator)."""
    _require(actor, ADD_UNIT)
    choice(kind, UnitKind, field="kind", message=errors.ERR_UNIT_KIND)
    name = required(name, field="name", message=errors.ERR_UNIT_NAME, limit=200)
    if kind == UnitKind.SHELTER and (capacity is None or capacity < 1):
        raise RefahError(errors.ERR_CAPACITY, field="capacity")
    if district is not None and district.province_id != province.pk:
        raise RefahError(errors.ERR_DISTRICT, field="district")
    if not _covers(actor, province_id=province.pk, district_id=getattr(district, "pk", None)):
        raise PermissionDeniedError(errors.ERR_NOT_NAMED)
    unit = SealedUnit(
        kind=kind,
        name=name,
        province=province,
        district=district,
        capacity=capacity if kind == UnitKind.SHELTER else None,
        phone=(phone or "")[:20],
    )
    with transaction.atomic():
        unit.save()
        _audit(
            actor=actor,
            action=AuditAction.SEALED_UNIT_CREATE,
            obj=unit,
            after=snapshot(unit, SealedUnit.AUDITED_FIELDS),
        )
    return unit


def unit_address_set(*, actor, unit: SealedUnit, address: str) -> SealedUnit:
    """Set the unit's address: its supervisors only. The audit row says that it changed, never what it is."""
    require_supervisor(actor, unit)
    unit.address = required(address, field="address", message=errors.ERR_ADDRESS, limit=1000)
    with transaction.atomic():
        unit.save(update_fields=["address", "updated_at"])
        _audit(actor=actor, action=AuditAction.SEALED_UNIT_ADDRESS_SET, obj=unit, after={"address": "changed"})
    return unit


def _named_group() -> Group:
    group, _created = Group.objects.get_or_create(name=NAMED_GROUP)
    perm = Permission.objects.get(content_type__app_label="shelters", codename="named_staff")
    group.permissions.add(perm)
    return group


def member_add(*, actor, unit: SealedUnit, user, role: str) -> SealedMember:
    """Name a staff user in a unit (staff or unit supervisor)."""
    _require(actor, NAME_STAFF)
    if not _covers(actor, province_id=unit.province_id, district_id=unit.district_id):
        raise NotFoundError(errors.ERR_NOT_FOUND)
    choice(role, UnitRole, field="role", message=errors.ERR_ROLE)
    if user is None or office_for_user(user) is None or not user.is_active:
        raise RefahError(errors.ERR_USER_NOT_STAFF, field="user")
    if SealedMember.objects.filter(unit=unit, user=user, ended_at__isnull=True).exists():
        raise RefahError(errors.ERR_ALREADY_NAMED, field="user")
    member = SealedMember(unit=unit, user=user, role=role, added_by=actor)
    with transaction.atomic():
        member.save()
        user.groups.add(_named_group())
        _audit(actor=actor, action=AuditAction.SEALED_MEMBER_ADD, obj=member, after=snapshot(member, MEMBER_FIELDS))
    return member


def member_end(*, actor, member: SealedMember) -> SealedMember:
    """End a naming: the user no longer sees the unit's records (nor, named nowhere else, the unit screens)."""
    _require(actor, NAME_STAFF)
    unit = member.unit
    if not _covers(actor, province_id=unit.province_id, district_id=unit.district_id) or member.ended_at:
        raise NotFoundError(errors.ERR_NOT_FOUND)
    before = snapshot(member, MEMBER_FIELDS)
    member.ended_at, member.ended_by = timezone.now(), actor
    with transaction.atomic():
        member.save(update_fields=["ended_at", "ended_by", "updated_at"])
        if not SealedMember.objects.filter(user=member.user, ended_at__isnull=True).exists():
            member.user.groups.remove(_named_group())
        _audit(
            actor=actor,
            action=AuditAction.SEALED_MEMBER_END,
            obj=member,
            before=before,
            after=snapshot(member, MEMBER_FIELDS),
        )
    return member
