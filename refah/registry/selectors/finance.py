"""A household's means and its children's schooling: incomes, assets, school attendance."""

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from refah.registry.models import Asset, Household, IncomeSource, Membership, SchoolAttendance
from refah.registry.selectors.members import members_on


def household_incomes(*, household: Household, on: dt.date | None = None, members: list[Membership] | None = None):
    """Incomes of the household's members on a date (active: started, not ended).

    Pass `members` when the caller already has members_on() for the same date, to not read them twice.
    """
    on = on or timezone.localdate()
    if members is None:
        members = members_on(household=household, on=on)
    person_ids = [m.person_id for m in members]
    return (
        IncomeSource.objects.filter(person_id__in=person_ids, start_date__lte=on)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .select_related("person")
    )


def household_monthly_income_kurus(*, household: Household, on: dt.date | None = None) -> int:
    """Sum of the members' monthly-equivalent incomes on a date, in kuruş."""
    return sum(i.monthly_kurus() for i in household_incomes(household=household, on=on))


def household_assets(*, household: Household) -> QuerySet:
    """Assets of the household still held (not disposed of), with their owner."""
    return Asset.objects.filter(household=household, disposed_on__isnull=True).select_related("owner")


def household_attendance(*, members: list[Membership], months: int = 6) -> QuerySet:
    """Recent monthly school absence of the given members (the household's current ones), newest first."""
    person_ids = [m.person_id for m in members]
    return SchoolAttendance.objects.filter(person_id__in=person_ids).select_related("person")[: months * 10]
