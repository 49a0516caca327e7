"""Writes of a household's means and its children's schooling: incomes, assets, school attendance."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from refah.audit.actions import AuditAction
from refah.audit.services import snapshot
from refah.common.errors import RefahError
from refah.registry import enums, errors
from refah.registry.models import Asset, Household, IncomeSource, Person, SchoolAttendance
from refah.registry.services import checks


def _person_household_id(actor, person: Person):
    membership = person.memberships.current().select_related("household__district").first()
    if membership is None:
        raise RefahError(errors.ERR_NOT_CURRENT_MEMBER, field="person")
    checks.require_district(actor, membership.household.district)
    return membership.household_id


@transaction.atomic
def income_record(
    *,
    actor,
    person: Person,
    kind: str,
    amount_kurus: int,
    period: str,
    start_date: dt.date,
    end_date: dt.date | None = None,
    source: str = enums.DataSource.DECLARED,
    note: str = "",
) -> IncomeSource:
    """Record an income of a person (amount in integer kuruş)."""
    checks.require(actor, "registry.add_incomesource")
    household_id = _person_household_id(actor, person)
    if not isinstance(amount_kurus, int) or amount_kurus < 0:
        raise ValidationError({"amount_kurus": errors.ERR_NEGATIVE_AMOUNT})
    if end_date and end_date < start_date:
        raise ValidationError({"end_date": errors.ERR_END_BEFORE_START})
    income = IncomeSource(
        person=person,
        kind=kind,
        amount_kurus=amount_kurus,
        period=period,
        start_date=start_date,
        end_date=end_date,
        source=source,
        note=note,
    )
    income.full_clean()
    income.save()
    checks.audit(
        actor=actor, action=AuditAction.INCOME_RECORD, obj=income, after=snapshot(income), household_id=household_id
    )
    return income


@transaction.atomic
def income_end(*, actor, income: IncomeSource, end_date: dt.date) -> IncomeSource:
    """Close an income on a date (job lost, pension stopped)."""
    checks.require(actor, "registry.change_incomesource")
    income = IncomeSource.objects.select_for_update().get(pk=income.pk)
    household_id = _person_household_id(actor, income.person)
    if end_date < income.start_date:
        raise ValidationError({"end_date": errors.ERR_END_BEFORE_START})
    before = snapshot(income)
    income.end_date = end_date
    income.save(update_fields=["end_date", "updated_at"])
    checks.audit(
        actor=actor,
        action=AuditAction.INCOME_END,
        obj=income,
        before=before,
        after=snapshot(income),
        household_id=household_id,
    )
    return income


@transaction.atomic
def asset_record(
    *,
    actor,
    household: Household,
    kind: str,
    value_kurus: int,
    description: str = "",
    owner: Person | None = None,
    acquired_on: dt.date | None = None,
    source: str = enums.DataSource.DECLARED,
) -> Asset:
    """Record an asset of the household (vehicle, real estate, land…) with its value in kuruş."""
    checks.require(actor, "registry.add_asset")
    checks.require_district(actor, household.district)
    if not isinstance(value_kurus, int) or value_kurus < 0:
        raise ValidationError({"value_kurus": errors.ERR_NEGATIVE_AMOUNT})
    asset = Asset(
        household=household,
        owner=owner,
        kind=kind,
        value_kurus=value_kurus,
        description=description,
        acquired_on=acquired_on,
        source=source,
    )
    asset.full_clean()
    asset.save()
    checks.audit(
        actor=actor, action=AuditAction.ASSET_RECORD, obj=asset, after=snapshot(asset), household_id=household.pk
    )
    return asset


@transaction.atomic
def asset_dispose(*, actor, asset: Asset, disposed_on: dt.date) -> Asset:
    """Record that the household no longer holds an asset (sold, scrapped, or no longer on an institution's record)
    from a date; the row stays, so what was held on an earlier day can still be read."""
    checks.require(actor, "registry.change_asset")
    asset = Asset.objects.select_for_update().get(pk=asset.pk)
    checks.require_district(actor, Household.objects.select_related("district").get(pk=asset.household_id).district)
    if asset.disposed_on is not None:
        raise ValidationError({"disposed_on": errors.ERR_ALREADY_DISPOSED})
    if asset.acquired_on and disposed_on < asset.acquired_on:
        raise ValidationError({"disposed_on": errors.ERR_DISPOSED_BEFORE_ACQUIRED})
    before = snapshot(asset)
    asset.disposed_on = disposed_on
    asset.save(update_fields=["disposed_on", "updated_at"])
    checks.audit(
        actor=actor,
        action=AuditAction.ASSET_DISPOSE,
        obj=asset,
        before=before,
        after=snapshot(asset),
        household_id=asset.household_id,
    )
    return asset


@transaction.atomic
def attendance_record(*, actor, person: Person, month: dt.date, absence_days: int) -> SchoolAttendance:
    """Record (or correct) a child's absence days for a month."""
    checks.require(actor, "registry.add_schoolattendance")
    household_id = _person_household_id(actor, person)
    if not 0 <= absence_days <= 31:
        raise ValidationError({"absence_days": errors.ERR_SCHOOL_AGE})
    month = month.replace(day=1)
    existing = SchoolAttendance.objects.filter(person=person, month=month).first()
    before = snapshot(existing)
    row, _ = SchoolAttendance.objects.update_or_create(
        person=person, month=month, defaults={"absence_days": absence_days}
    )
    checks.audit(
        actor=actor,
        action=AuditAction.ATTENDANCE_RECORD,
        obj=row,
        before=before,
        after=snapshot(row),
        household_id=household_id,
    )
    return row
