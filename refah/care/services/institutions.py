"""Adding and changing care institutions: a capacity outside its kind's bounds (kinds.py) is refused."""

from __future__ import annotations

from django.db import transaction

from refah.accounts.enums import OfficeKind
from refah.accounts.selectors import district_in_jurisdiction
from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.care import errors
from refah.care.enums import CareMode, InstitutionKind, Ownership
from refah.care.kinds import KINDS, capacity_bounds
from refah.care.models import Institution
from refah.care.roles import MANAGE
from refah.care.services._common import institution_in_reach, require
from refah.common.errors import RefahError

MAX_UNITS = 50


def _labels(values, choices) -> str:
    return ", ".join(str(choices(v).label) for v in values)


def capacity_check(*, kind: str, ownership: str, units: int, capacity: int) -> None:
    """Raise a RefahError on `capacity` when it is outside the kind's bounds."""
    bounds = capacity_bounds(kind, ownership, units)
    words = {
        "kind": InstitutionKind(kind).label,
        "low": bounds.low,
        "high": bounds.high,
        "capacity": capacity,
        "source": KINDS[kind].source["tr"],
    }
    if bounds.low is not None and capacity < bounds.low:
        raise RefahError(errors.ERR_CAPACITY_LOW % words, field="capacity")
    if bounds.high is not None and capacity > bounds.high:
        raise RefahError(errors.ERR_CAPACITY_HIGH % words, field="capacity")


def _clean(actor, data: dict) -> None:
    kind = data["kind"]
    if kind not in KINDS:
        raise RefahError(errors.ERR_KIND_UNKNOWN % {"kind": kind}, field="kind")
    rule, label = KINDS[kind], InstitutionKind(kind).label
    if not (data["name"] or "").strip():
        raise RefahError(errors.ERR_NAME, field="name")
    if data["ownership"] not in rule.ownerships:
        allowed = _labels(rule.ownerships, Ownership)
        raise RefahError(errors.ERR_OWNERSHIP % {"kind": label, "allowed": allowed}, field="ownership")
    if data["mode"] not in rule.modes:
        raise RefahError(errors.ERR_MODE % {"kind": label, "allowed": _labels(rule.modes, CareMode)}, field="mode")
    office, operator = data["office"], (data["operator_name"] or "").strip()
    if (data["ownership"] == "public") != (office is not None) or (office is None and not operator):
        raise RefahError(errors.ERR_OPERATOR, field="office" if data["ownership"] == "public" else "operator_name")
    if office is not None and office.kind != OfficeKind.DIRECTORATE:
        raise RefahError(errors.ERR_OFFICE_KIND, field="office")
    if not district_in_jurisdiction(actor, data["district"]):
        raise RefahError(errors.ERR_DISTRICT, field="district")
    units = data["units"]
    if isinstance(units, bool) or not isinstance(units, int) or not 1 <= units <= MAX_UNITS:
        raise RefahError(errors.ERR_UNITS, field="units")
    capacity = data["capacity"]
    if isinstance(capacity, bool) or not isinstance(capacity, int) or capacity < 0:
        raise RefahError(errors.ERR_CAPACITY_LOW % {"kind": label, "low": 1, "capacity": capacity, "source": ""})
    capacity_check(kind=kind, ownership=data["ownership"], units=units, capacity=capacity)


def institution_create(
    *,
    actor,
    name: str,
    kind: str,
    ownership: str,
    mode: str,
    district,
    capacity: int,
    units: int = 1,
    office=None,
    operator_name: str = "",
) -> Institution:
    """Add an institution of a kind, its capacity within the kind's bounds (a child home site: per unit)."""
    require(actor, MANAGE)
    data = dict(
        name=name,
        kind=kind,
        ownership=ownership,
        mode=mode,
        district=district,
        capacity=capacity,
        units=units,
        office=office,
        operator_name=operator_name,
    )
    _clean(actor, data)
    data["name"], data["operator_name"] = name.strip()[:200], (operator_name or "").strip()[:200]
    with transaction.atomic():
        institution = Institution.objects.create(province_id=district.province_id, **data)
        audit_record(actor=actor, action=AuditAction.INSTITUTION_CREATE, obj=institution, after=snapshot(institution))
    return institution


FIELDS = ("name", "mode", "capacity", "units", "operator_name", "active")


@transaction.atomic
def institution_update(*, actor, institution, **changes) -> Institution:
    """Change an institution's name, care, capacity, units, operator or whether it is active; the capacity stays
    within its kind's bounds and never below the persons living there now (the row is locked meanwhile)."""
    require(actor, MANAGE)
    locked = institution_in_reach(actor, institution, lock=True)
    unknown = set(changes) - set(FIELDS)
    if unknown:  # a caller's mistake, not the user's: the screens and the API send only these fields
        raise TypeError(f"institution_update() cannot change {sorted(unknown)}")
    before = snapshot(locked)
    data = {f: getattr(locked, f) for f in (*FIELDS, "kind", "ownership", "office", "district")}
    data.update(changes)
    _clean(actor, data)
    if data["capacity"] < locked.occupied:
        raise RefahError(errors.ERR_CAPACITY_BELOW_OCCUPIED % {"occupied": locked.occupied}, field="capacity")
    for name in FIELDS:
        setattr(locked, name, data[name].strip() if isinstance(data[name], str) else data[name])
    locked.save(update_fields=[*FIELDS, "updated_at"])
    audit_record(actor=actor, action=AuditAction.INSTITUTION_UPDATE, obj=locked, before=before, after=snapshot(locked))
    return locked
