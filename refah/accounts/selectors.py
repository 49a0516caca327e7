"""Who a user is and what they may see: the one place jurisdiction is decided."""

import functools

from django.db.models import Q

from refah.accounts.models import Office
from refah.common import sql

NOTHING = Q(pk__in=[])


def office_for_user(user) -> Office | None:
    """The office of a staff user, or None for anyone without a staff profile."""
    if not getattr(user, "is_authenticated", False):
        return None
    profile = getattr(user, "staff", None)
    return profile.office if profile else None


def jurisdiction_q(user, *, prefix: str = "") -> Q:
    """Filter for objects whose district lies in the user's jurisdiction.

    `prefix` points from the queried model to a Household ("" for Household itself,
    "memberships__household__" for Person). Users without an office see nothing.
    """
    office = office_for_user(user)
    if office is None or not user.is_active:
        return NOTHING
    if office.district_id:
        return Q(**{f"{prefix}district_id": office.district_id})
    if office.province_id:
        return Q(**{f"{prefix}province_id": office.province_id})
    return Q()


def district_in_jurisdiction(user, district) -> bool:
    """May this user register or move a household into this district?"""
    office = office_for_user(user)
    if office is None or not user.is_active:
        return False
    if office.district_id:
        return office.district_id == district.pk
    if office.province_id:
        return office.province_id == district.province_id
    return True


def jurisdiction_scope(user) -> tuple[str, list] | None:
    """The user's jurisdiction for hand-written SQL: ("district", [id]), ("province", [id]) or ("", []) for
    the whole country; None when the user may see nothing. The same rule as jurisdiction_q()."""
    office = office_for_user(user)
    if office is None or not user.is_active:
        return None
    if office.district_id:
        return "district", [office.district_id]
    if office.province_id:
        return "province", [office.province_id]
    return "", []


SCOPE_SQL = {"district": " AND {alias}.district_id = %s", "province": " AND {alias}.province_id = %s", "": ""}


@functools.cache
def _office_loader() -> sql.Loader:
    return sql.Loader(Office, "o")


@functools.cache
def _nearest_office_sql() -> str:
    return (
        f"SELECT {_office_loader().sql} FROM {sql.table(Office)} o "
        "WHERE o.district_id = %s OR (o.province_id = %s AND o.district_id IS NULL) "
        "ORDER BY o.district_id IS NULL, CASE WHEN o.district_id IS NULL THEN '' ELSE o.kind END, o.name LIMIT 1"
    )


def _first_office(rows) -> Office | None:
    return _office_loader().build(rows[0]) if rows else None


def nearest_office(*, district_id: int, province_id: int) -> sql.Statement:
    """The office nearest to a place, as a statement (fetch() gives the Office or None): the district's (by kind,
    then name), else the province-wide one (by name). Hand-written: an application submission reads it with its
    other reads in one round trip."""
    return sql.Statement(_nearest_office_sql(), (district_id, province_id), _first_office)
