"""Lists of sealed records: only ever those of the units the user is named in (an empty list for anyone else,
so a list tells nobody that a sealed record exists)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum

from refah.accounts.selectors import jurisdiction_q
from refah.audit.models import AccessEvent, AuditEvent
from refah.common.errors import PermissionDeniedError
from refah.shelters import errors
from refah.shelters.enums import AlertKind, CaseStatus, UnitKind, UnitRole
from refah.shelters.models import (
    BreakGlass,
    CaseNote,
    CaseReferral,
    ProtectionCase,
    ProtectiveOrder,
    SealedAlert,
    SealedMember,
    SealedUnit,
    ShelterStay,
)
from refah.shelters.roles import NAME_STAFF
from refah.shelters.selectors.naming import named_unit_ids, supervised_unit_ids, unit_role


@dataclass(frozen=True)
class MyUnit:
    unit: SealedUnit
    role: str
    open_cases: int
    unread_alerts: int

    @property
    def role_label(self) -> str:
        return UnitRole(self.role).label


@dataclass(frozen=True)
class ShelterPlaces:
    """A shelter's occupancy, as ŞÖNİM staff of the province see it: never its address."""

    id: object
    name: str
    capacity: int
    taken: int

    @property
    def free(self) -> int:
        return max(self.capacity - self.taken, 0)


def my_units(*, user) -> list[MyUnit]:
    """The units the user is named in, with their open cases and the alerts waiting for this user."""
    memberships = (
        SealedMember.objects.filter(user=user, ended_at__isnull=True).select_related("unit", "unit__province")
        if getattr(user, "is_authenticated", False)
        else SealedMember.objects.none()
    )
    out = []
    for m in memberships:
        alerts = alert_list(user=user).filter(unit=m.unit, read_at__isnull=True).count()
        cases = m.unit.cases.filter(status=CaseStatus.OPEN).count()
        out.append(MyUnit(unit=m.unit, role=m.role, open_cases=cases, unread_alerts=alerts))
    return out


def case_list(*, user, unit=None, status: str | None = CaseStatus.OPEN) -> QuerySet[ProtectionCase]:
    """Cases of the units the user is named in (of one of them with `unit`), newest first."""
    qs = ProtectionCase.objects.filter(unit_id__in=named_unit_ids(user)).select_related("unit", "person")
    if unit is not None:
        qs = qs.filter(unit=unit)
    if status:
        qs = qs.filter(status=status)
    return qs


def shelter_places(*, user, unit: SealedUnit) -> list[ShelterPlaces]:
    """The province's shelters with their places taken today, for the named staff of a ŞÖNİM of that province (a
    shelter's own staff see their shelter only). No address."""
    if unit.kind == UnitKind.SONIM:
        shelters = SealedUnit.objects.filter(kind=UnitKind.SHELTER, province_id=unit.province_id, active=True)
    else:
        shelters = SealedUnit.objects.filter(pk=unit.pk)
    if unit_role(user, unit) is None:
        return []
    shelters = shelters.annotate(
        taken_people=Sum("stays__children", filter=Q(stays__ended_on__isnull=True)),
        stays_open=Count("stays", filter=Q(stays__ended_on__isnull=True)),
    ).only("id", "name", "capacity")
    return [ShelterPlaces(s.pk, s.name, s.capacity or 0, (s.taken_people or 0) + (s.stays_open or 0)) for s in shelters]


def shelter_stays(*, user, unit: SealedUnit) -> QuerySet[ShelterStay]:
    """Open stays in a shelter, for its named staff."""
    if unit.kind != UnitKind.SHELTER or unit_role(user, unit) is None:
        return ShelterStay.objects.none()
    return unit.stays.filter(ended_on__isnull=True).select_related("case", "case__person", "case__unit")


def alert_list(*, user) -> QuerySet[SealedAlert]:
    """Alerts of the user's units: intakes for every named member, break-glass alerts for unit supervisors."""
    named, supervised = named_unit_ids(user), supervised_unit_ids(user)
    return (
        SealedAlert.objects.filter(Q(unit_id__in=supervised) | Q(unit_id__in=named, kind=AlertKind.INTAKE))
        .select_related("unit", "case", "break_glass", "break_glass__user")
        .order_by("read_at", "-created_at")
    )


def _unit_object_ids(unit: SealedUnit) -> list[str]:
    """Every sealed record of the unit, as the audit trail names objects (text ids)."""
    cases = ProtectionCase.objects.filter(unit=unit)
    ids = [unit.pk]
    ids += SealedMember.objects.filter(unit=unit).values_list("pk", flat=True)
    ids += cases.values_list("pk", flat=True)
    for model in (CaseNote, ProtectiveOrder, CaseReferral, BreakGlass):
        ids += model.objects.filter(case__unit=unit).values_list("pk", flat=True)
    ids += ShelterStay.objects.filter(Q(case__unit=unit) | Q(shelter=unit)).values_list("pk", flat=True)
    ids += SealedAlert.objects.filter(unit=unit).values_list("pk", flat=True)
    return [str(pk) for pk in ids]


@dataclass(frozen=True)
class SealedAuditRow:
    at: object
    actor: str
    action: str  # the action's code, "" for a read
    object_type: str
    note: str


def sealed_audit(*, user, unit: SealedUnit, limit: int = 300) -> list[SealedAuditRow]:
    """The sealed audit of a unit (acts, refused attempts, break-glass reasons, reads), newest first: for the
    unit's supervisors only."""
    if unit.pk not in supervised_unit_ids(user):
        raise PermissionDeniedError(errors.ERR_NOT_SUPERVISOR)
    ids = _unit_object_ids(unit)
    acts = AuditEvent.sealed_objects.filter(object_id__in=ids).order_by("-at", "-id")[:limit]
    reads = AccessEvent.sealed_objects.filter(object_id__in=ids).order_by("-at", "-id")[:limit]
    rows = [SealedAuditRow(e.at, e.actor_label, e.action, e.object_type, e.note) for e in acts]
    rows += [SealedAuditRow(e.at, e.actor_label, "", e.object_type, "") for e in reads]
    return sorted(rows, key=lambda r: r.at, reverse=True)[:limit]


def units_to_name(*, user) -> QuerySet[SealedUnit]:
    """The units of the administrator's jurisdiction, with their named staff: names, never addresses."""
    if not user.has_perm(NAME_STAFF):
        raise PermissionDeniedError(errors.ERR_NOT_NAMED)
    return SealedUnit.objects.filter(jurisdiction_q(user)).defer("address").select_related("province", "district")


def unit_members(*, unit: SealedUnit) -> QuerySet[SealedMember]:
    return unit.members.filter(ended_at__isnull=True).select_related("user", "added_by")
