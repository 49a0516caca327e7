"""Changes to the indicators' catalogue: a target per year (the country's, a province's or a district's) and the
indicator's monitoring details. EDIT_TARGETS, within the user's jurisdiction; checked first (a clear error naming
the field, nothing stored), then written with its audit record in one transaction."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction

from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.common.errors import ERR_NO_PERMISSION, PermissionDeniedError, RefahError
from refah.reports.kpi import errors
from refah.reports.kpi.models import Frequency, Indicator, IndicatorTarget, Unit
from refah.reports.kpi.selectors import Area, area_for
from refah.reports.roles import EDIT_TARGETS

TARGET_FIELDS = ["indicator", "year", "province", "district", "value"]


def _require(actor) -> None:
    if not actor.has_perm(EDIT_TARGETS):
        raise PermissionDeniedError(ERR_NO_PERMISSION)


def _year(value) -> int:
    try:
        year = int(str(value).strip())
    except (TypeError, ValueError):
        raise RefahError(errors.ERR_YEAR, field="year") from None
    if not 2000 <= year <= 2100:
        raise RefahError(errors.ERR_YEAR, field="year")
    return year


def _value(indicator: Indicator, value) -> Decimal:
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, TypeError, ValueError):
        raise RefahError(errors.ERR_TARGET_VALUE, field="value") from None
    if not number.is_finite() or number < 0 or number >= Decimal("1e12"):
        raise RefahError(errors.ERR_TARGET_VALUE, field="value")
    if indicator.unit == Unit.PERCENT and number > 100:
        raise RefahError(errors.ERR_TARGET_PERCENT, field="value")
    return number.quantize(Decimal("0.01"))


def _area(actor, province_id, district_id) -> Area:
    if not province_id and not district_id:
        area = area_for(user=actor)
        if area.province is not None:
            raise RefahError(errors.ERR_NATIONAL_TARGET, field="province")
        return area
    try:
        return area_for(user=actor, province_id=province_id or None, district_id=district_id or None)
    except Exception:  # noqa: BLE001 — outside the jurisdiction or unknown: the same clear error
        raise RefahError(errors.ERR_TARGET_AREA, field="district" if district_id else "province") from None


def target_set(*, actor, indicator: Indicator, year, value, province_id=None, district_id=None) -> IndicatorTarget:
    """Set (create or change) the target of `indicator` for `year` in an area (none: the country)."""
    _require(actor)
    year, number = _year(year), _value(indicator, value)
    area = _area(actor, province_id, district_id)
    with transaction.atomic():
        target = (
            IndicatorTarget.objects.select_for_update()
            .filter(indicator=indicator, year=year, province=area.province, district=area.district)
            .first()
        )
        before = snapshot(target, TARGET_FIELDS) if target else None
        if target is None:
            target = IndicatorTarget(indicator=indicator, year=year, province=area.province, district=area.district)
        target.value = number
        target.save()
        audit_record(
            actor=actor, action=AuditAction.KPI_TARGET_SET, obj=target, before=before,
            after=snapshot(target, TARGET_FIELDS),
        )  # fmt: skip
    return target


def target_remove(*, actor, target: IndicatorTarget) -> None:
    _require(actor)
    _area(actor, target.province_id, target.district_id)
    with transaction.atomic():
        audit_record(
            actor=actor, action=AuditAction.KPI_TARGET_REMOVE, obj=target, before=snapshot(target, TARGET_FIELDS)
        )
        target.delete()


INDICATOR_FIELDS = ["monitoring", "reporting", "responsible_unit", "at_risk_margin", "active"]


def indicator_update(*, actor, indicator: Indicator, **changes) -> Indicator:
    """Change an indicator's monitoring and reporting frequency, responsible unit, at-risk margin or shown flag.
    National: the catalogue is the same for every office, so only national staff change it."""
    _require(actor)
    if area_for(user=actor).province is not None:
        raise PermissionDeniedError(errors.ERR_NATIONAL_TARGET)
    for name in ("monitoring", "reporting"):
        if name in changes and changes[name] not in Frequency.values:
            raise RefahError(errors.ERR_FREQUENCY, field=name)
    if "responsible_unit" in changes:
        changes["responsible_unit"] = str(changes["responsible_unit"] or "").strip()[:200]
        if not changes["responsible_unit"]:
            raise RefahError(errors.ERR_UNIT_NAME, field="responsible_unit")
    if "at_risk_margin" in changes:
        try:
            margin = Decimal(str(changes["at_risk_margin"]).replace(",", "."))
        except (InvalidOperation, ValueError):
            raise RefahError(errors.ERR_MARGIN, field="at_risk_margin") from None
        if not margin.is_finite() or not 0 <= margin <= 100:
            raise RefahError(errors.ERR_MARGIN, field="at_risk_margin")
        changes["at_risk_margin"] = margin.quantize(Decimal("0.1"))
    if "active" in changes:
        changes["active"] = bool(changes["active"])
    with transaction.atomic():
        locked = Indicator.objects.select_for_update().get(pk=indicator.pk)
        before = snapshot(locked, INDICATOR_FIELDS)
        for name, value in changes.items():
            if name in INDICATOR_FIELDS:
                setattr(locked, name, value)
        locked.save()
        audit_record(
            actor=actor, action=AuditAction.KPI_INDICATOR_EDIT, obj=locked, before=before,
            after=snapshot(locked, INDICATOR_FIELDS),
        )  # fmt: skip
    return locked
